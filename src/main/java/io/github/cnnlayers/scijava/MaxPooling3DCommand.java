package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch max_pool3d (the input type) into a new image titled &lt;title&gt;-maxpool3d for scripts (see {@link LayerCommandBase}); Z is the depth, every T a
 * sample, and each size, stride, padding, dilation or scale is one number or three in z y x order ("1 2 2").
 * <p>
 * Groovy: {@code command.run(MaxPooling3DCommand, true, "input", imp, "size", "1 2 2").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Max Pooling 3D",
	description = "CNN Layers: PyTorch max_pool3d (the input type) into a new image titled <title>-maxpool3d (the ImageJ 1.x command Max Pooling 3D for scripts)")
public class MaxPooling3DCommand extends LayerCommandBase {

	/** Window size: one whole number >= 1, or three in z y x order */
	@Parameter(label = "Size", persist = false, description = "Window size: one whole number >= 1, or three in z y x order")
	private String size = "2";

	/** One whole number >= 1, or three in z y x order; empty means the size */
	@Parameter(label = "Stride", required = false, persist = false, description = "One whole number >= 1, or three in z y x order; empty means the size")
	private String stride;

	/** One whole number from 0 to size/2, or three in z y x order */
	@Parameter(label = "Padding", persist = false, description = "One whole number from 0 to size/2, or three in z y x order")
	private String padding = "0";

	/** Round the output size up, keeping a last partial window */
	@Parameter(label = "Ceil mode", persist = false, description = "Round the output size up, keeping a last partial window")
	private boolean ceil;

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false, description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.MAX_POOLING_3D;
	}
}

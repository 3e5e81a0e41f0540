package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch interpolate on volumes (nearest: the input type, trilinear: 32-bit) into a new image titled &lt;title&gt;-upsample3d for scripts (see {@link LayerCommandBase}); Z is the depth, every T a
 * sample, and each size, stride, padding, dilation or scale is one number or three in z y x order ("1 2 2").
 * <p>
 * Groovy: {@code command.run(Upsample3DCommand, true, "input", imp, "scale", "1 2 2", "mode", "trilinear").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Upsample 3D",
	description = "CNN Layers: PyTorch interpolate on volumes (nearest: the input type, trilinear: 32-bit) into a new image titled <title>-upsample3d (the ImageJ 1.x command Upsample 3D for scripts)")
public class Upsample3DCommand extends LayerCommandBase {

	/** One number > 0, or three in z y x order (2 doubles the axis) */
	@Parameter(label = "Scale", persist = false, description = "One number > 0, or three in z y x order (2 doubles the axis)")
	private String scale = "2";

	/** nearest or trilinear */
	@Parameter(label = "Mode", choices = { "nearest", "trilinear" }, persist = false, description = "nearest or trilinear")
	private String mode = "nearest";

	/** Trilinear only: the corner voxels of input and output are aligned */
	@Parameter(label = "Align corners", persist = false, description = "Trilinear only: the corner voxels of input and output are aligned")
	private boolean align_corners;

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false, description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.UPSAMPLE_3D;
	}
}

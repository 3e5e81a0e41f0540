package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch interpolate with a scale factor (nearest: same type, bilinear: 32-bit) into a new image titled &lt;title&gt;-upsample for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(UpsampleCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Upsample",
	description = "CNN Layers: PyTorch interpolate with a scale factor (nearest: same type, bilinear: 32-bit) into a new image titled <title>-upsample (the ImageJ 1.x command Upsample for scripts)")
public class UpsampleCommand extends LayerCommandBase {

	/** The scale factor of both axes. */
	@Parameter(label = "Scale", persist = false, description = "A number > 0 (2 doubles the width and height)")
	private double scale = 2;

	/** The interpolation. */
	@Parameter(label = "Mode", choices = { "nearest", "bilinear" }, persist = false, description = "nearest or bilinear")
	private String mode = "nearest";

	/** PyTorch's align_corners. */
	@Parameter(label = "Align corners", persist = false, description = "Bilinear only: the corner pixels of input and output are aligned")
	private boolean align_corners;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.UPSAMPLE;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch F.pad per side into a new image titled &lt;title&gt;-pad for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(PadCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Pad",
	description = "CNN Layers: PyTorch F.pad per side into a new image titled <title>-pad (the ImageJ 1.x command Pad for scripts)")
public class PadCommand extends LayerCommandBase {

	/** Rows added above. */
	@Parameter(label = "Top", persist = false, description = "Rows added above, a whole number (negative: cropped)")
	private double top = 1;

	/** Rows added below. */
	@Parameter(label = "Bottom", persist = false, description = "Rows added below, a whole number (negative: cropped)")
	private double bottom = 1;

	/** Columns added on the left. */
	@Parameter(label = "Left", persist = false, description = "Columns added on the left, a whole number (negative: cropped)")
	private double left = 1;

	/** Columns added on the right. */
	@Parameter(label = "Right", persist = false, description = "Columns added on the right, a whole number (negative: cropped)")
	private double right = 1;

	/** What the added pixels hold. */
	@Parameter(label = "Mode", choices = { "zero", "constant", "reflect", "replicate", "circular" }, persist = false, description = "zero, constant, reflect, replicate or circular")
	private String mode = "zero";

	/** The fill value of mode constant. */
	@Parameter(label = "Value", persist = false, description = "The fill value of mode constant")
	private double value = 0;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.PAD;
	}
}

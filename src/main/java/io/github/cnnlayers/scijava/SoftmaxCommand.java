package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch softmax over the channels of each pixel (32-bit) into a new image titled &lt;title&gt;-softmax for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(SoftmaxCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Softmax",
	description = "CNN Layers: PyTorch softmax over the channels of each pixel (32-bit) into a new image titled <title>-softmax (the ImageJ 1.x command Softmax for scripts)")
public class SoftmaxCommand extends LayerCommandBase {

	/** Every (z, t) of a hyperstack; else only the current one. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every (z, t) of a hyperstack; else the current one only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.SOFTMAX;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * Sigmoid f(x) = 1/(1+e^-x) on a copy of a 32-bit image, titled &lt;title&gt;-sigmoid for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(SigmoidCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Sigmoid",
	description = "CNN Layers: Sigmoid f(x) = 1/(1+e^-x) on a copy of a 32-bit image, titled <title>-sigmoid (the ImageJ 1.x command Sigmoid for scripts)")
public class SigmoidCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.SIGMOID;
	}
}

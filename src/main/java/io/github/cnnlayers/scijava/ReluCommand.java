package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.plugins.ActivationPlugin;
import io.github.cnnlayers.plugins.ReluPlugin;

/**
 * ReLU for scripts: {@code f(x) = max(0, x)} through {@link ReluPlugin#process}, applied to a copy of
 * the input, returned as {@code result} titled {@code <title>-relu} (see {@link ActivationCommandBase}).
 * <p>
 * Groovy: {@code command.run(ReluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "ReLU",
	description = "CNN Layers: ReLU on a copy of the image (the ImageJ 1.x command ReLU for scripts)")
public class ReluCommand extends ActivationCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected String command() {
		return "ReLU";
	}

	@Override
	protected ActivationPlugin plugin() {
		return new ReluPlugin();
	}

	@Override
	protected String suffix() {
		return "relu";
	}

	@Override
	String options() {
		return new OptionsString(command()).flag("stack", stack).toString();
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.plugins.ActivationPlugin;
import io.github.cnnlayers.plugins.LeakyReluPlugin;

/**
 * Leaky ReLU for scripts: {@code f(x) = x} for {@code x > 0}, {@code alpha * x} otherwise, through
 * {@link LeakyReluPlugin#process}, applied to a copy of the input, returned as {@code result} titled
 * {@code <title>-leakyrelu} (see {@link ActivationCommandBase}).
 * <p>
 * Groovy: {@code command.run(LeakyReluCommand, true, "input", imp, "alpha", 0.1).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Leaky ReLU",
	description = "CNN Layers: Leaky ReLU on a copy of the image (the ImageJ 1.x command Leaky ReLU... for scripts)")
public class LeakyReluCommand extends ActivationCommandBase {

	/** The negative slope (PyTorch {@code negative_slope}). */
	@Parameter(label = "Alpha (negative slope)", persist = false, description = "Any finite number (default 0.01, as PyTorch)")
	private double alpha = LeakyReluPlugin.DEFAULT_ALPHA;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected String command() {
		return "Leaky ReLU";
	}

	@Override
	protected ActivationPlugin plugin() {
		return new LeakyReluPlugin();
	}

	@Override
	protected String suffix() {
		return "leakyrelu";
	}

	@Override
	String options() {
		return new OptionsString(command()).number("alpha", alpha).flag("stack", stack).toString();
	}
}

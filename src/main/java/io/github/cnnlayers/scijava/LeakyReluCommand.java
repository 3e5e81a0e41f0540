package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * Leaky ReLU f(x) = x > 0 ? x : alpha*x on a copy of the image, titled &lt;title&gt;-leakyrelu for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(LeakyReluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Leaky ReLU",
	description = "CNN Layers: Leaky ReLU f(x) = x > 0 ? x : alpha*x on a copy of the image, titled <title>-leakyrelu (the ImageJ 1.x command Leaky ReLU for scripts)")
public class LeakyReluCommand extends LayerCommandBase {

	/** The negative slope (PyTorch negative_slope). */
	@Parameter(label = "Alpha", persist = false, description = "Negative slope, any finite number (default 0.01)")
	private double alpha = 0.01;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.LEAKY_RELU;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * ELU f(x) = x > 0 ? x : alpha*(e^x - 1) on a copy of the image, titled &lt;title&gt;-elu for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(EluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "ELU",
	description = "CNN Layers: ELU f(x) = x > 0 ? x : alpha*(e^x - 1) on a copy of the image, titled <title>-elu (the ImageJ 1.x command ELU for scripts)")
public class EluCommand extends LayerCommandBase {

	/** The value f tends to for x to -inf is -alpha. */
	@Parameter(label = "Alpha", persist = false, description = "Any finite number (default 1)")
	private double alpha = 1;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.ELU;
	}
}

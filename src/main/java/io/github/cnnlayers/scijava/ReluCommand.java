package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * ReLU f(x) = max(0, x) on a copy of the image, titled &lt;title&gt;-relu for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(ReluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "ReLU",
	description = "CNN Layers: ReLU f(x) = max(0, x) on a copy of the image, titled <title>-relu (the ImageJ 1.x command ReLU for scripts)")
public class ReluCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.RELU;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * Tanh f(x) = tanh(x) on a copy of a 32-bit image, titled &lt;title&gt;-tanh for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(TanhCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Tanh",
	description = "CNN Layers: Tanh f(x) = tanh(x) on a copy of a 32-bit image, titled <title>-tanh (the ImageJ 1.x command Tanh for scripts)")
public class TanhCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.TANH;
	}
}

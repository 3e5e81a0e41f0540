package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * The largest value of each plane, 1 x 1 (input type) into a new image titled &lt;title&gt;-globalmaxpool for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(GlobalMaxPoolingCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Global Max Pooling",
	description = "CNN Layers: The largest value of each plane, 1 x 1 (input type) into a new image titled <title>-globalmaxpool (the ImageJ 1.x command Global Max Pooling for scripts)")
public class GlobalMaxPoolingCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.GLOBAL_MAX_POOLING;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * min pooling (-max_pool2d(-x)) into a new image of the input type, titled &lt;title&gt;-minpool for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(MinPoolingCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Min Pooling",
	description = "CNN Layers: min pooling (-max_pool2d(-x)) into a new image of the input type, titled <title>-minpool (the ImageJ 1.x command Min Pooling for scripts)")
public class MinPoolingCommand extends PoolingCommandBase {

	@Override
	protected LayerCommand layer() {
		return LayerCommand.MIN_POOLING;
	}
}

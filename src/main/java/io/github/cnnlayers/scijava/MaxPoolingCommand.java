package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch max_pool2d into a new image of the input type, titled &lt;title&gt;-maxpool for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(MaxPoolingCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Max Pooling",
	description = "CNN Layers: PyTorch max_pool2d into a new image of the input type, titled <title>-maxpool (the ImageJ 1.x command Max Pooling for scripts)")
public class MaxPoolingCommand extends PoolingCommandBase {

	@Override
	protected LayerCommand layer() {
		return LayerCommand.MAX_POOLING;
	}
}

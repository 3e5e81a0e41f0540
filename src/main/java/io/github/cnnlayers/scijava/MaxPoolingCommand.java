package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.cnnlayers.plugins.MaxPoolingPlugin;

/**
 * Max Pooling for scripts: PyTorch's {@code max_pool2d} through {@link MaxPoolingPlugin#process}, into
 * a new image of the input's type titled {@code <title>-maxpool}.
 * <p>
 * Groovy: {@code command.run(MaxPoolingCommand, true, "input", imp, "size", 2).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Max Pooling",
	description = "CNN Layers: PyTorch max_pool2d into a new image (the ImageJ 1.x command Max Pooling... for scripts)")
public class MaxPoolingCommand extends PoolingCommandBase {

	@Override
	protected String command() {
		return "Max Pooling";
	}

	@Override
	protected ImagePlus compute(final ImagePlus image) {
		return new MaxPoolingPlugin().process(image, options().toString());
	}
}

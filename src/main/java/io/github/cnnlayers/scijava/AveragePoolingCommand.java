package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.cnnlayers.plugins.AveragePoolingPlugin;

/**
 * Average Pooling for scripts: PyTorch's {@code avg_pool2d} through {@link AveragePoolingPlugin#process},
 * into a new 32-bit image titled {@code <title>-avgpool}.
 * <p>
 * {@code count} is off by default, as the macro key (padded pixels do not count in the divisor);
 * PyTorch's default {@code count_include_pad=True} is {@code count = true}.
 * <p>
 * Groovy: {@code command.run(AveragePoolingCommand, true, "input", imp, "size", 2).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Average Pooling",
	description = "CNN Layers: PyTorch avg_pool2d into a new 32-bit image (the ImageJ 1.x command Average Pooling... for scripts)")
public class AveragePoolingCommand extends PoolingCommandBase {

	/** Padded pixels count in the divisor (PyTorch {@code count_include_pad}). */
	@Parameter(label = "Count padded pixels", persist = false,
		description = "Padded pixels count in the average's divisor (PyTorch count_include_pad; off by default as in macros)")
	private boolean count;

	@Override
	protected String command() {
		return "Average Pooling";
	}

	@Override
	protected ImagePlus compute(final ImagePlus image) {
		return new AveragePoolingPlugin().process(image, options().flag("count", count).toString());
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch avg_pool2d into a new 32-bit image, titled &lt;title&gt;-avgpool; count is off by default, as the macro key for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(AveragePoolingCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Average Pooling",
	description = "CNN Layers: PyTorch avg_pool2d into a new 32-bit image, titled <title>-avgpool; count is off by default, as the macro key (the ImageJ 1.x command Average Pooling for scripts)")
public class AveragePoolingCommand extends PoolingCommandBase {

	/** Padded pixels count in the divisor (PyTorch count_include_pad). */
	@Parameter(label = "Count padded pixels", persist = false,
		description = "Padded pixels count in the average's divisor (PyTorch count_include_pad; off by default as in macros)")
	private boolean count;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.AVERAGE_POOLING;
	}
}

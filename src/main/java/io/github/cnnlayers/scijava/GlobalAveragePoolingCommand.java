package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * The mean of each plane, 1 x 1 (32-bit) into a new image titled &lt;title&gt;-globalavgpool for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(GlobalAveragePoolingCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Global Average Pooling",
	description = "CNN Layers: The mean of each plane, 1 x 1 (32-bit) into a new image titled <title>-globalavgpool (the ImageJ 1.x command Global Average Pooling for scripts)")
public class GlobalAveragePoolingCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.GLOBAL_AVERAGE_POOLING;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * The mean of each plane, 1 x 1 (32-bit) into a new image titled &lt;title&gt;-globalavgpool3d over each volume (Z the depth, every T a sample) for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(GlobalAveragePooling3DCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Global Average Pooling 3D",
	description = "CNN Layers: The mean of each plane, 1 x 1 (32-bit) into a new image titled <title>-globalavgpool3d (the ImageJ 1.x command Global Average Pooling 3D for scripts)")
public class GlobalAveragePooling3DCommand extends LayerCommandBase {

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.GLOBAL_AVERAGE_POOLING_3D;
	}
}

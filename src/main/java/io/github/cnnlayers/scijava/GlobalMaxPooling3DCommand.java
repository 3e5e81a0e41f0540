package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * The largest value of each plane, 1 x 1 (input type) into a new image titled &lt;title&gt;-globalmaxpool3d over each volume (Z the depth, every T a sample) for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(GlobalMaxPooling3DCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Global Max Pooling 3D",
	description = "CNN Layers: The largest value of each plane, 1 x 1 (input type) into a new image titled <title>-globalmaxpool3d (the ImageJ 1.x command Global Max Pooling 3D for scripts)")
public class GlobalMaxPooling3DCommand extends LayerCommandBase {

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.GLOBAL_MAX_POOLING_3D;
	}
}

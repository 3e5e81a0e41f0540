package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * GELU f(x) = x * Phi(x) (exact erf form) on 32-bit images on a copy of the image, titled &lt;title&gt;-gelu for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(GeluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "GELU",
	description = "CNN Layers: GELU f(x) = x * Phi(x) (exact erf form) on 32-bit images on a copy of the image, titled <title>-gelu (the ImageJ 1.x command GELU for scripts)")
public class GeluCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.GELU;
	}
}

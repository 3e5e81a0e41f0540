package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * SiLU f(x) = x / (1 + e^-x) on 32-bit images on a copy of the image, titled &lt;title&gt;-silu for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(SiluCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "SiLU",
	description = "CNN Layers: SiLU f(x) = x / (1 + e^-x) on 32-bit images on a copy of the image, titled <title>-silu (the ImageJ 1.x command SiLU for scripts)")
public class SiluCommand extends LayerCommandBase {

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.SILU;
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch instance_norm, every channel over its pixels (32-bit) into a new image titled &lt;title&gt;-instancenorm for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(InstanceNormCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Instance Norm",
	description = "CNN Layers: PyTorch instance_norm, every channel over its pixels (32-bit) into a new image titled <title>-instancenorm (the ImageJ 1.x command Instance Norm for scripts)")
public class InstanceNormCommand extends LayerCommandBase {

	/** The weight file, optional. */
	@Parameter(label = "Weights", required = false, persist = false, description = "A .npz, .safetensors or Keras 2 .h5 file with the affine weight and bias; none for no affine step")
	private String weights;

	/** The layer's name in the file. */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The norm layer's name in the file")
	private String tensor;

	/** Added to the variance. */
	@Parameter(label = "Eps", persist = false, description = "A number > 0 added to the variance (PyTorch's default 1e-5)")
	private double eps = 1e-5;

	/** Every (z, t) of a hyperstack; else only the current one. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every (z, t) of a hyperstack; else the current one only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.INSTANCE_NORM;
	}
}

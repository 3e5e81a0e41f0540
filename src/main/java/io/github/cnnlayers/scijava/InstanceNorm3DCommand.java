package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch instance_norm, every channel over its pixels (32-bit) into a new image titled &lt;title&gt;-instancenorm3d over each volume (Z the depth, every T a sample) for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(InstanceNorm3DCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Instance Norm 3D",
	description = "CNN Layers: PyTorch instance_norm, every channel over its pixels (32-bit) into a new image titled <title>-instancenorm3d (the ImageJ 1.x command Instance Norm 3D for scripts)")
public class InstanceNorm3DCommand extends LayerCommandBase {

	/** The weight file, optional. */
	@Parameter(label = "Weights", required = false, persist = false, description = "A .npz, .safetensors or Keras 2 .h5 file with the affine weight and bias; none for no affine step")
	private String weights;

	/** The layer's name in the file. */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The norm layer's name in the file")
	private String tensor;

	/** Added to the variance. */
	@Parameter(label = "Eps", persist = false, description = "A number > 0 added to the variance (PyTorch's default 1e-5)")
	private double eps = 1e-5;

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.INSTANCE_NORM_3D;
	}
}

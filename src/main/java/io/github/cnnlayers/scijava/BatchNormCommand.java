package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * Batch Norm for scripts: PyTorch's {@code batch_norm} in eval mode on every channel, into a new
 * 32-bit image titled {@code <title>-batchnorm} (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(BatchNormCommand, true, "input", imp, "weights", "/path/model.safetensors", "tensor", "features.1", "stack", true)}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Batch Norm",
	description = "CNN Layers: batch norm (inference) per channel into a new 32-bit image (the ImageJ 1.x command Batch Norm... for scripts)")
public class BatchNormCommand extends LayerCommandBase {

	/** The weight file. */
	@Parameter(label = "Weights", required = false, persist = false,
		description = "A .npz, .safetensors, .h5 or .keras file with the layer's weight, bias, running mean and variance")
	private String weights;

	/** The layer's name in the file. */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The batch norm layer's name in the file")
	private String tensor;

	/** Added to the variance. */
	@Parameter(label = "Eps", persist = false, description = "A number > 0 added to the variance (PyTorch's default 1e-5)")
	private double eps = 1e-5;

	/** Every plane of a stack; else only the current (z, t). */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every (z, t) of a hyperstack; else the current one only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.BATCH_NORM;
	}
}

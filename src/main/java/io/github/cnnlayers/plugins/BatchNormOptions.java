package io.github.cnnlayers.plugins;

import java.nio.file.InvalidPathException;
import java.nio.file.Paths;

import io.github.cnnlayers.core.BatchNorm;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.weights.BatchNormWeights;
import io.github.cnnlayers.weights.WeightFile;

/** How the options of {@code run("Batch Norm...", ...)} become a {@link BatchNorm}: the weight file, the layer's name, eps. */
final class BatchNormOptions {

	private BatchNormOptions() {}

	/**
	 * @param o the options
	 * @return the batch norm layer
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	static BatchNorm layer(final MacroOptions o) {
		final BatchNormWeights w = weights(o);
		final double eps = eps(o);
		return new BatchNorm(w.scale(eps), w.shift(eps));
	}

	private static BatchNormWeights weights(final MacroOptions o) {
		final String file = o.text("weights", "").trim();
		if (file.isEmpty())
			throw new IllegalArgumentException("Batch Norm needs weights=[file]: a .npz, .safetensors, .h5 or .keras file with the " +
				"layer's weight, bias, running_mean and running_var (Keras: gamma, beta, moving_mean, moving_variance)");
		final String tensor = o.text("tensor", "").trim();
		try {
			return WeightFile.batchNorm(Paths.get(file), tensor.isEmpty() ? null : tensor);
		}
		catch (final InvalidPathException e) {
			throw new IllegalArgumentException("Batch Norm: weights=" + file + " is not a valid path");
		}
	}

	private static double eps(final MacroOptions o) {
		final double eps = o.number("eps", 1e-5, "a number > 0 (PyTorch's default 1e-5)");
		if (!(eps > 0))
			throw new IllegalArgumentException("Batch Norm: eps=" + NumberText.of(eps) + " is not allowed; allowed: a number > 0 " +
				"(PyTorch's default 1e-5)");
		return eps;
	}

	/** @return the parameters in effect, e.g. {@code "model.safetensors: features.1, 16 channels, eps 1e-05"} */
	static String describe(final MacroOptions o) {
		final BatchNormWeights w = weights(o);
		return w.source() + ", " + w.channels() + " channels, eps " + eps(o);
	}
}

package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.BatchNorm;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.weights.BatchNormWeights;

/** The options of {@code run("Batch Norm...", ...)}, parsed once: the weight file, the layer's name, eps. */
public final class BatchNormSpec extends SpecBase {

	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npz .safetensors .h5 .keras)", "a weight file").namingFile();
	static final Key TENSOR = Key.of("tensor", Key.Kind.TEXT, "", "Tensor (layer name in the file)", "a batch norm layer's name");
	static final Key EPS = Key.of("eps", Key.Kind.NUMBER, "1e-5", "Eps", "a number > 0 (PyTorch's default 1e-5)");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, TENSOR, EPS));

	private final BatchNormWeights weights;
	private final double eps;
	private final BatchNorm layer;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	BatchNormSpec(final MacroOptions o) {
		super(LayerCommand.BATCH_NORM, o);
		final String file = WEIGHTS.text(o).trim();
		if (file.isEmpty())
			throw new IllegalArgumentException("Batch Norm needs weights=[file]: a .npz, .safetensors, .h5 or .keras file with the " +
				"layer's weight, bias, running_mean and running_var (Keras: gamma, beta, moving_mean, moving_variance)");
		final String tensor = TENSOR.text(o).trim();
		weights = WeightCache.batchNorm(file, tensor.isEmpty() ? null : tensor, "Batch Norm");
		eps = EPS.number(o);
		if (!(eps > 0))
			throw new IllegalArgumentException("Batch Norm: eps=" + NumberText.of(eps) + " is not allowed; allowed: " + EPS.allowed());
		layer = new BatchNorm(weights.scale(eps), weights.shift(eps));
	}

	@Override
	public Layer layer() {
		return layer;
	}

	/** @return the parameters in effect, e.g. {@code "model.safetensors: features.1, 16 channels, eps 1e-05"} */
	@Override
	public String describe() {
		return weights.source() + ", " + weights.channels() + " channels, eps " + eps;
	}

	@Override
	public String caption() {
		return "Batch Norm " + TENSOR.text(options);
	}
}

package io.github.cnnlayers.weights;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

import io.github.cnnlayers.core.ConvWeights;

/**
 * An opened Keras model file: a Keras 2 {@code model.save} {@code .h5} (the {@code model_config} attribute and
 * {@code model_weights/}) or a Keras 3 {@code .keras} archive ({@code config.json} and {@code model.weights.h5}):
 * the model's serialized config and each layer's weights. Problems with the file are
 * {@link IllegalArgumentException}s naming them, as for {@link WeightFile}.
 */
public final class KerasModelFile implements Closeable {

	private final KerasStore store;

	private KerasModelFile(KerasStore store) {
		this.store = store;
	}

	/**
	 * Opens a Keras model file.
	 *
	 * @throws IllegalArgumentException if it is missing, not a Keras {@code .h5}/{@code .hdf5}/{@code .keras} file,
	 *                                  corrupt, or holds weights only (no model config)
	 */
	public static KerasModelFile open(Path file) {
		WeightFormat format = WeightFormat.of(file);
		if (format != WeightFormat.HDF5 && format != WeightFormat.KERAS)
			throw new IllegalArgumentException(file.getFileName() + " is a " + format.label() + " file, not a Keras " +
				"model; a Keras model is a .h5 or .hdf5 file of model.save (Keras 2) or a .keras archive (Keras 3)");
		KerasStore store;
		try {
			store = new KerasStore(file, format == WeightFormat.KERAS);
		}
		catch (java.io.IOException e) {
			throw new IllegalArgumentException("Cannot read Keras model " + file + ": " + e, e);
		}
		if (store.modelConfig() == null) {
			store.close();
			throw new IllegalArgumentException(file.getFileName() + " holds weights only, no model: it has " +
				(format == WeightFormat.KERAS ? "no " + KerasStore.KERAS_CONFIG_ENTRY : "no model_config attribute " +
				"(a save_weights file, not model.save)") + "; give the file model.save wrote");
		}
		return new KerasModelFile(store);
	}

	/**
	 * The model's serialized config as JSON values: objects are {@code Map<String, Object>}, arrays
	 * {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, then {@code String},
	 * {@code Boolean} and {@code null}.
	 */
	public Object config() {
		return store.modelConfig();
	}

	/** The file's name, for messages. */
	public String fileName() {
		return store.fileName();
	}

	/**
	 * The weights of a top-level layer, as stored (no transposition), in the order of {@code roles}.
	 *
	 * @param layerName the layer's name in the config
	 * @param className its class, for messages
	 * @param roles the weights its config says it has, in Keras's order: {@code kernel}, {@code bias};
	 *              {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}; ... (a Keras 3 file
	 *              stores them by position in this order, a Keras 2 file by these names)
	 * @throws IllegalArgumentException if the file has not exactly these weights for the layer
	 */
	public Tensor[] layerWeights(String layerName, String className, List<String> roles) {
		return store.layerWeights(layerName, className, roles);
	}

	/**
	 * A Keras Conv2D or DepthwiseConv2D kernel and bias in PyTorch's layout, as the Conv2D command reads them: a
	 * Conv2D's {@code [kh, kw, C_in/groups, C_out]} becomes {@code [C_out, C_in/groups, kh, kw]} (groups as given),
	 * a DepthwiseConv2D's {@code [kh, kw, C_in, M]} becomes {@code [C_in * M, 1, kh, kw]} with groups = C_in.
	 *
	 * @param className {@code Conv2D} or {@code DepthwiseConv2D}
	 * @param kernel the kernel as stored
	 * @param bias the bias as stored, or null
	 * @param groups the Conv2D's groups (ignored for a DepthwiseConv2D)
	 * @param source the layer, for messages
	 * @throws IllegalArgumentException for another class, a kernel that is not 4-D, a bias of another length than
	 *                                  C_out, or a value that is not finite
	 */
	public static ConvWeights convolution(String className, Tensor kernel, Tensor bias, int groups, String source) {
		KernelLayout layout = KernelLayout.ofKerasClass(className);
		if (layout == null)
			throw new IllegalArgumentException(className + " kernels are not in a Conv2D layout; readable are " +
				KernelLayout.kerasClasses());
		int[] shape = layout.pytorchShape(kernel, source + " kernel");
		float[] b = null;
		if (bias != null) {
			if (bias.rank() != 1 || bias.size() != shape[0])
				throw new IllegalArgumentException("The bias of " + source + " has shape " + bias.shapeText() +
					", but its kernel " + kernel.shapeText() + " needs a 1-D bias of length C_out = " + shape[0]);
			b = bias.data();
		}
		return new ConvWeights(layout.toPyTorch(kernel), shape[0], shape[1], shape[2], shape[3], b, source,
			layout.groups(kernel, groups));
	}

	@Override
	public void close() {
		store.close();
	}
}

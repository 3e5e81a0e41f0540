package io.github.cnnlayers.layers;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.TensorInfo;
import io.github.cnnlayers.weights.WeightFile;
import io.github.cnnlayers.weights.WeightFormat;

/**
 * The tensors of one layer in a weight file, found by their names: a PyTorch state_dict's
 * {@code <layer>.weight} / {@code <layer>.bias} ({@code .npz}, {@code .safetensors}) or a Keras 2 layer's
 * {@code <layer>/gamma} / {@code <layer>/beta} ({@code .h5}). A {@code .npy} file is one tensor.
 */
final class LayerTensors {

	private final Path file;
	private final String layer;
	private final List<TensorInfo> listing;

	/**
	 * @param file the weight file
	 * @param layer the layer's name, or {@code null}
	 * @throws IllegalArgumentException when the file cannot be read
	 */
	LayerTensors(final Path file, final String layer) {
		this.file = file;
		this.layer = layer == null ? "" : layer;
		this.listing = WeightFile.list(file);
	}

	/** @return whether the file is one NumPy array */
	boolean isNpy() {
		return WeightFormat.of(file) == WeightFormat.NPY;
	}

	/** @return whether the file holds Keras weights */
	boolean isKeras() {
		final WeightFormat f = WeightFormat.of(file);
		return f == WeightFormat.HDF5 || f == WeightFormat.KERAS;
	}

	/**
	 * @param names the names the tensor may have, in order of preference ({@code ""} stands for the layer's name
	 *        itself)
	 * @return the first of them the file holds, read; or {@code null}
	 */
	Tensor optional(final String... names) {
		for (final String n : names) {
			final String full = layer.isEmpty() ? n.replaceFirst("^[./]", "") : layer + n;
			if (full.isEmpty())
				continue;
			for (final TensorInfo t : listing)
				if (t.name().equals(full))
					return WeightFile.read(file, full);
		}
		return null;
	}

	/**
	 * @param what the tensor's role in messages, e.g. {@code "weight"}
	 * @param names as {@link #optional}
	 * @return the tensor
	 * @throws IllegalArgumentException naming the names looked for and listing the file's tensors
	 */
	Tensor required(final String what, final String... names) {
		final Tensor t = optional(names);
		if (t == null)
			throw new IllegalArgumentException(file.getFileName() + " holds no " + what + " for layer \"" + layer + "\" (looked for " +
				java.util.Arrays.stream(names).map(n -> "\"" + (layer.isEmpty() ? n.replaceFirst("^[./]", "") : layer + n) + "\"")
					.collect(Collectors.joining(", ")) + "); give tensor=NAME, one of the layers of: " +
				listing.stream().map(i -> i.name() + " " + java.util.Arrays.toString(i.shape())).collect(Collectors.joining(", ")));
		return t;
	}

	/** @return the only tensor of the file, read */
	Tensor only() {
		return WeightFile.read(file, null);
	}
}

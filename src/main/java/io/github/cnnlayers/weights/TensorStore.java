package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.JavaHeap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One opened weight file: its tensors by name, and which of them hold a convolution's or a batch norm's
 * parameters. This base class follows PyTorch state_dict naming ({@code NAME.weight}, {@code NAME.bias},
 * {@code NAME.running_mean}, {@code NAME.running_var}); Keras files override the layer lookups.
 */
abstract class TensorStore implements Closeable {

	/** How many tensors an error message lists before it says how many more there are. */
	private static final int LISTED = 40;

	/** The file read. */
	final Path file;

	TensorStore(Path file) {
		this.file = file;
	}

	/** The file's name, for messages. */
	final String fileName() {
		return String.valueOf(file.getFileName());
	}

	/** All tensors, in file order. */
	abstract List<TensorInfo> list() throws IOException;

	/**
	 * The tensor of a name as {@link #list()} gives it.
	 *
	 * @throws IllegalArgumentException if there is none (listing the names and shapes there are), or it cannot be
	 *                                  converted to float
	 */
	abstract Tensor read(String name) throws IOException;

	/** A convolution's kernel, its bias (or null), the kernel's layout and the groups its layer declares. */
	static final class ConvTensors {
		final Tensor kernel;
		final Tensor bias;
		final KernelLayout layout;
		/** The groups the file's layer config declares, or 0 when the file does not say. */
		final int declaredGroups;

		ConvTensors(Tensor kernel, Tensor bias, KernelLayout layout, int declaredGroups) {
			this.kernel = kernel;
			this.bias = bias;
			this.layout = layout;
			this.declaredGroups = declaredGroups;
		}

		ConvTensors(Tensor kernel, Tensor bias) {
			this(kernel, bias, KernelLayout.PYTORCH, 0);
		}
	}

	/**
	 * The convolution kernel {@code name} (or {@code name.weight}) and its bias {@code name.bias} when present.
	 * A null or empty name picks the only tensor, or the only 2-D or 4-D one.
	 */
	ConvTensors convolution(String name) throws IOException {
		List<TensorInfo> all = list();
		String weight;
		if (name == null || name.isEmpty()) {
			List<TensorInfo> candidates = new ArrayList<>();
			for (TensorInfo t : all)
				if (t.rank() == 2 || t.rank() == 4) candidates.add(t);
			if (all.size() == 1) weight = all.get(0).name();
			else if (candidates.size() == 1) weight = candidates.get(0).name();
			else if (candidates.isEmpty())
				throw new IllegalArgumentException(fileName() + " holds no 2-D or 4-D tensor to use as convolution " +
					"weights; it holds: " + listing(all));
			else throw new IllegalArgumentException(fileName() + " holds " + candidates.size() +
				" possible convolution weights; choose one with tensor=NAME: " + listing(candidates));
		}
		else if (find(all, name) != null) weight = name;
		else if (find(all, name + ".weight") != null) weight = name + ".weight";
		else throw new IllegalArgumentException("No tensor '" + name + "' (nor '" + name + ".weight') in " +
			fileName() + "; it holds: " + listing(all));
		Tensor bias = null;
		if (weight.endsWith(".weight")) {
			String biasName = weight.substring(0, weight.length() - ".weight".length()) + ".bias";
			if (find(all, biasName) != null) bias = read(biasName);
		}
		return new ConvTensors(read(weight), bias);
	}

	/**
	 * Batch-norm parameters {@code gamma, beta, running mean, running variance} of a layer, from
	 * {@code name.weight}, {@code name.bias}, {@code name.running_mean}, {@code name.running_var}; gamma and beta
	 * are null when absent (affine=False). A null name picks the only such layer.
	 */
	Tensor[] batchNorm(String name) throws IOException {
		List<TensorInfo> all = list();
		List<String> layers = new ArrayList<>();
		for (TensorInfo t : all)
			if (t.name().endsWith(".running_mean")) {
				String prefix = t.name().substring(0, t.name().length() - ".running_mean".length());
				if (find(all, prefix + ".running_var") != null) layers.add(prefix);
			}
		String layer;
		if (name == null || name.isEmpty()) {
			if (layers.size() != 1)
				throw new IllegalArgumentException(fileName() + " holds " + (layers.isEmpty() ?
					"no batch-norm parameters (NAME.running_mean and NAME.running_var); it holds: " + listing(all) :
					layers.size() + " batch-norm layers; choose one with tensor=NAME: " + String.join(", ", layers)));
			layer = layers.get(0);
		}
		else {
			layer = name.endsWith(".weight") ? name.substring(0, name.length() - ".weight".length()) : name;
			if (!layers.contains(layer))
				throw new IllegalArgumentException("No batch-norm layer '" + name + "' in " + fileName() +
					" (looked for " + layer + ".running_mean and " + layer + ".running_var); " +
					(layers.isEmpty() ? "it has none" : "batch-norm layers: " + String.join(", ", layers)) +
					"; tensors: " + listing(all));
		}
		return new Tensor[] {
			find(all, layer + ".weight") == null ? null : read(layer + ".weight"),
			find(all, layer + ".bias") == null ? null : read(layer + ".bias"),
			read(layer + ".running_mean"), read(layer + ".running_var") };
	}

	/**
	 * Checks, before a tensor is read, that its stored bytes and its float values fit in the free heap: a file's
	 * header may declare any size, and the values must never be allocated for a claim the heap cannot hold.
	 *
	 * @param where       the tensor in messages, e.g. {@code w.npz: conv.weight.npy}
	 * @param storedBytes the bytes the file stores it in
	 * @throws IllegalArgumentException saying how much is needed and how much is free
	 */
	static void requireMemoryFor(String where, int[] shape, String dtype, long storedBytes) {
		JavaHeap.require(storedBytes + 4.0 * Tensor.elementCount(shape), "Reading the tensor " + where + " " +
			Tensor.shapeText(shape) + " " + dtype + " (its " + storedBytes + " bytes, then as float) would", "");
	}

	/** The entry of a name, or null. */
	static TensorInfo find(List<TensorInfo> all, String name) {
		for (TensorInfo t : all)
			if (t.name().equals(name)) return t;
		return null;
	}

	/** The error for a name that is not in the file, listing the names and shapes that are. */
	IllegalArgumentException noSuchTensor(String name, List<TensorInfo> all) {
		return new IllegalArgumentException("No tensor '" + name + "' in " + fileName() + "; it holds: " +
			listing(all));
	}

	/** Names with shapes, e.g. {@code a [2, 3], b [3]}, at most {@value #LISTED} of them. */
	static String listing(List<TensorInfo> tensors) {
		if (tensors.isEmpty()) return "nothing";
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < tensors.size() && i < LISTED; i++)
			sb.append(i == 0 ? "" : ", ").append(tensors.get(i));
		if (tensors.size() > LISTED) sb.append(" and ").append(tensors.size() - LISTED).append(" more");
		return sb.toString();
	}

	@Override
	public void close() throws IOException {
		// nothing held by default
	}
}

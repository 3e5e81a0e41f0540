package io.github.cnnlayers.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.github.cnnlayers.core.ConvWeights;

/**
 * Reads learned layer weights from {@code .npy}, {@code .npz}, {@code .safetensors} and Keras {@code .h5},
 * {@code .hdf5} or {@code .keras} files, in pure Java. Every problem with a file — missing, unreadable, of
 * another format, corrupt, of an unsupported element type, without the asked-for tensor, with NaN weights — is
 * reported as an {@link IllegalArgumentException} whose message names it and what is allowed.
 */
public final class WeightFile {

	private WeightFile() {
	}

	/** All tensors of a weight file with their names, shapes and element types, in file order. */
	public static List<TensorInfo> list(Path file) {
		try (TensorStore store = open(file)) {
			return store.list();
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	/**
	 * One tensor, as stored (no transposition).
	 *
	 * @param name the tensor's name as {@link #list} gives it (for Keras files also a layer name, which reads its
	 *             kernel); may be null when the file holds exactly one tensor; ignored for {@code .npy}
	 */
	public static Tensor read(Path file, String name) {
		try (TensorStore store = open(file)) {
			if (name == null || name.isEmpty()) {
				List<TensorInfo> all = store.list();
				if (all.size() != 1)
					throw new IllegalArgumentException(file.getFileName() + " holds " + all.size() +
						" tensors; choose one with tensor=NAME: " + TensorStore.listing(all));
				name = all.get(0).name();
			}
			return store.read(name);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	/**
	 * The weights and bias of a convolution, in PyTorch's layout {@code [C_out, C_in/groups, kh, kw]}.
	 * <ul>
	 * <li>{@code .npy}: the file's array; {@code [kh, kw]} becomes {@code [1, 1, kh, kw]}.</li>
	 * <li>{@code .npz}, {@code .safetensors}: tensor {@code NAME} itself or {@code NAME.weight}, with
	 * {@code NAME.bias} when present (PyTorch state_dict names).</li>
	 * <li>Keras: layer {@code NAME}'s kernel {@code [kh, kw, C_in/groups, C_out]}, transposed, and its bias; a
	 * DepthwiseConv2D's {@code [kh, kw, C_in, M]} becomes {@code [C_in * M, 1, kh, kw]} with groups = C_in (see
	 * {@link ConvWeights#groups()}).</li>
	 * </ul>
	 *
	 * @param tensor   the tensor or layer; null or empty picks the only candidate
	 * @param biasFile a file holding one 1-D bias of length C_out (e.g. {@code .npy}), used instead of a bias in
	 *                 the weight file; or null
	 */
	public static ConvWeights convolution(Path file, String tensor, Path biasFile) {
		TensorStore.ConvTensors t;
		try (TensorStore store = open(file)) {
			t = store.convolution(tensor);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
		Tensor k = t.kernel;
		String where = k.name().equals(String.valueOf(file.getFileName())) ? k.name() :
			file.getFileName() + ": " + k.name();
		requireFinite(k.values(), k.shape(), "tensor " + where);
		int[] shape = t.layout.pytorchShape(k, where);
		int co = shape[0];
		float[] w = t.layout.toPyTorch(k);
		StringBuilder source = new StringBuilder(where).append(' ').append(k.shapeText()).append(t.layout.note());
		Tensor bias = t.bias;
		if (biasFile != null) {
			bias = read(biasFile, null);
			source.append(" + ").append(biasFile.getFileName());
		}
		else if (bias != null) source.append(" + ").append(bias.name());
		float[] b = null;
		if (bias != null) {
			if (bias.rank() != 1 || bias.size() != co)
				throw new IllegalArgumentException("The bias " + bias.name() + " has shape " + bias.shapeText() +
					", but the weights " + where + " need a 1-D bias of length C_out = " + co);
			b = bias.values();
		}
		return new ConvWeights(w, co, shape[1], shape[2], shape[3], b, source.toString(),
			t.layout.groups(k, t.declaredGroups));
	}

	/**
	 * The parameters of a batch norm in inference mode: PyTorch {@code NAME.weight}, {@code NAME.bias},
	 * {@code NAME.running_mean}, {@code NAME.running_var} ({@code .safetensors}, {@code .npz}), or the Keras layer
	 * {@code NAME}'s {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}.
	 *
	 * @param tensor the layer name ({@code features.1}, {@code batch_normalization}); null picks the only one
	 */
	public static BatchNormWeights batchNorm(Path file, String tensor) {
		Tensor[] p;
		try (TensorStore store = open(file)) {
			p = store.batchNorm(tensor);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
		String[] roles = { "weight (gamma)", "bias (beta)", "running mean", "running variance" };
		for (int i = 0; i < p.length; i++)
			if (p[i] != null && p[i].rank() != 1)
				throw new IllegalArgumentException("Batch norm " + roles[i] + " " + p[i].name() + " in " +
					file.getFileName() + " has shape " + p[i].shapeText() + "; it must be 1-D, one value per channel");
		String layer = p[2].name().replaceFirst("(\\.running_mean|/moving_mean|/vars/\\d+)$", "");
		return new BatchNormWeights(p[0] == null ? null : p[0].values(), p[1] == null ? null : p[1].values(),
			p[2].values(), p[3].values(), file.getFileName() + ": " + layer);
	}

	/** Opens a file as the store of its format. */
	static TensorStore open(Path file) throws IOException {
		WeightFormat format = WeightFormat.of(file);
		switch (format) {
			case NPY: return new NpyStore(file);
			case NPZ: return new NpzStore(file);
			case SAFETENSORS: return new SafetensorsStore(file);
			case HDF5: return new KerasStore(file, false);
			case KERAS: return new KerasStore(file, true);
			default: throw new AssertionError(format);
		}
	}

	/**
	 * Checks that all values are finite numbers.
	 *
	 * @throws IllegalArgumentException naming the values and the index of the first NaN or infinity
	 */
	static void requireFinite(float[] values, int[] shape, String what) {
		for (int i = 0; i < values.length; i++)
			if (Float.isNaN(values[i]) || Float.isInfinite(values[i]))
				throw new IllegalArgumentException((Float.isNaN(values[i]) ? "NaN" : "Infinite value") +
					" at index " + Tensor.indexText(shape, i) + " of the " + what + "; weights must be finite numbers");
	}

	private static IllegalArgumentException unreadable(Path file, IOException e) {
		return new IllegalArgumentException("Cannot read weight file " + file + ": " + e, e);
	}
}

package io.github.cnnlayers.layers;

import java.nio.file.Path;

import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The weight and bias of one 3D convolution layer read from a weight file, in PyTorch's 5-D layout: {@code .npy}
 * (one tensor), {@code .npz} and {@code .safetensors} ({@code NAME} or {@code NAME.weight}, with {@code NAME.bias}
 * when present), and for Conv3D a Keras layer's channels-last kernel {@code [kd, kh, kw, C_in/groups, C_out]}
 * ({@code NAME/kernel}, Keras 3 {@code NAME/vars/0}) transposed to {@code [C_out, C_in/groups, kd, kh, kw]}.
 */
final class VolumeWeights {

	/** The weight, 5-D in PyTorch's layout */
	final Tensor weight;
	/** The bias, 1-D, or {@code null} */
	final Tensor bias;

	private VolumeWeights(final Tensor weight, final Tensor bias) {
		this.weight = weight;
		this.bias = bias;
	}

	/**
	 * @param file the weight file
	 * @param layer the tensor or layer name, "" for the file's only tensor
	 * @param biasFile a file holding the bias, or {@code null} for the layer's own bias when present
	 * @param command the command's name, for messages
	 * @param layout PyTorch's layout of the weight, for messages, e.g. {@code "[C_out, C_in/groups, kd, kh, kw]"}
	 * @param kerasAllowed whether a Keras kernel is read (Conv3D) or refused (ConvTranspose3D)
	 * @return the tensors
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	static VolumeWeights read(final Path file, final String layer, final Path biasFile, final String command, final String layout,
		final boolean kerasAllowed)
	{
		final LayerTensors t = new LayerTensors(file, layer);
		Tensor weight;
		Tensor bias;
		if (t.isKeras()) {
			if (!kerasAllowed)
				throw new IllegalArgumentException(command + " reads PyTorch's layout " + layout + " from .npy, .npz or .safetensors " +
					"files; Keras kernels are not read: save the kernel transposed to " + layout + " as .npy, its bias as a second .npy " +
					"(biases=[file])");
			final Tensor k = t.required("kernel", "/kernel", "/vars/0");
			requireRank5(k, command, "[kd, kh, kw, C_in/groups, C_out] (Keras Conv3D)");
			weight = channelsFirst(k);
			bias = t.optional("/bias", "/vars/1");
		}
		else {
			final boolean named = !layer.isEmpty() && !t.isNpy();
			weight = named ? t.required("weight", "", ".weight") : t.only();
			requireRank5(weight, command, layout + " (PyTorch)");
			bias = named ? t.optional(".bias") : null;
		}
		if (biasFile != null)
			bias = WeightFile.read(biasFile, null);
		if (bias != null && bias.rank() != 1)
			throw new IllegalArgumentException(command + ": the bias " + bias.name() + " has shape " + bias.shapeText() +
				"; allowed: a 1-D tensor of C_out values");
		return new VolumeWeights(weight, bias);
	}

	private static void requireRank5(final Tensor w, final String command, final String layout) {
		if (w.rank() != 5)
			throw new IllegalArgumentException(command + ": the weights " + w.name() + " have shape " + w.shapeText() +
				"; allowed: a 5-D tensor " + layout);
	}

	/** @return Keras's {@code [kd, kh, kw, C_in/g, C_out]} as PyTorch's {@code [C_out, C_in/g, kd, kh, kw]} */
	private static Tensor channelsFirst(final Tensor k) {
		final int kd = k.dim(0), kh = k.dim(1), kw = k.dim(2), ci = k.dim(3), co = k.dim(4);
		final float[] in = k.data();
		final float[] out = new float[in.length];
		for (int z = 0; z < kd; z++)
			for (int y = 0; y < kh; y++)
				for (int x = 0; x < kw; x++)
					for (int i = 0; i < ci; i++)
						for (int o = 0; o < co; o++)
							out[(((o * ci + i) * kd + z) * kh + y) * kw + x] = in[(((z * kh + y) * kw + x) * ci + i) * co + o];
		return new Tensor(k.name() + " (Keras, transposed)", new int[] { co, ci, kd, kh, kw }, out, k.dtype());
	}
}

package io.github.cnnlayers.core;

import java.util.Arrays;

/**
 * The learned parameters of one 3-D convolution in PyTorch's layout: weights {@code [C_out, C_in/groups, kd, kh, kw]}
 * in C order and an optional bias of length {@code C_out}. The one check of a 3D convolution's parameters: every
 * size at least 1, the lengths matching the shape, every value finite. Immutable; {@link Conv3D} runs on it
 * without copying.
 */
public final class ConvWeights3D {

	private final float[] weights;
	private final int outChannels;
	private final int inChannelsPerGroup;
	private final PerAxis3D kernel;
	private final float[] bias;
	private final String source;

	/**
	 * @param weights            {@code [C_out, C_in/groups, kd, kh, kw]} in C order; copied
	 * @param outChannels        C_out
	 * @param inChannelsPerGroup C_in/groups
	 * @param kernel             the kernel size (kd, kh, kw)
	 * @param bias               C_out values, or null for none; copied
	 * @param source             where the values come from, for logs, titles and messages
	 * @throws IllegalArgumentException if a size is not positive, the lengths do not match, or a value is NaN or
	 *                                  infinite
	 */
	public ConvWeights3D(final float[] weights, final int outChannels, final int inChannelsPerGroup, final PerAxis3D kernel,
		final float[] bias, final String source)
	{
		final int[] shape = { outChannels, inChannelsPerGroup, kernel.z, kernel.y, kernel.x };
		long count = 1;
		for (final int s : shape) {
			if (s < 1)
				throw new IllegalArgumentException("Convolution weights " + source + ": every size of " +
					"[C_out, C_in/groups, kd, kh, kw] must be at least 1, not " + Arrays.toString(shape));
			count *= s; // each factor < 2^31, and the product is compared before it can overflow
			if (count > Integer.MAX_VALUE)
				break;
		}
		if (count != weights.length)
			throw new IllegalArgumentException("Convolution weights " + source + ": shape " + Arrays.toString(shape) +
				" needs " + (count > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : String.valueOf(count)) +
				" values, not " + weights.length);
		ConvWeights.requireFinite(weights, shape, "weights of " + source);
		if (bias != null) {
			if (bias.length != outChannels)
				throw new IllegalArgumentException("Bias of " + source + " has " + bias.length + " values, but the " +
					"weights have C_out = " + outChannels + " output channels; the bias needs one per output channel");
			ConvWeights.requireFinite(bias, new int[] { bias.length }, "bias of " + source);
		}
		this.weights = weights.clone();
		this.outChannels = outChannels;
		this.inChannelsPerGroup = inChannelsPerGroup;
		this.kernel = kernel;
		this.bias = bias == null ? null : bias.clone();
		this.source = source;
	}

	/** C_out: the number of output channels (kernels). */
	public int outChannels() {
		return outChannels;
	}

	/** C_in/groups: the number of input channels each kernel sees. */
	public int inChannelsPerGroup() {
		return inChannelsPerGroup;
	}

	/** The kernel size (kd, kh, kw). */
	public PerAxis3D kernelSize() {
		return kernel;
	}

	/** The shape {@code [C_out, C_in/groups, kd, kh, kw]}. */
	public int[] shape() {
		return new int[] { outChannels, inChannelsPerGroup, kernel.z, kernel.y, kernel.x };
	}

	/** The weight of output channel o, input channel i (within its group), kernel plane z, row y and column x. */
	public float weight(final int o, final int i, final int z, final int y, final int x) {
		if (o < 0 || o >= outChannels || i < 0 || i >= inChannelsPerGroup || z < 0 || z >= kernel.z || y < 0 || y >= kernel.y ||
			x < 0 || x >= kernel.x)
			throw new IndexOutOfBoundsException("[" + o + ", " + i + ", " + z + ", " + y + ", " + x + "] outside " +
				Arrays.toString(shape()));
		return weights[(((o * inChannelsPerGroup + i) * kernel.z + z) * kernel.y + y) * kernel.x + x];
	}

	/** A copy of all weights, {@code [C_out, C_in/groups, kd, kh, kw]} in C order. */
	public float[] weights() {
		return weights.clone();
	}

	/** The weights themselves, for the layers of this package, which never write them. */
	float[] values() {
		return weights;
	}

	/** The bias itself or null, for the layers of this package, which never write it. */
	float[] biasValues() {
		return bias;
	}

	/** Whether there is a bias. */
	public boolean hasBias() {
		return bias != null;
	}

	/** A copy of the bias, one value per output channel, or null when there is none. */
	public float[] bias() {
		return bias == null ? null : bias.clone();
	}

	/** Where the values come from, e.g. {@code unet3d.safetensors: enc.0.weight [16, 1, 3, 3, 3] + enc.0.bias}. */
	public String source() {
		return source;
	}

	/** The same as {@link #source()}. */
	@Override
	public String toString() {
		return source;
	}
}

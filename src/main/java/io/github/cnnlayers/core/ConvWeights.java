package io.github.cnnlayers.core;

import java.util.Arrays;

/**
 * The learned parameters of one 2-D convolution in PyTorch's layout: weights {@code [C_out, C_in/groups, kh, kw]}
 * in C order, an optional bias of length {@code C_out}, and the groups when their source fixes them (a Keras
 * DepthwiseConv2D). This is the one check of a convolution's parameters: every size at least 1, the lengths
 * matching the shape, every value finite. Immutable; {@link Conv2D} runs on it without copying.
 */
public final class ConvWeights {

	/** The groups a command runs with when it is not told otherwise: PyTorch's default, 1. */
	public static final int DEFAULT_GROUPS = 1;

	private final float[] weights;
	private final int outChannels;
	private final int inChannelsPerGroup;
	private final int kernelHeight;
	private final int kernelWidth;
	private final float[] bias;
	private final String source;
	private final int groups;

	/**
	 * Convolution parameters whose groups are left to the layer; the arrays are copied.
	 *
	 * @param weights            {@code [C_out, C_in/groups, kh, kw]} in C order
	 * @param outChannels        C_out
	 * @param inChannelsPerGroup C_in/groups
	 * @param kernelHeight       kh
	 * @param kernelWidth        kw
	 * @param bias               C_out values, or null for none
	 * @param source             where the values come from, for logs, titles and messages
	 * @throws IllegalArgumentException if a size is not positive, the lengths do not match, or a value is NaN or
	 *                                  infinite
	 */
	public ConvWeights(final float[] weights, final int outChannels, final int inChannelsPerGroup, final int kernelHeight,
		final int kernelWidth, final float[] bias, final String source)
	{
		this(weights, outChannels, inChannelsPerGroup, kernelHeight, kernelWidth, bias, source, 0);
	}

	/**
	 * As {@link #ConvWeights(float[], int, int, int, int, float[], String)}, with the groups the source fixes.
	 *
	 * @param groups as {@link #groups()} says: 0 when the source leaves them to the command
	 */
	public ConvWeights(final float[] weights, final int outChannels, final int inChannelsPerGroup, final int kernelHeight,
		final int kernelWidth, final float[] bias, final String source, final int groups)
	{
		final int[] shape = { outChannels, inChannelsPerGroup, kernelHeight, kernelWidth };
		long count = 1;
		for (final int s : shape) {
			if (s < 1)
				throw new IllegalArgumentException("Convolution weights " + source + ": every size of " +
					"[C_out, C_in/groups, kh, kw] must be at least 1, not " + Arrays.toString(shape));
			count *= s; // each factor < 2^31, and the product is compared before it can overflow
			if (count > Integer.MAX_VALUE)
				break;
		}
		if (count != weights.length)
			throw new IllegalArgumentException("Convolution weights " + source + ": shape " + Arrays.toString(shape) +
				" needs " + (count > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : String.valueOf(count)) +
				" values, not " + weights.length);
		requireFinite(weights, shape, "weights of " + source);
		if (bias != null) {
			if (bias.length != outChannels)
				throw new IllegalArgumentException("Bias of " + source + " has " + bias.length + " values, but the " +
					"weights have C_out = " + outChannels + " output channels; the bias needs one per output channel");
			requireFinite(bias, new int[] { bias.length }, "bias of " + source);
		}
		if (groups < 0)
			throw new IllegalArgumentException("Convolution weights " + source + ": groups " + groups +
				" is not allowed; allowed: whole numbers >= 1, or 0 when the command gives them");
		this.weights = weights.clone();
		this.outChannels = outChannels;
		this.inChannelsPerGroup = inChannelsPerGroup;
		this.kernelHeight = kernelHeight;
		this.kernelWidth = kernelWidth;
		this.bias = bias == null ? null : bias.clone();
		this.source = source;
		this.groups = groups;
	}

	/**
	 * @param values the values of a tensor
	 * @param shape its shape, for the index in the message
	 * @param what what the values are, e.g. {@code "bias of model.npz: conv"}
	 * @throws IllegalArgumentException naming the first NaN or infinite value and its index
	 */
	static void requireFinite(final float[] values, final int[] shape, final String what) {
		for (int i = 0; i < values.length; i++)
			if (!Float.isFinite(values[i])) {
				final int[] index = new int[shape.length];
				int rest = i;
				for (int axis = shape.length - 1; axis >= 0; axis--) {
					index[axis] = rest % shape[axis];
					rest /= shape[axis];
				}
				throw new IllegalArgumentException((Float.isNaN(values[i]) ? "NaN" : "Infinite value") + " at index " +
					Arrays.toString(index) + " of the " + what + "; weights must be finite numbers");
			}
	}

	/** C_out: the number of output channels (kernels). */
	public int outChannels() {
		return outChannels;
	}

	/** C_in/groups: the number of input channels each kernel sees. */
	public int inChannelsPerGroup() {
		return inChannelsPerGroup;
	}

	/** kh: kernel rows. */
	public int kernelHeight() {
		return kernelHeight;
	}

	/** kw: kernel columns. */
	public int kernelWidth() {
		return kernelWidth;
	}

	/** The shape {@code [C_out, C_in/groups, kh, kw]}. */
	public int[] shape() {
		return new int[] { outChannels, inChannelsPerGroup, kernelHeight, kernelWidth };
	}

	/** The weight of output channel o, input channel i (within its group), kernel row y and column x. */
	public float weight(final int o, final int i, final int y, final int x) {
		if (o < 0 || o >= outChannels || i < 0 || i >= inChannelsPerGroup || y < 0 || y >= kernelHeight || x < 0 ||
			x >= kernelWidth)
			throw new IndexOutOfBoundsException("[" + o + ", " + i + ", " + y + ", " + x + "] outside " +
				Arrays.toString(shape()));
		return weights[((o * inChannelsPerGroup + i) * kernelHeight + y) * kernelWidth + x];
	}

	/** A copy of all weights, {@code [C_out, C_in/groups, kh, kw]} in C order. */
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

	/** A copy of the kernel of output channel o and input channel i, {@code kh * kw} values row by row. */
	public float[] kernel(final int o, final int i) {
		final float[] k = new float[kernelHeight * kernelWidth];
		System.arraycopy(weights, (o * inChannelsPerGroup + i) * k.length, k, 0, k.length);
		return k;
	}

	/**
	 * The groups the weight file fixes for these weights — C_in for a Keras DepthwiseConv2D, the config's value for
	 * a Keras Conv2D of a {@code .keras} file that gives one — or 0 when the file leaves them to the command's
	 * {@code groups} key (PyTorch files, Keras files without a config).
	 */
	public int groups() {
		return groups;
	}

	/**
	 * The groups to run these weights with.
	 *
	 * @param asked the groups the command was given: {@link #DEFAULT_GROUPS} when left out
	 * @return {@code asked} when the file does not fix the groups, else the file's groups
	 * @throws IllegalArgumentException when the file fixes other groups than {@code asked} and {@code asked} is
	 *                                  not the default
	 */
	public int groupsFor(final int asked) {
		if (groups == 0)
			return asked;
		if (asked == groups || asked == DEFAULT_GROUPS)
			return groups;
		throw new IllegalArgumentException("Conv2D: groups=" + asked + " does not agree with the weights " + source +
			", whose groups are " + groups + "; leave groups out (or give groups=" + groups + ")");
	}

	/** Whether there is a bias. */
	public boolean hasBias() {
		return bias != null;
	}

	/** A copy of the bias, one value per output channel, or null when there is none. */
	public float[] bias() {
		return bias == null ? null : bias.clone();
	}

	/** Where the values come from, e.g. {@code model.safetensors: features.0.weight [16, 3, 3, 3] + features.0.bias}. */
	public String source() {
		return source;
	}

	/** The same as {@link #source()}. */
	@Override
	public String toString() {
		return source;
	}
}

package io.github.cnnlayers.weights;

/**
 * The learned parameters of one 2-D convolution in PyTorch's layout: weights {@code [C_out, C_in/groups, kh, kw]}
 * in C order, an optional bias of length {@code C_out}, and the groups when the file fixes them (a Keras
 * DepthwiseConv2D). All values are finite. Immutable.
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
	 * Convolution parameters; the arrays are copied.
	 *
	 * @param weights            {@code [C_out, C_in/groups, kh, kw]} in C order
	 * @param outChannels        C_out
	 * @param inChannelsPerGroup C_in/groups
	 * @param kernelHeight       kh
	 * @param kernelWidth        kw
	 * @param bias               C_out values, or null for none
	 * @param source             where the values come from, for logs and titles
	 * @throws IllegalArgumentException if a size is not positive, the lengths do not match, or a value is NaN or
	 *                                  infinite
	 */
	public ConvWeights(float[] weights, int outChannels, int inChannelsPerGroup, int kernelHeight, int kernelWidth,
		float[] bias, String source)
	{
		this(weights.clone(), outChannels, inChannelsPerGroup, kernelHeight, kernelWidth,
			bias == null ? null : bias.clone(), source, 0);
	}

	/** Takes the arrays without copying them; {@code groups} as {@link #groups()} says (0: not fixed). */
	ConvWeights(float[] weights, int outChannels, int inChannelsPerGroup, int kernelHeight, int kernelWidth,
		float[] bias, String source, int groups)
	{
		int[] shape = { outChannels, inChannelsPerGroup, kernelHeight, kernelWidth };
		for (int s : shape)
			if (s < 1) throw new IllegalArgumentException("Convolution weights " + source + ": every size of " +
				"[C_out, C_in/groups, kh, kw] must be at least 1, not " + Tensor.shapeText(shape));
		if (Tensor.elementCount(shape) != weights.length)
			throw new IllegalArgumentException("Convolution weights " + source + ": shape " + Tensor.shapeText(shape) +
				" needs " + Tensor.elementCount(shape) + " values, not " + weights.length);
		WeightFile.requireFinite(weights, shape, "weights of " + source);
		if (bias != null) {
			if (bias.length != outChannels)
				throw new IllegalArgumentException("Bias of " + source + " has " + bias.length + " values, but the " +
					"weights have C_out = " + outChannels + " output channels; the bias needs one per output channel");
			WeightFile.requireFinite(bias, new int[] { bias.length }, "bias of " + source);
		}
		this.weights = weights;
		this.outChannels = outChannels;
		this.inChannelsPerGroup = inChannelsPerGroup;
		this.kernelHeight = kernelHeight;
		this.kernelWidth = kernelWidth;
		this.bias = bias;
		this.source = source;
		this.groups = groups;
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
	public float weight(int o, int i, int y, int x) {
		if (o < 0 || o >= outChannels || i < 0 || i >= inChannelsPerGroup || y < 0 || y >= kernelHeight || x < 0 ||
			x >= kernelWidth)
			throw new IndexOutOfBoundsException("[" + o + ", " + i + ", " + y + ", " + x + "] outside " +
				Tensor.shapeText(shape()));
		return weights[((o * inChannelsPerGroup + i) * kernelHeight + y) * kernelWidth + x];
	}

	/** A copy of all weights, {@code [C_out, C_in/groups, kh, kw]} in C order. */
	public float[] weights() {
		return weights.clone();
	}

	/** A copy of the kernel of output channel o and input channel i, {@code kh * kw} values row by row. */
	public float[] kernel(int o, int i) {
		float[] k = new float[kernelHeight * kernelWidth];
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
	public int groupsFor(int asked) {
		if (groups == 0) return asked;
		if (asked == groups || asked == DEFAULT_GROUPS) return groups;
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

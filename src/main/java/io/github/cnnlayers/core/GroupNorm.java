package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Group normalization over the channels of one sample, as PyTorch's {@code group_norm(x, groups, weight,
 * bias, eps)}: the C channels are split into G groups of C/G consecutive channels, and each group is
 * normalized by its own mean and biased variance (divided by its count, as PyTorch does) over all its
 * pixels: {@code y = (x - mean) / sqrt(var + eps) * weight[c] + bias[c]}. Instance normalization
 * ({@code instance_norm} without running statistics, as {@code InstanceNorm2d} by default) is the case
 * of one group per channel, {@link #instanceNorm}. Statistics and results are computed in double and
 * rounded to float. A NaN or infinity in a group makes the whole group NaN. Immutable and thread-safe.
 */
public final class GroupNorm implements Layer {

	/** PyTorch's default eps for {@code GroupNorm} and {@code InstanceNorm2d}. */
	public static final double DEFAULT_EPS = 1e-5;

	/** The number of groups, or 0 for one group per channel (instance normalization). */
	private final int groups;
	private final double eps;
	private final float[] weight;
	private final float[] bias;

	private GroupNorm(final int groups, final double eps, final float[] weight, final float[] bias) {
		if (!(eps >= 0) || Double.isInfinite(eps))
			throw new IllegalArgumentException("Eps " + eps + " is not allowed; allowed: finite numbers >= 0 (PyTorch's default " +
				DEFAULT_EPS + ")");
		if (weight != null && bias != null && weight.length != bias.length)
			throw new IllegalArgumentException("The affine weight has " + weight.length + " values but the bias " + bias.length +
				"; allowed: one of each per channel");
		check("weight", weight);
		check("bias", bias);
		if (groups > 0 && weight != null && weight.length % groups != 0 || groups > 0 && bias != null && bias.length % groups != 0)
			throw new IllegalArgumentException("Groups " + groups + " do not divide the " + (weight != null ? weight.length : bias.length) +
				" channels of the affine parameters; allowed: a divisor of the number of channels");
		this.groups = groups;
		this.eps = eps;
		this.weight = weight == null ? null : weight.clone();
		this.bias = bias == null ? null : bias.clone();
	}

	private static void check(final String what, final float[] values) {
		if (values == null)
			return;
		if (values.length == 0)
			throw new IllegalArgumentException("The affine " + what + " is empty; allowed: one value per channel, or none");
		for (int c = 0; c < values.length; c++)
			if (!Float.isFinite(values[c]))
				throw new IllegalArgumentException("The affine " + what + " of channel " + (c + 1) + " is " + values[c] +
					"; allowed: finite numbers");
	}

	/**
	 * @param groups G &gt;= 1, dividing the number of channels
	 * @param eps added to the variance, finite and &gt;= 0 ({@link #DEFAULT_EPS})
	 * @param weight the affine scale per channel ({@code gamma}), or {@code null} for 1
	 * @param bias the affine shift per channel ({@code beta}), or {@code null} for 0
	 * @return the layer
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static GroupNorm groupNorm(final int groups, final double eps, final float[] weight, final float[] bias) {
		if (groups < 1)
			throw new IllegalArgumentException("Groups " + groups + " is not allowed; allowed: whole numbers >= 1 dividing the number of channels");
		return new GroupNorm(groups, eps, weight, bias);
	}

	/**
	 * @param eps added to the variance, finite and &gt;= 0 ({@link #DEFAULT_EPS})
	 * @param weight the affine scale per channel, or {@code null} for 1 (PyTorch's default {@code affine=False})
	 * @param bias the affine shift per channel, or {@code null} for 0
	 * @return instance normalization: every channel normalized over its own pixels
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static GroupNorm instanceNorm(final double eps, final float[] weight, final float[] bias) {
		return new GroupNorm(0, eps, weight, bias);
	}

	/** @return the number of groups, or 0 for instance normalization (one group per channel) */
	public int groups() {
		return groups;
	}

	/** @return eps */
	public double eps() {
		return eps;
	}

	/** @return the affine scale of channel c (1 without affine parameters) */
	double weight(final int c) {
		return weight == null ? 1 : weight[c];
	}

	/** @return the affine shift of channel c (0 without affine parameters) */
	double bias(final int c) {
		return bias == null ? 0 : bias[c];
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		if (groups == 0 && width * height < 2)
			throw new IllegalArgumentException("Instance norm needs more than 1 pixel per channel (its variance of one value is 0), " +
				"got a " + width + " x " + height + " image; allowed: at least 2 pixels, as in PyTorch");
		return new long[] { width, height };
	}

	@Override
	public int outputChannels(final int inputChannels) {
		final int affine = weight != null ? weight.length : bias != null ? bias.length : inputChannels;
		if (affine != inputChannels)
			throw new IllegalArgumentException(name() + " has affine parameters for " + affine + " channels, but the image has " +
				inputChannels + " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any other image 1)");
		if (groups > 0 && inputChannels % groups != 0)
			throw new IllegalArgumentException("Group norm with " + groups + " groups needs a number of channels divisible by " + groups +
				", but the image has " + inputChannels + "; allowed: groups dividing the channels");
		return inputChannels;
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.WHOLE_IMAGE;
	}

	/** @return one input row and one output row per thread */
	@Override
	public double workingBytes(final long width, final long height) {
		return 8.0 * width;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int channels = inputs.size();
		outputChannels(channels);
		if (outputs.size() != channels)
			throw new IllegalArgumentException("Expected " + channels + " output planes, got " + outputs.size());
		final long width = inputs.get(0).dimension(0);
		final long height = inputs.get(0).dimension(1);
		outputSize(width, height);
		final int perGroup = groups == 0 ? 1 : channels / groups;
		final long count = perGroup * width * height;
		if (count < 2)
			throw new IllegalArgumentException("Group norm needs more than 1 value per group (channels per group x pixels), got " +
				perGroup + " x " + width + " x " + height + "; allowed: at least 2, as in PyTorch");
		final long[] size = { width, height };
		for (int c = 0; c < channels; c++) {
			OutputGeometry.checkTarget(inputs.get(c), size);
			OutputGeometry.checkTarget(outputs.get(c), size);
		}
		for (int g = 0; g < channels / perGroup; g++) {
			final List<? extends RandomAccessibleInterval<S>> in = inputs.subList(g * perGroup, (g + 1) * perGroup);
			final double mean = sum(in, false, 0) / count;
			final double var = sum(in, true, mean) / count; // biased, as PyTorch normalizes
			final double rstd = 1 / Math.sqrt(var + eps);
			for (int i = 0; i < perGroup; i++) {
				final int c = g * perGroup + i;
				final double scale = rstd * (weight == null ? 1 : weight[c]);
				final double shift = bias == null ? 0 : bias[c];
				final RandomAccessibleInterval<S> source = inputs.get(c);
				final RandomAccessibleInterval<T> target = outputs.get(c);
				RowChunks.forEach(height, range -> {
					final RowReader<S> reader = new RowReader<>(source, null, 0);
					final RowWriter<T> writer = new RowWriter<>(target);
					final float[] row = new float[(int) width];
					for (long y = range.start; y < range.end; y++) {
						reader.read(y, row);
						for (int x = 0; x < width; x++)
							row[x] = (float) ((row[x] - mean) * scale + shift);
						writer.write(y, row);
					}
				});
			}
		}
	}

	/**
	 * @param squares false for the plain sum of the values; true for the sum of their squared deviations
	 * @param centre what the deviations are taken from
	 * @return that sum over all pixels of the planes, in double, rows in parallel chunks
	 */
	private static <S extends RealType<S>> double sum(final List<? extends RandomAccessibleInterval<S>> planes, final boolean squares,
		final double centre)
	{
		double total = 0;
		for (final RandomAccessibleInterval<S> plane : planes) {
			final int width = (int) plane.dimension(0);
			for (final double part : RowChunks.map(plane.dimension(1), Math.max(1, Activation.MIN_PER_THREAD / width), range -> {
				final RowReader<S> reader = new RowReader<>(plane, null, 0);
				final float[] row = new float[width];
				double s = 0;
				for (long y = range.start; y < range.end; y++) {
					reader.read(y, row);
					if (squares)
						for (int x = 0; x < width; x++) {
							final double d = row[x] - centre;
							s += d * d;
						}
					else
						for (int x = 0; x < width; x++)
							s += row[x];
				}
				return s;
			}))
				total += part;
		}
		return total;
	}

	/** @return "Instance norm" or "Group norm" */
	String name() {
		return groups == 0 ? "Instance norm" : "Group norm";
	}

	@Override
	public String toString() {
		return name() + (groups == 0 ? "" : " (" + groups + " groups)") + ", eps " + eps + (weight != null || bias != null ? ", affine" : "");
	}
}

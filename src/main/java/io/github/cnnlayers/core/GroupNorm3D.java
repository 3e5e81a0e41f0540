package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Group and instance normalization over volumes, as PyTorch's {@code group_norm} and {@code instance_norm} on a
 * 5-D input: each group of C/G consecutive channels is normalized by its mean and biased variance over all its
 * voxels (D x H x W per channel), then scaled and shifted per channel. The parameters, their checks and the
 * arithmetic (double, rounded to float; a NaN or infinity makes its group NaN) are the plane layer's
 * {@link GroupNorm}, which this layer carries. Immutable and thread-safe.
 */
public final class GroupNorm3D implements Layer3D {

	private final GroupNorm norm;

	/**
	 * @param norm the normalization ({@link GroupNorm#groupNorm} or {@link GroupNorm#instanceNorm}) to apply over
	 *        volumes
	 * @throws IllegalArgumentException when norm is null
	 */
	public GroupNorm3D(final GroupNorm norm) {
		if (norm == null)
			throw new IllegalArgumentException("GroupNorm3D needs a group or instance normalization");
		this.norm = norm;
	}

	/** @return the normalization applied over volumes */
	public GroupNorm norm() {
		return norm;
	}

	/**
	 * @return the input size
	 * @throws IllegalArgumentException for instance norm over a single voxel (its variance is 0)
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		if (norm.groups() == 0 && width * height * depth < 2)
			throw new IllegalArgumentException("Instance norm needs more than 1 voxel per channel (its variance of one value is 0), " +
				"got a " + width + " x " + height + " x " + depth + " volume; allowed: at least 2 voxels, as in PyTorch");
		return new long[] { width, height, depth };
	}

	/** @return the input channels, checked against the affine parameters and the groups */
	@Override
	public int outputChannels(final int inputChannels) {
		return norm.outputChannels(inputChannels);
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		final int channels = inputs.size();
		outputChannels(channels);
		if (outputs.size() != channels)
			throw new IllegalArgumentException("Expected " + channels + " output volumes, got " + outputs.size());
		final RandomAccessibleInterval<S> first = inputs.get(0);
		final long[] size = outputSize(first.dimension(0), first.dimension(1), first.dimension(2));
		VolumeRows.checkTargets(outputs, size);
		final int width = (int) size[0];
		final long height = size[1];
		final long depth = size[2];
		final int perGroup = norm.groups() == 0 ? 1 : channels / norm.groups();
		final long count = perGroup * width * height * depth;
		if (count < 2)
			throw new IllegalArgumentException("Group norm needs more than 1 value per group (channels per group x voxels), got " +
				perGroup + " x " + width + " x " + height + " x " + depth + "; allowed: at least 2, as in PyTorch");
		for (int g = 0; g < channels / perGroup; g++) {
			final List<? extends RandomAccessibleInterval<S>> in = inputs.subList(g * perGroup, (g + 1) * perGroup);
			final double mean = sum(in, false, 0) / count;
			final double var = sum(in, true, mean) / count; // biased, as PyTorch normalizes
			final double rstd = 1 / Math.sqrt(var + norm.eps());
			for (int i = 0; i < perGroup; i++) {
				final int c = g * perGroup + i;
				final double scale = rstd * norm.weight(c);
				final double shift = norm.bias(c);
				final RandomAccessibleInterval<S> source = inputs.get(c);
				final RandomAccessibleInterval<T> target = outputs.get(c);
				VolumeRows.forEachRow(height, depth, range -> {
					final VolumeRows.Reader<S> reader = new VolumeRows.Reader<>(source, null, 0);
					final VolumeRows.Writer<T> writer = new VolumeRows.Writer<>(target);
					final float[] row = new float[width];
					for (long r = range.start; r < range.end; r++) {
						reader.read(r % height, r / height, row);
						for (int x = 0; x < width; x++)
							row[x] = (float) ((row[x] - mean) * scale + shift);
						writer.write(r % height, r / height, row);
					}
				});
			}
		}
	}

	/**
	 * @param squares false for the plain sum of the values; true for the sum of their squared deviations
	 * @param centre what the deviations are taken from
	 * @return that sum over all voxels of the volumes, in double, rows in parallel chunks
	 */
	private static <S extends RealType<S>> double sum(final List<? extends RandomAccessibleInterval<S>> volumes, final boolean squares,
		final double centre)
	{
		double total = 0;
		for (final RandomAccessibleInterval<S> volume : volumes) {
			final int width = (int) volume.dimension(0);
			final long height = volume.dimension(1);
			for (final double part : RowChunks.map(height * volume.dimension(2), Math.max(1, Activation.MIN_PER_THREAD / width), range -> {
				final VolumeRows.Reader<S> reader = new VolumeRows.Reader<>(volume, null, 0);
				final float[] row = new float[width];
				double s = 0;
				for (long r = range.start; r < range.end; r++) {
					reader.read(r % height, r / height, row);
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

	@Override
	public String toString() {
		return norm + " over volumes";
	}
}

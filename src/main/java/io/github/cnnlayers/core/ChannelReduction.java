package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A reduction over the channels of each pixel: C planes become one plane of the same size holding, per pixel, the
 * mean, sum or maximum of its C values (PyTorch's {@code x.mean(1, keepdim=True)}, {@code x.sum(1, keepdim=True)},
 * {@code x.amax(1, keepdim=True)}; ONNX's {@code ReduceMean}, {@code ReduceSum}, {@code ReduceMax} over axis 1).
 * The reduction is the {@link GlobalPoolingMode}'s, the same as global pooling's over a plane: in double, rounded
 * once to float; NaN wins for max, and gives NaN for mean and sum, as does +inf with -inf.
 */
public final class ChannelReduction implements Layer {

	private final GlobalPoolingMode mode;

	/**
	 * @param mode average, sum or max
	 * @throws IllegalArgumentException when mode is null, listing the modes
	 */
	public ChannelReduction(final GlobalPoolingMode mode) {
		if (mode == null)
			throw new IllegalArgumentException("A reduction over channels needs a mode; allowed: average, sum, max");
		this.mode = mode;
	}

	/** @return average, sum or max */
	public GlobalPoolingMode mode() {
		return mode;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { width, height };
	}

	/** @return 1: one plane of the reduced values */
	@Override
	public int outputChannels(final int inputChannels) {
		if (inputChannels < 1)
			throw new IllegalArgumentException("A reduction over channels needs at least 1 channel, got " + inputChannels);
		return 1;
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	/** @return the mode's {@link GlobalPoolingMode#keepsType()}: true for max, false for the average and the sum */
	@Override
	public boolean keepsType() {
		return mode.keepsType();
	}

	/** @return one input row of 4 bytes and one running row of 8 per thread */
	@Override
	public double workingBytes(final long width, final long height) {
		return 12.0 * width;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int channels = inputs.size();
		if (channels < 1 || outputs.size() != 1)
			throw new IllegalArgumentException("A reduction over channels makes 1 plane of at least 1: " + channels + " in, " +
				outputs.size() + " out");
		final long[] size = { inputs.get(0).dimension(0), inputs.get(0).dimension(1) };
		for (final RandomAccessibleInterval<S> plane : inputs)
			OutputGeometry.checkTarget(plane, size);
		OutputGeometry.checkTarget(outputs.get(0), size);
		final int width = (int) size[0];
		RowChunks.forEach(size[1], range -> {
			final RowReader<?>[] readers = new RowReader<?>[channels];
			for (int c = 0; c < channels; c++)
				readers[c] = new RowReader<>(inputs.get(c), null, 0);
			final RowWriter<T> writer = new RowWriter<>(outputs.get(0));
			final float[] row = new float[width];
			final double[] acc = new double[width];
			for (long y = range.start; y < range.end; y++) {
				java.util.Arrays.fill(acc, mode.start());
				for (int c = 0; c < channels; c++) {
					readers[c].read(y, row);
					for (int x = 0; x < width; x++)
						acc[x] = mode.merge(acc[x], row[x]);
				}
				for (int x = 0; x < width; x++)
					row[x] = (float) mode.finish(acc[x], channels);
				writer.write(y, row);
			}
		});
	}

	@Override
	public String toString() {
		return "Channel " + mode.label();
	}
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;

/**
 * Global pooling: every plane becomes one 1 x 1 plane holding its average, sum or maximum (PyTorch's
 * {@code adaptive_avg_pool2d(x, 1)}, {@code x.sum((2, 3))} and {@code adaptive_max_pool2d(x, 1)}; the reduction is the
 * {@link GlobalPoolingMode}'s). Rows are reduced in parallel chunks.
 */
public final class GlobalPooling implements PlaneLayer {

	private final GlobalPoolingMode mode;

	/**
	 * @param mode average, sum or max
	 * @throws IllegalArgumentException when mode is null, listing the modes
	 */
	public GlobalPooling(final GlobalPoolingMode mode) {
		if (mode == null)
			throw new IllegalArgumentException("Global pooling needs a mode; allowed: average, sum, max");
		this.mode = mode;
	}

	/** @return average, sum or max */
	public GlobalPoolingMode mode() {
		return mode;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("Global pooling needs an image of at least 1 x 1 pixels, got " + width + " x " + height);
		return new long[] { 1, 1 };
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.WHOLE_IMAGE;
	}

	/** @return the mode's {@link GlobalPoolingMode#keepsType()}: true for max, false for the average and the sum */
	@Override
	public boolean keepsType() {
		return mode.keepsType();
	}

	/** @return one row per thread */
	@Override
	public double workingBytes(final long width, final long height) {
		return 4.0 * width;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		OutputGeometry.checkTarget(target, outputSize(source.dimension(0), source.dimension(1)));
		final int width = (int) source.dimension(0);
		final List<Double> parts = RowChunks.map(source.dimension(1), Math.max(1, Activation.MIN_PER_THREAD / width), range -> {
			final RowReader<S> reader = new RowReader<>(source, null, 0);
			final float[] row = new float[width];
			double acc = mode.start();
			for (long y = range.start; y < range.end; y++) {
				reader.read(y, row);
				acc = mode.fold(acc, row, width);
			}
			return acc;
		});
		double acc = mode.start();
		for (final double part : parts)
			acc = mode.merge(acc, part);
		final RandomAccess<T> out = target.randomAccess();
		out.setPosition(target.min(0), 0);
		out.setPosition(target.min(1), 1);
		out.get().setReal(mode.finish(acc, source.dimension(0) * source.dimension(1)));
	}

	@Override
	public String toString() {
		return "Global " + mode.label() + " pooling";
	}
}

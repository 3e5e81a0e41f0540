package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * How a pooling window is reduced to one value. Each mode carries its behaviour — how {@link Pool2D}
 * pools its rows, its reduction of two values and of two rows, whether its values are input values (so
 * the source's type holds them) — so a mode cannot exist without it.
 */
public enum PoolingMode {

	/** The largest value in the window (PyTorch {@code max_pool2d}); NaN wins, as in PyTorch. */
	MAX("max") {

		@Override
		public float reduce(final float a, final float b) {
			return Math.max(a, b);
		}

		@Override
		void reduce(final float[] acc, final float[] src, final int n) {
			RowKernels.max(acc, src, n);
		}

		@Override
		float empty() {
			return Float.NEGATIVE_INFINITY;
		}

		@Override
		public boolean keepsType() {
			return true;
		}

		@Override
		<S extends RealType<S>, T extends RealType<T>> float[] poolRows(final Pool2D pool, final RandomAccessibleInterval<S> source,
			final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
		{
			return pool.extremeRows(source, target, outWidth, range, findRange);
		}
	},
	/** The smallest value in the window ({@code -max_pool2d(-x)}); NaN wins, as in max pooling. */
	MIN("min") {

		@Override
		public float reduce(final float a, final float b) {
			return Math.min(a, b);
		}

		@Override
		void reduce(final float[] acc, final float[] src, final int n) {
			RowKernels.min(acc, src, n);
		}

		@Override
		float empty() {
			return Float.POSITIVE_INFINITY;
		}

		@Override
		public boolean keepsType() {
			return true;
		}

		@Override
		<S extends RealType<S>, T extends RealType<T>> float[] poolRows(final Pool2D pool, final RandomAccessibleInterval<S> source,
			final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
		{
			return pool.extremeRows(source, target, outWidth, range, findRange);
		}
	},
	/** The mean of the window (PyTorch {@code avg_pool2d}); 32-bit, whatever the source's type. */
	AVERAGE("average") {

		@Override
		public boolean keepsType() {
			return false;
		}

		@Override
		public float reduce(final float a, final float b) {
			return a + b;
		}

		@Override
		void reduce(final float[] acc, final float[] src, final int n) {
			for (int i = 0; i < n; i++)
				acc[i] += src[i];
		}

		@Override
		float empty() {
			return 0;
		}

		@Override
		float clipStart(final float line) {
			return 0;
		}

		@Override
		float clipEnd(final float line, final float window) {
			return line + window;
		}

		@Override
		<S extends RealType<S>, T extends RealType<T>> float[] poolRows(final Pool2D pool, final RandomAccessibleInterval<S> source,
			final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
		{
			return pool.averageRows(source, target, outWidth, range, findRange);
		}
	};

	private final String label;

	PoolingMode(final String label) {
		this.label = label;
	}

	/** @return the label: "max", "min" or "average" */
	public String label() {
		return label;
	}

	/** @return whether every output value is one of the window's input values, so the source's type holds it */
	public abstract boolean keepsType();

	/**
	 * @param a a partial result
	 * @param b the next value of the window
	 * @return both reduced to one: max, min, or sum for the average (divided at the end)
	 */
	public abstract float reduce(float a, float b);

	/** acc[i] = reduce(acc[i], src[i]) for i &lt; n, in a loop the JIT vectorizes. */
	abstract void reduce(float[] acc, float[] src, int n);

	/** @return the value of a window that holds no input pixel (only padding) */
	abstract float empty();

	/**
	 * @param line the value already in the output line
	 * @return what the reduction of a clipped border window starts from: the line's value for the extremes
	 */
	float clipStart(final float line) {
		return line;
	}

	/**
	 * @param line the value already in the output line
	 * @param window the reduction of the clipped window
	 * @return the new line value
	 */
	float clipEnd(final float line, final float window) {
		return window;
	}

	/**
	 * Pools output rows [range) of {@code pool}: for the extremes ({@link Pool2D#extremeRows}) each window's
	 * rows reduced first, then its columns; the average ({@link Pool2D#averageRows}) sums in PyTorch's order
	 * and divides.
	 *
	 * @return with {@code findRange}, {min, max} of the rows written, else {@code null}
	 */
	abstract <S extends RealType<S>, T extends RealType<T>> float[] poolRows(Pool2D pool, RandomAccessibleInterval<S> source,
		RandomAccessibleInterval<T> target, int outWidth, RowChunks.Range range, boolean findRange);

	@Override
	public String toString() {
		return label;
	}
}

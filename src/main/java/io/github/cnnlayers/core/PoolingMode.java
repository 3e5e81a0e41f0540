package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * How a pooling window is reduced to one value. Each mode carries its behaviour — its reduction of two
 * values and of two rows (abstract), and which of {@link Pool2D}'s row algorithms pools it, which also says
 * whether its values are input values so the source's type holds them (a constructor argument) — so a mode
 * cannot exist without it.
 */
public enum PoolingMode {

	/** The largest value in the window (PyTorch {@code max_pool2d}); NaN wins, as in PyTorch. */
	MAX("max", Rows.EXTREME) {

		@Override
		public float reduce(final float a, final float b) {
			return Math.max(a, b);
		}

		@Override
		int reduce(final int a, final int b) {
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
	},
	/** The smallest value in the window ({@code -max_pool2d(-x)}); NaN wins, as in max pooling. */
	MIN("min", Rows.EXTREME) {

		@Override
		public float reduce(final float a, final float b) {
			return Math.min(a, b);
		}

		@Override
		int reduce(final int a, final int b) {
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
	},
	/** The mean of the window (PyTorch {@code avg_pool2d}); 32-bit, whatever the source's type. */
	AVERAGE("average", Rows.AVERAGE) {

		@Override
		public float reduce(final float a, final float b) {
			return a + b;
		}

		@Override
		int reduce(final int a, final int b) {
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
		float complete(final float reduced, final long count) {
			return reduced / count;
		}

		@Override
		float clipStart(final float line) {
			return 0;
		}

		@Override
		float clipEnd(final float line, final float window) {
			return line + window;
		}
	};

	/**
	 * How {@link Pool2D} pools a mode's rows, and whether its values are input values: each mode names one
	 * in its constructor, so a mode cannot exist without it.
	 */
	enum Rows {

		/** A window reduces to one of its values (max, min): rows reduced first, then columns; the source type holds it. */
		EXTREME(true) {

			@Override
			<S extends RealType<S>, T extends RealType<T>> float[] pool(final Pool2D pool, final RandomAccessibleInterval<S> source,
				final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
			{
				return pool.extremeRows(source, target, outWidth, range, findRange);
			}
		},
		/** A window's sum in PyTorch's order, divided by its count: 32-bit. */
		AVERAGE(false) {

			@Override
			<S extends RealType<S>, T extends RealType<T>> float[] pool(final Pool2D pool, final RandomAccessibleInterval<S> source,
				final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
			{
				return pool.averageRows(source, target, outWidth, range, findRange);
			}
		};

		private final boolean keepsType;

		Rows(final boolean keepsType) {
			this.keepsType = keepsType;
		}

		/** Pools output rows [range) of {@code pool}; with {@code findRange} returns their {min, max}. */
		abstract <S extends RealType<S>, T extends RealType<T>> float[] pool(Pool2D pool, RandomAccessibleInterval<S> source,
			RandomAccessibleInterval<T> target, int outWidth, RowChunks.Range range, boolean findRange);
	}

	private final String label;
	private final Rows rows;

	PoolingMode(final String label, final Rows rows) {
		this.label = label;
		this.rows = rows;
	}

	/** @return the label: "max", "min" or "average" */
	public String label() {
		return label;
	}

	/** @return whether every output value is one of the window's input values, so the source's type holds it */
	public boolean keepsType() {
		return rows.keepsType;
	}

	/**
	 * @param a a partial result
	 * @param b the next value of the window
	 * @return both reduced to one: max, min, or sum for the average (divided at the end)
	 */
	public abstract float reduce(float a, float b);

	/**
	 * {@link #reduce(float, float)} for integer pixel values (unsigned 8- and 16-bit), exact in {@code int}.
	 *
	 * @param a a partial result
	 * @param b the next value of the window
	 * @return both reduced to one: max, min, or sum
	 */
	abstract int reduce(int a, int b);

	/** acc[i] = reduce(acc[i], src[i]) for i &lt; n, in a loop the JIT vectorizes. */
	abstract void reduce(float[] acc, float[] src, int n);

	/** @return the value of a window that holds no input pixel (only padding) */
	abstract float empty();

	/**
	 * @param reduced the window's values reduced by {@link #reduce(float, float)}
	 * @param count the window's divisor (voxels counted, with or without padding)
	 * @return the output value: the reduction itself for the extremes, divided by the count for the average
	 */
	float complete(final float reduced, final long count) {
		return reduced;
	}

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
	<S extends RealType<S>, T extends RealType<T>> float[] poolRows(final Pool2D pool, final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
	{
		return rows.pool(pool, source, target, outWidth, range, findRange);
	}

	@Override
	public String toString() {
		return label;
	}
}

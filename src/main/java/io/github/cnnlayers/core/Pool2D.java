package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 2D pooling layer with square windows, with the semantics of PyTorch's {@code max_pool2d},
 * {@code avg_pool2d} and min pooling ({@code -max_pool2d(-x)}): window size K, stride S, padding P
 * (0 &lt;= P &lt;= K/2) and ceil mode. Padded pixels never win a max or a min; for the average they
 * count in the divisor only when
 * {@code countIncludePad} is set (PyTorch's default {@code count_include_pad=True}).
 * <p>
 * Immutable and thread-safe; {@link #compute} runs on ImgLib2's {@code Parallelization} executor.
 */
public final class Pool2D implements PlaneLayer {

	private final PoolingMode mode;
	private final int size;
	private final int stride;
	private final int padding;
	private final boolean ceil;
	private final boolean countIncludePad;

	/**
	 * @param mode max, min or average
	 * @param size window size K &gt;= 1
	 * @param stride S &gt;= 1
	 * @param padding P, 0 &lt;= P &lt;= K/2
	 * @param ceil ceil mode: round the output size up, keeping a last partial window
	 * @param countIncludePad for the average: divide by the window size including padded pixels
	 * @throws IllegalArgumentException naming the parameter and its allowed values
	 */
	public Pool2D(final PoolingMode mode, final int size, final int stride, final int padding, final boolean ceil,
		final boolean countIncludePad)
	{
		OutputGeometry.checkPooling(size, stride, padding);
		this.mode = mode;
		this.size = size;
		this.stride = stride;
		this.padding = padding;
		this.ceil = ceil;
		this.countIncludePad = countIncludePad;
	}

	/** @return max, min or average */
	public PoolingMode mode() {
		return mode;
	}

	/** @return the window size K */
	public int size() {
		return size;
	}

	/** @return the stride S */
	public int stride() {
		return stride;
	}

	/** @return the padding P */
	public int padding() {
		return padding;
	}

	/** @return whether ceil mode is on */
	public boolean ceil() {
		return ceil;
	}

	/** @return whether padded pixels count in the average's divisor */
	public boolean countIncludePad() {
		return countIncludePad;
	}

	/** @return the ring of input rows a window spans and the lines the max and min reduce into, in bytes */
	@Override
	public double workingBytes(final long width, final long height) {
		return 4.0 * (size + 4) * width; // the ring of rows, their max, the window, a shifted copy, the line
	}

	@Override
	public ReceptiveField receptiveField() {
		return new ReceptiveField(size, size, stride, padding, padding);
	}

	/** @return whether the mode's values are input values (max, min), so the source type holds them */
	@Override
	public boolean keepsType() {
		return mode.keepsType();
	}

	/**
	 * @param width input width
	 * @param height input height
	 * @return output {width, height}
	 * @throws IllegalArgumentException when the window does not fit
	 */
	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] {
			OutputGeometry.pooling(width, size, stride, padding, ceil, "width"),
			OutputGeometry.pooling(height, size, stride, padding, ceil, "height") };
	}

	/**
	 * Pools a 2D image into a 2D target of size {@link #outputSize}.
	 *
	 * @param source the input (any min)
	 * @param target the output (any min); for max pooling it may have the input's type
	 * @param <S> input pixel type
	 * @param <T> output pixel type
	 * @throws IllegalArgumentException when the target size does not match
	 */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final long[] out = outputSize(source.dimension(0), source.dimension(1));
		OutputGeometry.checkTarget(target, out);
		RowChunks.forEach(out[1], range -> mode.poolRows(this, source, target, (int) out[0], range, false));
	}

	/** As {@link #compute}, finding the output's range as each row is written. */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> float[] computeWithRange(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final long[] out = outputSize(source.dimension(0), source.dimension(1));
		OutputGeometry.checkTarget(target, out);
		return ValueRange.merge(RowChunks.map(out[1], range -> mode.poolRows(this, source, target, (int) out[0], range, true)));
	}

	/**
	 * Pools output rows [range) for a mode whose windows reduce to one of their values (max, min): the
	 * window's rows are reduced first, same-index (vectorized), then the columns once per output row.
	 *
	 * @return with {@code findRange}, {min, max} of the rows written (see {@link RowWriter#range()}), else {@code null}
	 */
	<S extends RealType<S>, T extends RealType<T>> float[] extremeRows(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
	{
		final int width = (int) source.dimension(0);
		final long height = source.dimension(1);
		final RowWriter<T> writer = new RowWriter<>(target, findRange);
		final Object sourceArray = RowReader.backingArray(source);
		final Object targetArray = RowReader.backingArray(target);
		final PixelArray pixels = PixelArray.of(sourceArray);
		if (pixels != null && pixels.holds(targetArray) && pairsOnly(width, height, outWidth, target.dimension(1))) {
			pixels.poolPairs(mode, sourceArray, width, range.start, range.end, targetArray, outWidth); // array to array, pixel type
			for (long y = range.start; y < range.end; y++)
				writer.wrote(y);
			return writer.range();
		}
		final RowReader<S> reader = new RowReader<>(source, null, 0);
		final float[][] rows = new float[size][width];
		final long[] rowInSlot = new long[size];
		java.util.Arrays.fill(rowInSlot, Long.MIN_VALUE);
		final float[] line = new float[outWidth];
		final boolean shared = stride < size; // a row belongs to the windows of two output rows
		final float[] column = new float[width];
		final float[] window = new float[width];
		final float[] shifted = new float[width];
		for (long y = range.start; y < range.end; y++) {
			final long y0 = y * stride - padding;
			final long yStart = Math.max(y0, 0);
			final long yEnd = Math.min(y0 + size, height);
			for (long iy = yStart; iy < yEnd; iy++) {
				final int slot = (int) (iy % size);
				if (iy == yStart && !shared && rowInSlot[slot] != iy) {
					reader.read(iy, column); // windows share no rows: read the first one where it is reduced
					continue;
				}
				if (rowInSlot[slot] != iy) {
					reader.read(iy, rows[slot]);
					rowInSlot[slot] = iy;
				}
				if (iy == yStart)
					System.arraycopy(rows[slot], 0, column, 0, width);
				else
					mode.reduce(column, rows[slot], width);
			}
			if (yStart < yEnd)
				extremeColumns(column, window, shifted, line, width, outWidth);
			else
				java.util.Arrays.fill(line, mode.empty());
			writer.write(y, line);
		}
		return writer.range();
	}

	/**
	 * Pools output rows [range) for the average: per window row, its taps are summed into the line in
	 * PyTorch's order (row by row, left to right), then divided by the count.
	 *
	 * @return with {@code findRange}, {min, max} of the rows written (see {@link RowWriter#range()}), else {@code null}
	 */
	<S extends RealType<S>, T extends RealType<T>> float[] averageRows(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target, final int outWidth, final RowChunks.Range range, final boolean findRange)
	{
		final int width = (int) source.dimension(0);
		final long height = source.dimension(1);
		final RowReader<S> reader = new RowReader<>(source, null, 0);
		final RowWriter<T> writer = new RowWriter<>(target, findRange);
		final float[][] rows = new float[size][width];
		final long[] rowInSlot = new long[size];
		java.util.Arrays.fill(rowInSlot, Long.MIN_VALUE);
		final float[] line = new float[outWidth];
		for (long y = range.start; y < range.end; y++) {
			final long y0 = y * stride - padding;
			// PyTorch: the divisor with padding counts the window clipped to the padded image
			final long yEndPadded = Math.min(y0 + size, height + padding);
			final long yStart = Math.max(y0, 0);
			final long yEnd = Math.min(y0 + size, height);
			java.util.Arrays.fill(line, 0f);
			for (long iy = yStart; iy < yEnd; iy++) {
				final int slot = (int) (iy % size);
				if (rowInSlot[slot] != iy) {
					reader.read(iy, rows[slot]);
					rowInSlot[slot] = iy;
				}
				sumRow(rows[slot], line, width, outWidth);
			}
			divide(line, width, outWidth, countIncludePad ? yEndPadded - y0 : yEnd - yStart);
			writer.write(y, line);
		}
		return writer.range();
	}

	/**
	 * line[x] = max (min) of the window of {@code column} (the rows' maximum or minimum) for output x.
	 * Interior columns, whose window lies inside the row, come from {@code window[i] = max(column[i .. i +
	 * size - 1])}, made by same-index {@code Math.max} ({@code Math.min}) passes over shifted copies
	 * (vectorized; both pass NaN on, as PyTorch does), then read at stride; the few border columns clip
	 * their window.
	 */
	private void extremeColumns(final float[] column, final float[] window, final float[] shifted, final float[] line,
		final int width, final int outWidth)
	{
		final int first = Math.min(firstInterior(), outWidth);
		final int end = endInterior(width, outWidth);
		if (first < end) {
			final int from = first * stride - padding; // first window start read
			final int n = (end - 1) * stride - padding + 1 - from; // window starts from .. last read
			System.arraycopy(column, from, window, 0, n);
			for (int t = 1; t < size; t++) {
				System.arraycopy(column, from + t, shifted, 0, n);
				mode.reduce(window, shifted, n);
			}
			RowKernels.gather(window, 0, stride, line, first, end - first);
		}
		java.util.Arrays.fill(line, 0, first, mode.empty());
		java.util.Arrays.fill(line, end, outWidth, mode.empty());
		clippedColumns(column, line, width, 0, first, mode);
		clippedColumns(column, line, width, end, outWidth, mode);
	}

	/**
	 * line[x] += sum of the window of row for output x, clipped to the row: interior columns one pass
	 * per tap, the border columns clipped (the order of additions of PyTorch-style row-by-row sums).
	 */
	private void sumRow(final float[] row, final float[] line, final int width, final int outWidth) {
		final int first = Math.min(firstInterior(), outWidth);
		final int end = endInterior(width, outWidth);
		for (int t = 0; t < size; t++)
			for (int x = first, ix = first * stride - padding + t; x < end; x++, ix += stride)
				line[x] += row[ix];
		clippedColumns(row, line, width, 0, first, mode);
		clippedColumns(row, line, width, end, outWidth, mode);
	}

	/**
	 * Output columns [from, to): their windows clipped to the row, reduced by the mode into line (the
	 * extremes start from line's value, the average adds its window's sum to it).
	 */
	private void clippedColumns(final float[] row, final float[] line, final int width, final int from, final int to,
		final PoolingMode reduction)
	{
		for (int x = from; x < to; x++) {
			final int x0 = x * stride - padding;
			final int xEnd = Math.min(x0 + size, width);
			float acc = reduction.clipStart(line[x]);
			for (int ix = Math.max(x0, 0); ix < xEnd; ix++)
				acc = reduction.reduce(acc, row[ix]);
			line[x] = reduction.clipEnd(line[x], acc);
		}
	}

	/**
	 * @return whether every output pixel's window is 2&times;2 at stride 2 inside the image, unpadded (no
	 *         partial window of ceil mode): the windows {@link PixelArray#poolPairs} reduces
	 */
	private boolean pairsOnly(final int width, final long height, final long outWidth, final long outHeight) {
		return size == 2 && stride == 2 && padding == 0 && 2 * outWidth <= width && 2 * outHeight <= height;
	}

	/** @return the first output column whose window starts at x &gt;= 0 */
	private int firstInterior() {
		return (padding + stride - 1) / stride;
	}

	/**
	 * @return one past the last output column whose window ends inside the row; between the first
	 *         interior column (clipped to outWidth) and outWidth
	 */
	private int endInterior(final int width, final int outWidth) {
		// x * stride - padding + size <= width
		final int last = Math.floorDiv(width + padding - size, stride);
		return Math.max(Math.min(firstInterior(), outWidth), Math.min(outWidth, last + 1));
	}

	private void divide(final float[] line, final int width, final int outWidth, final long rowsCounted) {
		for (int x = 0; x < outWidth; x++) {
			final int x0 = x * stride - padding;
			final long cols = countIncludePad
				? Math.min(x0 + size, width + padding) - x0
				: Math.min(x0 + size, width) - Math.max(x0, 0);
			line[x] /= (float) (rowsCounted * cols);
		}
	}
}

package io.github.cnnlayers.core;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 2D convolution layer with one input and one output channel, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv2d} (cross-correlation: the kernel is not flipped) and its
 * {@code padding_mode}s. Output pixel (x, y) is
 * {@code bias + sum_{i,j} k[j][i] * in(x*S - Px + i*D, y*S - Py + j*D)}, with pixels outside the image
 * taken from the {@link BorderMode}.
 * <p>
 * Immutable and thread-safe; {@link #compute} runs on ImgLib2's {@code Parallelization} executor.
 */
public final class Conv2D implements PlaneLayer {

	private final Kernel kernel;
	private final int stride;
	private final int padX;
	private final int padY;
	private final int dilation;
	private final float bias;
	private final BorderMode border;

	/**
	 * @param kernel the kernel (odd sizes)
	 * @param stride S &gt;= 1, both axes
	 * @param padX padding Px &gt;= 0 left and right
	 * @param padY padding Py &gt;= 0 top and bottom
	 * @param dilation D &gt;= 1, spacing between kernel taps
	 * @param bias added to every output value; finite
	 * @param border what the padded pixels hold
	 * @throws IllegalArgumentException naming the parameter and its allowed values
	 */
	public Conv2D(final Kernel kernel, final int stride, final int padX, final int padY, final int dilation,
		final double bias, final BorderMode border)
	{
		OutputGeometry.checkStride(stride);
		OutputGeometry.checkPadding(Math.min(padX, padY));
		OutputGeometry.checkDilation(dilation);
		FloatRange.check("Bias", bias);
		this.kernel = kernel;
		this.stride = stride;
		this.padX = padX;
		this.padY = padY;
		this.dilation = dilation;
		this.bias = (float) bias;
		this.border = border;
	}

	/** @return the padding that keeps the size at stride 1 ("same"): {@code D * (K - 1) / 2} per axis */
	public static int[] samePadding(final Kernel kernel, final int dilation) {
		return new int[] { OutputGeometry.samePadding(kernel.width(), dilation),
			OutputGeometry.samePadding(kernel.height(), dilation) };
	}

	/** @return the kernel */
	public Kernel kernel() {
		return kernel;
	}

	/** @return the stride */
	public int stride() {
		return stride;
	}

	/** @return the padding left and right */
	public int padX() {
		return padX;
	}

	/** @return the padding top and bottom */
	public int padY() {
		return padY;
	}

	/** @return the dilation */
	public int dilation() {
		return dilation;
	}

	/** @return the bias */
	public float bias() {
		return bias;
	}

	/** @return the border mode */
	public BorderMode border() {
		return border;
	}

	/** @return the ring of padded input rows a window spans, their shifted tap copies, and one output line, in bytes */
	@Override
	public double workingBytes(final long width, final long height) {
		final double span = (kernel.height() - 1.0) * dilation + 1;
		final double outWidth = width + 2.0 * padX; // at most, at stride 1
		final double taps = span * kernel.width() * outWidth <= TAP_CACHE_FLOATS ? span : 1;
		return 4 * (span * (width + 2.0 * padX) + taps * kernel.width() * outWidth + outWidth);
	}

	@Override
	public ReceptiveField receptiveField() {
		return new ReceptiveField((long) dilation * (kernel.width() - 1) + 1, (long) dilation * (kernel.height() - 1) + 1,
			stride, padX, padY);
	}

	/**
	 * @param width input width
	 * @param height input height
	 * @return output {width, height}
	 * @throws IllegalArgumentException when the output would be empty or the border cannot pad that much
	 */
	@Override
	public long[] outputSize(final long width, final long height) {
		border.checkPadding(width, padX, "width");
		border.checkPadding(height, padY, "height");
		OutputGeometry.checkPaddedSize(width, height, padX, padY, dilation);
		return new long[] {
			OutputGeometry.convolution(width, kernel.width(), stride, padX, dilation, "width"),
			OutputGeometry.convolution(height, kernel.height(), stride, padY, dilation, "height") };
	}

	/**
	 * Convolves a 2D image into a 2D target of size {@link #outputSize}.
	 *
	 * @param source the input image (any min)
	 * @param target the output, written row by row (any min)
	 * @param <S> input pixel type
	 * @param <T> output pixel type
	 * @throws IllegalArgumentException when the target size does not match {@link #outputSize}
	 */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final long[] out = outputSize(source.dimension(0), source.dimension(1));
		OutputGeometry.checkTarget(target, out);
		final RandomAccessible<S> extended = border.extend(source);
		RowChunks.forEach(out[1], range -> computeRows(source, extended, target, (int) out[0], range, false));
	}

	/** As {@link #compute}, finding the output's range as each row is written. */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> float[] computeWithRange(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final long[] out = outputSize(source.dimension(0), source.dimension(1));
		OutputGeometry.checkTarget(target, out);
		final RandomAccessible<S> extended = border.extend(source);
		return ValueRange.merge(RowChunks.map(out[1], range -> computeRows(source, extended, target, (int) out[0], range, true)));
	}

	/** Shifted copies of input rows kept per ring slot while they take at most this many floats per thread. */
	private static final long TAP_CACHE_FLOATS = 2L << 20;

	/** @return with {@code findRange}, {min, max} of the rows written (see {@link RowWriter#range()}), else {@code null} */
	private <S extends RealType<S>, T extends RealType<T>> float[] computeRows(final RandomAccessibleInterval<S> source,
		final RandomAccessible<S> extended, final RandomAccessibleInterval<T> target, final int outWidth,
		final RowChunks.Range range, final boolean findRange)
	{
		final RowReader<S> reader = new RowReader<>(source, extended, padX);
		final RowWriter<T> writer = new RowWriter<>(target, findRange);
		final int kw = kernel.width();
		final int kh = kernel.height();
		final float[] w = kernel.weights();
		// a ring of the (kh-1)*D+1 input rows a window spans; slot = row mod span
		final int span = (kh - 1) * dilation + 1;
		final float[][] rows = new float[span][reader.paddedWidth()];
		final long[] rowInSlot = new long[span];
		java.util.Arrays.fill(rowInSlot, Long.MIN_VALUE);
		// each input row's kw taps as same-index lines (RowKernels.taps), made once per row and reused by
		// every kernel row while they fit TAP_CACHE_FLOATS; else remade for each use in one set of lines
		final int cached = (long) span * kw * outWidth <= TAP_CACHE_FLOATS ? span : 1;
		final float[][][] taps = new float[cached][kw][outWidth];
		final long[] tapsOfRow = new long[cached];
		java.util.Arrays.fill(tapsOfRow, Long.MIN_VALUE);
		final float[] line = new float[outWidth];
		for (long y = range.start; y < range.end; y++) {
			java.util.Arrays.fill(line, bias);
			for (int j = 0; j < kh; j++) {
				final long iy = y * stride - padY + (long) j * dilation;
				final int slot = (int) Math.floorMod(iy, (long) span);
				if (rowInSlot[slot] != iy) {
					reader.read(iy, rows[slot]);
					rowInSlot[slot] = iy;
				}
				final int c = cached == span ? slot : 0;
				if (tapsOfRow[c] != iy) {
					RowKernels.taps(rows[slot], kw, dilation, stride, taps[c], outWidth);
					tapsOfRow[c] = iy;
				}
				RowKernels.accumulate(line, w, j * kw, taps[c], kw, outWidth);
			}
			writer.write(y, line);
		}
		return writer.range();
	}
}

package io.github.cnnlayers.core;

/**
 * Output sizes of convolution and pooling layers, with PyTorch's formulas, and the errors that
 * explain an impossible combination with the numbers filled in.
 */
public final class OutputGeometry {

	private OutputGeometry() {}

	/**
	 * Output size of {@code conv2d} along one axis: {@code floor((N + 2P - D*(K-1) - 1) / S) + 1}.
	 *
	 * @param n input size N
	 * @param k kernel size K
	 * @param s stride S &gt;= 1
	 * @param p padding P &gt;= 0
	 * @param d dilation D &gt;= 1
	 * @param axis axis name for messages ("width", "height")
	 * @return the output size, at least 1
	 * @throws IllegalArgumentException when a parameter is out of range or the output would be empty,
	 *         showing the formula with the numbers
	 */
	public static long convolution(final long n, final int k, final int s, final int p, final int d, final String axis) {
		checkStride(s);
		checkPadding(p);
		checkDilation(d);
		final long numerator = n + 2L * p - (long) d * (k - 1) - 1;
		if (numerator < 0)
			throw new IllegalArgumentException("Output " + axis + " would be empty: floor((N + 2P - D*(K-1) - 1) / S) + 1 = floor((" +
				n + " + 2*" + p + " - " + d + "*(" + k + "-1) - 1) / " + s + ") + 1 < 1; the dilated kernel (" +
				((long) d * (k - 1) + 1) + " pixels) is larger than the padded image (" + (n + 2L * p) +
				" pixels): use more padding, a smaller kernel or dilation");
		return numerator / s + 1;
	}

	/**
	 * Output size of {@code max_pool2d} / {@code avg_pool2d} along one axis:
	 * {@code floor_or_ceil((N + 2P - K) / S) + 1}; in ceil mode a last window that would start in the
	 * right padding is dropped, as PyTorch does.
	 *
	 * @param n input size N
	 * @param k window size K &gt;= 1
	 * @param s stride S &gt;= 1
	 * @param p padding P with 0 &lt;= P &lt;= K/2
	 * @param ceil ceil mode
	 * @param axis axis name for messages
	 * @return the output size, at least 1
	 * @throws IllegalArgumentException when a parameter is out of range or the window does not fit
	 */
	public static long pooling(final long n, final int k, final int s, final int p, final boolean ceil, final String axis) {
		checkPooling(k, s, p);
		final long numerator = n + 2L * p - k;
		if (numerator < 0)
			throw new IllegalArgumentException("Pooling size " + k + " is larger than the padded image " + axis +
				" N + 2P = " + n + " + 2*" + p + " = " + (n + 2L * p) + "; use a smaller size or more padding");
		long out = (ceil ? (numerator + s - 1) / s : numerator / s) + 1;
		if (ceil && (out - 1) * s >= n + p)
			out--;
		return out;
	}

	/**
	 * @param target an output image
	 * @param expected its expected {width, height}
	 * @throws IllegalArgumentException when the target has another size
	 */
	static void checkTarget(final net.imglib2.Interval target, final long[] expected) {
		if (target.dimension(0) != expected[0] || target.dimension(1) != expected[1])
			throw new IllegalArgumentException("Target is " + target.dimension(0) + "x" + target.dimension(1) +
				", expected " + expected[0] + "x" + expected[1]);
	}

	/**
	 * @param s a stride
	 * @throws IllegalArgumentException unless s &gt;= 1
	 */
	public static void checkStride(final long s) {
		if (s < 1)
			throw new IllegalArgumentException("Stride " + s + " is not allowed; allowed: whole numbers >= 1");
	}

	/**
	 * @param p a convolution padding
	 * @throws IllegalArgumentException unless p &gt;= 0
	 */
	public static void checkPadding(final long p) {
		if (p < 0)
			throw new IllegalArgumentException("Padding " + p + " is not allowed; allowed: whole numbers >= 0");
	}

	/**
	 * @param d a dilation
	 * @throws IllegalArgumentException unless d &gt;= 1
	 */
	public static void checkDilation(final long d) {
		if (d < 1)
			throw new IllegalArgumentException("Dilation " + d + " is not allowed; allowed: whole numbers >= 1");
	}

	/**
	 * @param k a pooling window size
	 * @param s its stride
	 * @param p its padding
	 * @throws IllegalArgumentException unless k &gt;= 1, s &gt;= 1 and 0 &lt;= p &lt;= k/2
	 */
	public static void checkPooling(final long k, final long s, final long p) {
		if (k < 1)
			throw new IllegalArgumentException("Pooling size " + k + " is not allowed; allowed: whole numbers >= 1");
		checkStride(s);
		checkPadding(p);
		if (2L * p > k)
			throw new IllegalArgumentException("Padding " + p + " is more than half the pooling size " + k +
				"; allowed: 0 <= padding <= " + k / 2);
	}

	/**
	 * The "same" padding of a kernel: {@code D * (K - 1) / 2}, computed without overflow.
	 *
	 * @param k kernel size K along one axis
	 * @param d dilation D
	 * @return the padding
	 * @throws IllegalArgumentException when it is larger than any image ImageJ can hold, naming the dilation
	 */
	public static int samePadding(final int k, final int d) {
		checkDilation(d);
		final long p = (long) d * (k - 1) / 2;
		if (p > MAX_SIDE)
			throw new IllegalArgumentException("Dilation " + d + " is too large: padding \"same\" would be " + p +
				" pixels, more than any image ImageJ can hold (" + MAX_SIDE + " pixels per side); use a smaller dilation");
		return (int) p;
	}

	/**
	 * @param width input width
	 * @param height input height
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 * @param dilation the dilation (named in the message when it made the padding)
	 * @throws IllegalArgumentException when the padded image would be larger than ImageJ can hold
	 */
	public static void checkPaddedSize(final long width, final long height, final int padX, final int padY, final int dilation) {
		if (width + 2L * padX > MAX_SIDE || height + 2L * padY > MAX_SIDE)
			throw new IllegalArgumentException("Padding " + Math.max(padX, padY) + (dilation > 1 ? " (dilation " + dilation + ")" : "") +
				" makes a padded image of " + (width + 2L * padX) + " x " + (height + 2L * padY) + " pixels, more than ImageJ can hold (" +
				MAX_SIDE + " per side); use a smaller padding or dilation");
	}

	/** The largest width or height an ImageJ plane can have, and the largest padding or row this project allocates. */
	public static final int MAX_SIDE = Integer.MAX_VALUE - 16;

	/**
	 * @param width an output width
	 * @param height an output height
	 * @throws IllegalArgumentException when a plane of that size cannot exist in ImageJ (at most 2^31 - 1
	 *         pixels, computed without overflow)
	 */
	public static void checkPlaneSize(final long width, final long height) {
		if (width > MAX_SIDE || height > MAX_SIDE || width * height > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Output " + width + "x" + height + " is too large for ImageJ (at most " +
				Integer.MAX_VALUE + " pixels per plane); use less padding, a larger stride or a smaller image");
	}
}

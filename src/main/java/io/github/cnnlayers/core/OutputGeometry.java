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
		checkCommon(s, p);
		if (d < 1)
			throw new IllegalArgumentException("Dilation " + d + " is not allowed; allowed: whole numbers >= 1");
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
		if (k < 1)
			throw new IllegalArgumentException("Pooling size " + k + " is not allowed; allowed: whole numbers >= 1");
		checkCommon(s, p);
		if (2L * p > k)
			throw new IllegalArgumentException("Padding " + p + " is more than half the pooling size " + k +
				"; allowed: 0 <= padding <= " + k / 2);
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

	private static void checkCommon(final int s, final int p) {
		if (s < 1)
			throw new IllegalArgumentException("Stride " + s + " is not allowed; allowed: whole numbers >= 1");
		if (p < 0)
			throw new IllegalArgumentException("Padding " + p + " is not allowed; allowed: whole numbers >= 0");
	}
}

package io.github.cnnlayers.core;

/**
 * Inner loops over float line buffers in the shapes that HotSpot's C2 auto-vectorizes (SuperWord).
 * <p>
 * Measured with {@code bench/loop-shapes} (Java 17 and 25, x86-64 with AVX-512; no Java 8 JDK could be
 * installed on the project's machines, so Java 8 is untested; its older SuperWord is expected to handle the
 * same-index multiply-adds but not {@code Math.max}; run scalar ({@code -XX:-UseSuperWord}), a same-index
 * pass costs what the offset pass it replaced did, and the shifted copies add a few percent): a loop whose arrays are all read
 * and written at the same index {@code x} is vectorized, e.g. {@code acc[x] += w * src[x]} (about
 * 0.04 ns/pixel, 0.3 scalar). The same loop with an offset on one array, {@code src[x + o]}, or with a
 * stride, {@code src[2 * x + o]}, is not (C2 cannot rule out that the two arrays are one array, and
 * then the iterations would depend on each other), and neither is a loop-written shifted copy. So
 * convolution taps are turned into same-index passes by first making <em>shifted copies</em> of each
 * input row with {@link System#arraycopy} (about 0.04 ns/pixel) or, at stride &gt; 1, a strided gather
 * (scalar, about 0.17 ns/pixel), once per input row, and then accumulating same-index passes that
 * reuse them: for {@code K x K} taps every copy serves K kernel rows (and, in a multi-channel layer,
 * every output channel too).
 * <p>
 * Three taps per pass ({@link #axpy3}) is the fastest form measured (about 0.026 ns per tap and pixel
 * against 0.044 for one tap per pass): the accumulator is loaded and stored once per three taps.
 * <p>
 * Results: each method does its float operations in the order written in its description (Java
 * float arithmetic is strict and C2's vectorized code keeps the per-element order), so results do
 * not depend on vectorization or on the JVM.
 */
final class RowKernels {

	private RowKernels() {}

	/** {@code acc[x] += w * src[x]} for x in [0, n). */
	static void axpy(final float[] acc, final float w, final float[] src, final int n) {
		axpy(acc, w, src, 0, n);
	}

	/** {@code acc[x] += w * src[x]} for x in [from, to): as {@link #axpy(float[], float, float[], int)} on a part of the lines. */
	static void axpy(final float[] acc, final float w, final float[] src, final int from, final int to) {
		for (int x = from; x < to; x++)
			acc[x] += w * src[x];
	}

	/** {@code acc[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x]} for x in [0, n), summed in that order. */
	static void axpy3(final float[] acc, final float w0, final float[] s0, final float w1, final float[] s1,
		final float w2, final float[] s2, final int n)
	{
		axpy3(acc, w0, s0, w1, s1, w2, s2, 0, n);
	}

	/** As {@link #axpy3(float[], float, float[], float, float[], float, float[], int)} for x in [from, to). */
	static void axpy3(final float[] acc, final float w0, final float[] s0, final float w1, final float[] s1,
		final float w2, final float[] s2, final int from, final int to)
	{
		for (int x = from; x < to; x++)
			acc[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x];
	}

	/**
	 * The multi-output form: one input line into three accumulators with their own weights,
	 * {@code a0[x] += w0 * src[x]; a1[x] += w1 * src[x]; a2[x] += w2 * src[x]} for x in [0, n). Vectorized
	 * (about 0.036 ns per tap and pixel against 0.044 for three {@link #axpy} passes), but slower than
	 * {@link #axpy3}, which reads three inputs into one accumulator: a multi-channel convolution does
	 * better to keep the shifted copies of all its input rows and run {@link #accumulate} per output
	 * channel.
	 */
	static void axpyTo3(final float[] src, final float w0, final float[] a0, final float w1, final float[] a1,
		final float w2, final float[] a2, final int n)
	{
		for (int x = 0; x < n; x++) {
			final float v = src[x];
			a0[x] += w0 * v;
			a1[x] += w1 * v;
			a2[x] += w2 * v;
		}
	}

	/**
	 * Accumulates {@code count} same-index taps into {@code acc}:
	 * {@code acc[x] += sum_t w[first + t] * src[t][x]} for x in [0, n), taken three taps per pass
	 * ({@link #axpy3}: {@code acc + ((w0*s0 + w1*s1) + w2*s2)}), the last one or two taps one per pass
	 * ({@link #axpy}).
	 *
	 * @param src {@code count} lines of at least n values (typically {@link #taps} of one input row)
	 */
	static void accumulate(final float[] acc, final float[] w, final int first, final float[][] src, final int count,
		final int n)
	{
		int t = 0;
		for (; t + 2 < count; t += 3)
			axpy3(acc, w[first + t], src[t], w[first + t + 1], src[t + 1], w[first + t + 2], src[t + 2], n);
		for (; t < count; t++)
			axpy(acc, w[first + t], src[t], n);
	}

	/**
	 * {@code acc[x] += w[first] * s0[x] + ... + w[first + 3] * s3[x]} for x in [from, to), summed left to right: four
	 * same-index taps per pass, the accumulator loaded and stored once for all four. Vectorized (about 0.05 ns per
	 * tap and pixel against 0.085 for {@link #axpy}, Java 17 on a loaded machine); the same loop with six or eight
	 * inputs is not (about 0.23, C2 gives up on a loop body that large).
	 */
	static void axpy4(final float[] acc, final float[] w, final int first, final float[] s0, final float[] s1,
		final float[] s2, final float[] s3, final int from, final int to)
	{
		final float w0 = w[first], w1 = w[first + 1], w2 = w[first + 2], w3 = w[first + 3];
		for (int x = from; x < to; x++)
			acc[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x] + w3 * s3[x];
	}

	/**
	 * As {@link #accumulate}, for many taps (a multi-channel convolution's lines of several input channels and
	 * kernel taps): {@code acc[x] += sum_t w[first + t] * src[t][x]} for x in [0, n), taken four taps per pass
	 * ({@link #axpy4}), then three ({@link #axpy3}) and one ({@link #axpy}), each pass adding its sum of products,
	 * summed left to right, to {@code acc}.
	 */
	static void accumulateMany(final float[] acc, final float[] w, final int first, final float[][] src, final int count,
		final int n)
	{
		accumulateMany(acc, w, first, src, count, 0, n);
	}

	/**
	 * As {@link #accumulateMany(float[], float[], int, float[][], int, int)} for x in [from, to): a part of long lines
	 * (e.g. some of the rows of an image block laid end to end), read and written at the same index.
	 */
	static void accumulateMany(final float[] acc, final float[] w, final int first, final float[][] src, final int count,
		final int from, final int to)
	{
		for (int t = 0; t < count; t += manyPass(t, count))
			accumulatePass(acc, w, first + t, src, t, count, from, to);
	}

	/**
	 * @param t a tap where one of {@link #accumulateMany}'s passes starts (0, then each pass's start plus its taps)
	 * @return the taps of {@link #accumulateMany}'s pass from tap {@code t} of {@code count}: 4, then 3, then 1
	 */
	static int manyPass(final int t, final int count) {
		return t + 3 < count ? 4 : t + 2 < count ? 3 : 1;
	}

	/**
	 * One of {@link #accumulateMany}'s passes, the one from tap {@code t} of {@code count} ({@link #manyPass}
	 * taps), for x in [from, to): {@code acc[x] += w[first] * src[t][x] + w[first + 1] * src[t + 1][x] + ...}
	 */
	static void accumulatePass(final float[] acc, final float[] w, final int first, final float[][] src, final int t,
		final int count, final int from, final int to)
	{
		switch (manyPass(t, count)) {
		case 4:
			axpy4(acc, w, first, src[t], src[t + 1], src[t + 2], src[t + 3], from, to);
			break;
		case 3:
			axpy3(acc, w[first], src[t], w[first + 1], src[t + 1], w[first + 2], src[t + 2], from, to);
			break;
		default:
			axpy(acc, w[first], src[t], from, to);
		}
	}

	/**
	 * As {@link #accumulateMany} with the weights in a column: {@code acc[x] += sum_t w[t][column] * src[t][x]} for x
	 * in [0, n), the same passes in the same order (four taps, then three, then one), so that the result is the same
	 * bit for bit as {@link #accumulateMany} over the same weights in a line.
	 */
	static void accumulateColumn(final float[] acc, final float[][] w, final int column, final float[][] src, final int count,
		final int n)
	{
		final float[] pass = new float[4]; // the weights of one pass
		for (int t = 0; t < count; t += manyPass(t, count)) {
			for (int k = 0; k < manyPass(t, count); k++)
				pass[k] = w[t + k][column];
			accumulatePass(acc, pass, 0, src, t, count, 0, n);
		}
	}

	/**
	 * Shifted and subsampled copy: {@code dst[x] = src[offset + x * stride]} for x in [0, n). At stride 1
	 * a {@link System#arraycopy}; else a scalar gather (no strided loop is vectorized).
	 */
	static void gather(final float[] src, final int offset, final int stride, final float[] dst, final int n) {
		gather(src, offset, stride, dst, 0, n);
	}

	/** {@code dst[to + x] = src[offset + x * stride]} for x in [0, n); as {@link #gather(float[], int, int, float[], int)}. */
	static void gather(final float[] src, final int offset, final int stride, final float[] dst, final int to,
		final int n)
	{
		if (stride == 1) {
			System.arraycopy(src, offset, dst, to, n);
			return;
		}
		for (int x = 0, i = offset; x < n; x++, i += stride)
			dst[to + x] = src[i];
	}

	/**
	 * The {@code taps} lines a padded input row gives a kernel row:
	 * {@code dst[i][x] = row[x * stride + i * dilation]} for tap i in [0, taps) and x in [0, n), so
	 * that {@link #accumulate} reads them all at index x. At stride 1, {@code dst[0]} becomes
	 * {@code row} itself (no copy).
	 *
	 * @param dst {@code taps} lines of at least n values; {@code dst[0]} is replaced at stride 1
	 */
	static void taps(final float[] row, final int taps, final int dilation, final int stride, final float[][] dst,
		final int n)
	{
		int i = 0;
		if (stride == 1) {
			dst[0] = row;
			i = 1;
		}
		for (; i < taps; i++)
			gather(row, i * dilation, stride, dst[i], n);
	}

	/** {@code m[x] = Math.max(m[x], src[x])} for x in [0, n) (NaN wins, as in PyTorch). */
	static void max(final float[] m, final float[] src, final int n) {
		for (int x = 0; x < n; x++)
			m[x] = Math.max(m[x], src[x]);
	}

	/** m[x] = min(m[x], src[x]) for x &lt; n: same index, vectorized like {@link #max}; NaN passes on. */
	static void min(final float[] m, final float[] src, final int n) {
		for (int x = 0; x < n; x++)
			m[x] = Math.min(m[x], src[x]);
	}
}

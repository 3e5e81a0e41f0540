package io.github.cnnlayers.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measures, in ns per pixel, the loop shapes a convolution, pooling or activation inner loop can take
 * over one 2048-float line, to see which ones the JIT vectorizes. Run it with and without
 * {@code -XX:-UseSuperWord} (auto-vectorization off) and on several JDKs: {@code bench/loop-shapes}.
 * <p>
 * Offsets and weights come from {@link #main}'s run-time values, never constants, as in the layers.
 * Each shape is one static method doing one pass over the line; it is called many times, so that it is
 * compiled as a normal (not on-stack-replaced) method. Median of 7 timings of {@code PASSES} passes.
 */
public final class LoopShapes {

	private static final int N = 2048;
	private static int passes = 100_000;

	private static volatile Object sink;

	private LoopShapes() {}

	private interface Pass {

		void run();
	}

	// ---- the shapes ----

	/** acc[x] += w * src[x] */
	static void axpy(final float[] acc, final float w, final float[] src, final int n) {
		for (int x = 0; x < n; x++)
			acc[x] += w * src[x];
	}

	/** acc[x] += w * src[x + o] */
	static void axpyOffset(final float[] acc, final float w, final float[] src, final int o, final int n) {
		for (int x = 0; x < n; x++)
			acc[x] += w * src[x + o];
	}

	/** acc[x] += w * src[x + 1]: constant offset */
	static void axpyOffset1(final float[] acc, final float w, final float[] src, final int n) {
		for (int x = 0; x < n; x++)
			acc[x] += w * src[x + 1];
	}

	/** acc[x - o] += w * src[x]: the offset on the accumulator, loop over the source */
	static void axpyOffsetAcc(final float[] acc, final float w, final float[] src, final int o, final int n) {
		for (int x = o; x < n + o; x++)
			acc[x - o] += w * src[x];
	}

	/** offset form, unrolled by 4 by hand */
	static void axpyOffsetUnrolled(final float[] acc, final float w, final float[] src, final int o, final int n) {
		int x = 0;
		for (; x + 3 < n; x += 4) {
			final float a0 = acc[x] + w * src[x + o];
			final float a1 = acc[x + 1] + w * src[x + o + 1];
			final float a2 = acc[x + 2] + w * src[x + o + 2];
			final float a3 = acc[x + 3] + w * src[x + o + 3];
			acc[x] = a0;
			acc[x + 1] = a1;
			acc[x + 2] = a2;
			acc[x + 3] = a3;
		}
		for (; x < n; x++)
			acc[x] += w * src[x + o];
	}

	/** Conv2D's old form: acc[x] += w0*src[x+o0] + w1*src[x+o1] + w2*src[x+o2] */
	static void threeTapOffset(final float[] acc, final float w0, final float w1, final float w2, final float[] src,
		final int o0, final int o1, final int o2, final int n)
	{
		for (int x = 0; x < n; x++)
			acc[x] += w0 * src[x + o0] + w1 * src[x + o1] + w2 * src[x + o2];
	}

	/** same-index three-source: acc[x] += w0*a[x] + w1*b[x] + w2*c[x] (a, b, c: shifted copies) */
	static void threeTapSame(final float[] acc, final float w0, final float w1, final float w2, final float[] a,
		final float[] b, final float[] c, final int n)
	{
		for (int x = 0; x < n; x++)
			acc[x] += w0 * a[x] + w1 * b[x] + w2 * c[x];
	}

	/** one pass for a whole 3x3: acc[x] = bias + nine same-index taps (9 shifted copies) */
	static void nineTapSame(final float[] acc, final float bias, final float[] w, final float[][] s, final int n) {
		final float[] s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5], s6 = s[6], s7 = s[7], s8 = s[8];
		final float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7], w8 = w[8];
		for (int x = 0; x < n; x++)
			acc[x] = bias + (w0 * s0[x] + w1 * s1[x] + w2 * s2[x]) + (w3 * s3[x] + w4 * s4[x] + w5 * s5[x])
				+ (w6 * s6[x] + w7 * s7[x] + w8 * s8[x]);
	}

	/** dst[x] = src[x + o] by a loop */
	static void copyLoop(final float[] dst, final float[] src, final int o, final int n) {
		for (int x = 0; x < n; x++)
			dst[x] = src[x + o];
	}

	/** dst[x] = src[x + o] by System.arraycopy */
	static void copyArraycopy(final float[] dst, final float[] src, final int o, final int n) {
		System.arraycopy(src, o, dst, 0, n);
	}

	/** a local shifted copy (arraycopy), then a same-index axpy: one offset tap */
	static void copyThenAxpy(final float[] acc, final float w, final float[] src, final float[] tmp, final int o,
		final int n)
	{
		System.arraycopy(src, o, tmp, 0, n);
		for (int x = 0; x < n; x++)
			acc[x] += w * tmp[x];
	}

	/** one shifted source row into three output lines (multi-channel: C_out lines share one input row) */
	static void axpy3Out(final float[] a0, final float[] a1, final float[] a2, final float w0, final float w1,
		final float w2, final float[] src, final int n)
	{
		for (int x = 0; x < n; x++) {
			final float v = src[x];
			a0[x] += w0 * v;
			a1[x] += w1 * v;
			a2[x] += w2 * v;
		}
	}

	/** one output line from three same-index input rows, each already a shifted copy (another multi-channel form) */
	static void axpy4In(final float[] acc, final float w0, final float w1, final float w2, final float w3,
		final float[] s0, final float[] s1, final float[] s2, final float[] s3, final int n)
	{
		for (int x = 0; x < n; x++)
			acc[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x] + w3 * s3[x];
	}

	/** stride-2 gather: dst[x] = src[2x + o] */
	static void gather2(final float[] dst, final float[] src, final int o, final int n) {
		for (int x = 0, i = o; x < n; x++, i += 2)
			dst[x] = src[i];
	}

	/** stride-2 axpy: acc[x] += w * src[2x + o] (old Conv2D at stride 2) */
	static void axpyStride2(final float[] acc, final float w, final float[] src, final int o, final int n) {
		for (int x = 0, i = o; x < n; x++, i += 2)
			acc[x] += w * src[i];
	}

	/** same-index max: m[x] = max(a[x], b[x]) */
	static void maxSame(final float[] m, final float[] a, final float[] b, final int n) {
		for (int x = 0; x < n; x++)
			m[x] = Math.max(a[x], b[x]);
	}

	/** old max pooling, one tap: line[x] = max(line[x], row[2x + t]) (n output pixels) */
	static void maxStride2(final float[] line, final float[] row, final int t, final int n) {
		for (int x = 0, i = t; x < n; x++, i += 2)
			line[x] = Math.max(line[x], row[i]);
	}

	/** horizontal pairs: out[x] = max(row[2x], row[2x+1]) (n output pixels) */
	static void maxPairs(final float[] out, final float[] row, final int n) {
		for (int x = 0, i = 0; x < n; x++, i += 2)
			out[x] = Math.max(row[i], row[i + 1]);
	}

	/** ReLU in place with Math.max */
	static void reluMax(final float[] a, final int n) {
		for (int i = 0; i < n; i++)
			a[i] = Math.max(a[i], 0f);
	}

	/** ReLU in place with a compare (not Math.max's -0 handling) */
	static void reluTernary(final float[] a, final int n) {
		for (int i = 0; i < n; i++) {
			final float v = a[i];
			a[i] = v < 0 ? 0f : v;
		}
	}

	/** Leaky ReLU in place, branch-free */
	static void leaky(final float[] a, final float alpha, final int n) {
		for (int i = 0; i < n; i++) {
			final float v = a[i];
			a[i] = Math.max(v, 0f) + alpha * Math.min(v, 0f);
		}
	}

	// ---- harness ----

	public static void main(final String[] args) {
		String only = null;
		for (int i = 0; i < args.length; i++) {
			if ("--passes".equals(args[i]))
				passes = Integer.parseInt(args[++i]);
			else if ("--only".equals(args[i]))
				only = args[++i];
		}
		// run-time values the JIT cannot fold
		final int o = Integer.getInteger("offset", 1);
		final int n = N;
		final float w = 0.5f, w1 = -0.25f, w2 = 0.125f, w3 = 0.75f;
		final java.util.Random r = new java.util.Random(1);
		final float[] acc = new float[n + 16], acc1 = new float[n + 16], acc2 = new float[n + 16];
		final float[] src = rand(r, 2 * n + 16), tmp = new float[n + 16], b = rand(r, n + 16), c = rand(r, n + 16),
			d = rand(r, n + 16);
		final float[][] nine = new float[9][];
		for (int i = 0; i < 9; i++)
			nine[i] = rand(r, n);
		final float[] w9 = { w, w1, w2, w3, w, w1, w2, w3, w };
		final float[] relu = rand(r, n);

		System.out.printf(Locale.ROOT, "Java %s (%s) | SuperWord %s | %d floats, %d passes, median of 7%n",
			System.getProperty("java.version"), System.getProperty("java.vm.name"), superWord(), n, passes);
		final Object[][] shapes = {
			{ "axpy same index        acc[x] += w*s[x]", (Pass) () -> axpy(acc, w, src, n) },
			{ "axpy offset            acc[x] += w*s[x+o]", (Pass) () -> axpyOffset(acc, w, src, o, n) },
			{ "axpy offset const      acc[x] += w*s[x+1]", (Pass) () -> axpyOffset1(acc, w, src, n) },
			{ "axpy offset on acc     acc[x-o] += w*s[x]", (Pass) () -> axpyOffsetAcc(acc, w, src, o, n) },
			{ "axpy offset unrolled x4", (Pass) () -> axpyOffsetUnrolled(acc, w, src, o, n) },
			{ "three taps offset (old Conv2D), per tap", (Pass) () -> threeTapOffset(acc, w, w1, w2, src, 0, o, 2 * o, n), 3 },
			{ "three taps same index (3 copies), per tap", (Pass) () -> threeTapSame(acc, w, w1, w2, src, b, c, n), 3 },
			{ "nine taps same index (9 copies), per tap", (Pass) () -> nineTapSame(acc, w, w9, nine, n), 9 },
			{ "shifted copy, loop     t[x] = s[x+o]", (Pass) () -> copyLoop(tmp, src, o, n) },
			{ "shifted copy, System.arraycopy", (Pass) () -> copyArraycopy(tmp, src, o, n) },
			{ "arraycopy + same-index axpy (1 tap)", (Pass) () -> copyThenAxpy(acc, w, src, tmp, o, n) },
			{ "1 row -> 3 output lines, per tap", (Pass) () -> axpy3Out(acc, acc1, acc2, w, w1, w2, src, n), 3 },
			{ "4 rows -> 1 output line, per tap", (Pass) () -> axpy4In(acc, w, w1, w2, w3, src, b, c, d, n), 4 },
			{ "stride-2 gather        t[x] = s[2x+o]", (Pass) () -> gather2(tmp, src, o, n) },
			{ "stride-2 axpy          acc[x] += w*s[2x+o]", (Pass) () -> axpyStride2(acc, w, src, o, n) },
			{ "max same index         m[x] = max(a[x],b[x])", (Pass) () -> maxSame(tmp, src, b, n) },
			{ "max stride 2 (old pool) l[x]=max(l[x],s[2x+t])", (Pass) () -> maxStride2(acc, src, o, n) },
			{ "max of pairs           o[x]=max(s[2x],s[2x+1])", (Pass) () -> maxPairs(acc, src, n) },
			{ "ReLU Math.max          a[i] = max(a[i], 0)", (Pass) () -> reluMax(relu, n) },
			{ "ReLU ternary           a[i] = a[i]<0 ? 0 : a[i]", (Pass) () -> reluTernary(relu, n) },
			{ "Leaky ReLU max+a*min", (Pass) () -> leaky(relu, 0.01f, n) },
		};
		System.out.printf(Locale.ROOT, "%-48s %10s%n", "shape", "ns/pixel");
		for (final Object[] s : shapes) {
			final String name = (String) s[0];
			if (only != null && !name.contains(only))
				continue;
			final Pass p = (Pass) s[1];
			final int taps = s.length > 2 ? (Integer) s[2] : 1;
			for (int i = 0; i < 30_000; i++) // C2 compiles the pass method
				p.run();
			final double[] t = new double[7];
			for (int k = 0; k < t.length; k++) {
				final long t0 = System.nanoTime();
				for (int i = 0; i < passes; i++)
					p.run();
				t[k] = (System.nanoTime() - t0) / ((double) passes * n * taps);
			}
			Arrays.sort(t);
			System.out.printf(Locale.ROOT, "%-48s %10.3f%n", name, t[3]);
		}
		sink = new Object[] { acc, acc1, acc2, tmp, relu };
	}

	private static float[] rand(final java.util.Random r, final int n) {
		final float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = 2 * r.nextFloat() - 1;
		return a;
	}

	private static String superWord() {
		for (final String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (a.equals("-XX:-UseSuperWord"))
				return "off";
		return "on";
	}
}

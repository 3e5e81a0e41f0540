package io.github.cnnlayers.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The "limit" of a layer's shape in plain Java: the fastest inner loop measured for a convolution's multiply-adds
 * ({@code acc[x] += w0*s0[x] + w1*s1[x] + w2*s2[x] + w3*s3[x]}, same index on all sides, which C2 vectorizes; loops
 * with two or four accumulators, eight sources, blocking over sources or {@code Math.fma} were as fast or slower, or
 * not vectorized) on data packed in advance: per output row, {@code outputs} lines of the row's width, each the sum
 * of {@code sources} lines times their weights — the direct form's multiply-adds ({@code C_out x C_in k^2} for a
 * convolution) with no cost for reading, packing, bias or writing. Rows are split between threads as the layers
 * split them. A Winograd form does fewer multiply-adds than it counts and can pass this figure.
 */
final class LimitKernel {

	private LimitKernel() {}

	/** @return the median GFLOP/s ({@code 2 * sources * outputs * width * rows} per run) over {@code runs} after {@code warmups} */
	static double gflops(final int sources, final int outputs, final int width, final int rows, final int threads, final int runs,
		final int warmups) throws Exception
	{
		final Random r = new Random(1);
		final float[][] src = new float[sources][width];
		for (final float[] line : src)
			for (int x = 0; x < width; x++)
				line[x] = (float) r.nextGaussian();
		final float[] w = new float[outputs * sources];
		for (int i = 0; i < w.length; i++)
			w[i] = (float) r.nextGaussian();
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			final double[] ms = new double[runs];
			for (int run = -warmups; run < runs; run++) {
				final long t0 = System.nanoTime();
				final List<Future<?>> parts = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					final int first = rows * t / threads, end = rows * (t + 1) / threads;
					parts.add(pool.submit(() -> rows(src, w, outputs, width, end - first)));
				}
				for (final Future<?> f : parts)
					f.get();
				if (run >= 0)
					ms[run] = (System.nanoTime() - t0) / 1e6;
			}
			Arrays.sort(ms);
			return 2.0 * sources * outputs * width * rows / ms[runs / 2] / 1e6;
		}
		finally {
			pool.shutdown();
		}
	}

	private static float rows(final float[][] src, final float[] w, final int outputs, final int width, final int rows) {
		final int sources = src.length;
		final float[][] acc = new float[outputs][width];
		for (int y = 0; y < rows; y++)
			for (int o = 0; o < outputs; o++) {
				final float[] a = acc[o];
				int s = 0;
				for (; s + 3 < sources; s += 4)
					axpy4(a, w, o * sources + s, src[s], src[s + 1], src[s + 2], src[s + 3], width);
			}
		return acc[0][0];
	}

	private static void axpy4(final float[] acc, final float[] w, final int first, final float[] s0, final float[] s1,
		final float[] s2, final float[] s3, final int n)
	{
		final float w0 = w[first], w1 = w[first + 1], w2 = w[first + 2], w3 = w[first + 3];
		for (int x = 0; x < n; x++)
			acc[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x] + w3 * s3[x];
	}
}

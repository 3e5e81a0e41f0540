package io.github.cnnlayers.bench;

import io.github.cnnlayers.core.ConvWeights;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.parallel.TaskExecutors;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The learned convolution over channels against PyTorch's {@code conv2d} measured in the same run on
 * the same machine with the same number of threads ({@code bench/torch_conv.py}, when PyTorch is
 * installed): 3 → 16 and 16 → 32 channels, 3x3 with bias, padding 1, on 1024². Prints medians, the ratio
 * ours / PyTorch, and the bytes our layer holds beyond its input and output (row buffers per thread; the
 * weights are loaded once, and there is no im2col copy).
 */
public final class ChannelConvBenchmark {

	private ChannelConvBenchmark() {}

	/** @param args runs per case (default 10) */
	public static void main(final String[] args) throws Exception {
		final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
		final int[][] cases = { { 3, 16, 1024 }, { 16, 32, 1024 } };
		final int cores = Runtime.getRuntime().availableProcessors();
		System.out.println("| case | threads | ours ms | PyTorch ms | ratio | ours' buffers beyond input and output |");
		System.out.println("|---|---|---|---|---|---|");
		for (int threads = 1; threads <= cores; threads *= 2) {
			final Map<String, Double> torch = torch(threads, runs);
			final TaskExecutor executor = TaskExecutors.numThreads(threads);
			for (final int[] c : cases) {
				final double ours = ours(c[0], c[1], c[2], runs, executor);
				final Double peer = torch.get(c[0] + " " + c[1] + " " + c[2]);
				final Conv2D layer = layer(c[0], c[1]);
				System.out.println(String.format(Locale.ROOT, "| %d → %d, 3x3, %d² | %d | %.1f | %s | %s | %.1f MiB (%d threads) |",
					c[0], c[1], c[2], threads, ours, peer == null ? "n/a" : String.format(Locale.ROOT, "%.1f", peer),
					peer == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ours / peer),
					threads * layer.workingBytes(c[2], c[2]) / (1 << 20), threads));
			}
			executor.close();
		}
	}

	private static Conv2D layer(final int cin, final int cout) {
		final Random rnd = new Random(1);
		final float[] w = new float[cout * cin * 9];
		for (int i = 0; i < w.length; i++)
			w[i] = (float) rnd.nextGaussian();
		final float[] b = new float[cout];
		for (int i = 0; i < b.length; i++)
			b[i] = (float) rnd.nextGaussian();
		return Conv2D.learned(new ConvWeights(w, cout, cin, 3, 3, b, "bench"), "bench").padding(1).build();
	}

	private static double ours(final int cin, final int cout, final int size, final int runs, final TaskExecutor executor) {
		final Conv2D layer = layer(cin, cout);
		final Random rnd = new Random(2);
		final List<RandomAccessibleInterval<FloatType>> in = new ArrayList<>();
		for (int c = 0; c < cin; c++) {
			final float[] px = new float[size * size];
			for (int i = 0; i < px.length; i++)
				px[i] = (float) rnd.nextGaussian();
			in.add(ArrayImgs.floats(px, size, size));
		}
		final double[] times = new double[runs];
		for (int r = -3; r < runs; r++) {
			final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
			for (int c = 0; c < cout; c++)
				out.add(ArrayImgs.floats(size, size));
			final long t0 = System.nanoTime();
			Parallelization.runWithExecutor(executor, () -> layer.compute(in, out));
			if (r >= 0)
				times[r] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(times);
		return times[runs / 2];
	}

	/** @return PyTorch's medians by "cin cout size", empty when PyTorch is not installed */
	private static Map<String, Double> torch(final int threads, final int runs) {
		final Map<String, Double> m = new HashMap<>();
		try {
			final Process p = new ProcessBuilder(python(), "bench/torch_conv.py", String.valueOf(threads), String.valueOf(runs))
				.redirectErrorStream(true).start();
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = r.readLine()) != null;) {
					final String[] t = line.trim().split("\\s+");
					if (t.length == 6 && t[0].equals("torch"))
						m.put(t[1] + " " + t[2] + " " + t[3], Double.parseDouble(t[5]));
					else
						System.err.println("torch_conv.py: " + line);
				}
			}
			p.waitFor();
		}
		catch (final Exception e) {
			System.err.println("PyTorch not measured: " + e);
		}
		return m;
	}

	private static String python() {
		return new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
	}
}

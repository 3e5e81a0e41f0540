package io.github.cnnlayers.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.onnx.OnnxNetwork;
import io.github.cnnlayers.onnx.OnnxNetworkModel;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The channel strategy of the learned {@link Conv2D} (weights with groups) on one thread, in GFLOP/s
 * ({@code 2 * C_out * C_in * kh * kw * H * W} per run, bias and padding 1 for 3x3), for shapes deep in a network,
 * and the cell U-Net ({@code models/cell_unet.onnx} on {@code samples/cell.png}, the input of
 * {@code OnnxNetworksTest}) in ms on one thread, with its largest difference from PyTorch's output
 * ({@code fixtures/cell_unet/output.npy}) and, given a file of an earlier run's output, from that run. Medians
 * after warm-up, in wall-clock time and in the CPU time of the one thread (less disturbed by other processes); the
 * load average is printed before and after, since other processes share the machine.
 * <p>
 * Not a unit test. Run from the project directory: {@code java -cp target/test-classes:target/classes:DEPS
 * io.github.cnnlayers.bench.ChannelStrategyBenchmark [runs [output-file [earlier-output-file]]]}; to compare
 * before and after, run the same test classes with the earlier {@code target/classes} first, back to back.
 * {@code -Donly=16->32@512k3} runs only the layers whose "C_in->C_out@size" and "k" kernel size contain that text.
 */
public final class ChannelStrategyBenchmark {

	private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

	private ChannelStrategyBenchmark() {}

	/** @param args runs per case (default 7), a file to write the U-Net's output to, an earlier run's output file */
	public static void main(final String[] args) throws Exception {
		final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		System.out.println("load before: " + load());
		final int[][] cases = { { 32, 32, 256, 3 }, { 64, 64, 128, 3 }, { 16, 32, 512, 3 }, { 32, 32, 256, 1 }, { 64, 64, 128, 1 },
			{ 1, 8, 552, 3 }, { 8, 8, 552, 3 } };
		for (final int[] c : cases) {
			if (!(c[0] + "->" + c[1] + "@" + c[2] + "k" + c[3]).contains(System.getProperty("only", "")))
				continue;
			final double[] ms = layerMs(c[0], c[1], c[2], c[3], runs);
			final double flop = 2.0 * c[0] * c[1] * c[3] * c[3] * c[2] * c[2];
			System.out.println(String.format(Locale.ROOT, "%dx%d %d -> %d on %d^2: %.2f ms, %.1f GFLOP/s; thread CPU %.2f ms, %.1f GFLOP/s",
				c[3], c[3], c[0], c[1], c[2], ms[0], flop / ms[0] / 1e6, ms[1], flop / ms[1] / 1e6));
		}
		final float[] out = unet(runs);
		if (args.length > 1)
			write(new File(args[1]), out);
		if (args.length > 2 && new File(args[2]).isFile()) {
			final float[] earlier = read(new File(args[2]));
			double max = 0;
			for (int i = 0; i < out.length; i++)
				max = Math.max(max, Math.abs(out[i] - earlier[i]));
			System.out.println(String.format(Locale.ROOT, "cell U-Net: max |difference| from %s: %.3g", args[2], max));
		}
		System.out.println("load after: " + load());
	}

	/** @return median wall-clock and thread CPU ms */
	private static double[] layerMs(final int cin, final int cout, final int size, final int k, final int runs) {
		final Random rnd = new Random(1);
		final float[] w = new float[cout * cin * k * k];
		for (int i = 0; i < w.length; i++)
			w[i] = (float) rnd.nextGaussian();
		final float[] b = new float[cout];
		for (int i = 0; i < b.length; i++)
			b[i] = (float) rnd.nextGaussian();
		final Conv2D layer = Conv2D.learned(new ConvWeights(w, cout, cin, k, k, b, "bench"), "bench").padding(k / 2).build();
		final List<RandomAccessibleInterval<FloatType>> in = new ArrayList<>();
		for (int c = 0; c < cin; c++) {
			final float[] px = new float[size * size];
			for (int i = 0; i < px.length; i++)
				px[i] = (float) rnd.nextGaussian();
			in.add(ArrayImgs.floats(px, size, size));
		}
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (int c = 0; c < cout; c++)
			out.add(ArrayImgs.floats(size, size));
		final double[] times = new double[runs];
		final double[] cpu = new double[runs];
		for (int r = -3; r < runs; r++) {
			final long c0 = THREADS.getCurrentThreadCpuTime();
			final long t0 = System.nanoTime();
			Parallelization.runSingleThreaded(() -> layer.compute(in, out));
			if (r >= 0) {
				times[r] = (System.nanoTime() - t0) / 1e6;
				cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
			}
		}
		Arrays.sort(times);
		Arrays.sort(cpu);
		return new double[] { times[runs / 2], cpu[runs / 2] };
	}

	/** @return the U-Net's output on cell.png, padded to 552 x 660 as in OnnxNetworksTest */
	private static float[] unet(final int runs) throws IOException {
		final java.awt.image.Raster r = javax.imageio.ImageIO.read(Paths.get("src", "main", "resources", "samples", "cell.png")
			.toFile()).getRaster();
		final int w = r.getWidth(), h = r.getHeight(), pw = w + (-w & 3), ph = h + (-h & 3);
		final float[] plane = new float[pw * ph];
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				plane[y * pw + x] = r.getSample(x < w ? x : 2 * (w - 1) - x, y < h ? y : 2 * (h - 1) - y, 0);
		final Shape shape = new Shape(1, pw, ph);
		final OnnxNetwork net = OnnxNetworkModel.read(Paths.get("src", "main", "resources", "models", "cell_unet.onnx")).imported(shape);
		final double[] times = new double[runs];
		final double[] cpu = new double[runs];
		float[] out = null;
		for (int i = -2; i < runs; i++) {
			final long c0 = THREADS.getCurrentThreadCpuTime();
			final long t0 = System.nanoTime();
			final float[][] result = new float[1][];
			Parallelization.runSingleThreaded(() -> result[0] = net.network().run(
				Collections.singletonList(new FeatureMaps(shape, new float[][] { plane })), null).get("cell").plane(0));
			if (i >= 0) {
				times[i] = (System.nanoTime() - t0) / 1e6;
				cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
			}
			out = result[0];
		}
		Arrays.sort(times);
		Arrays.sort(cpu);
		final Tensor expected = WeightFile.read(Paths.get("src", "test", "resources", "fixtures", "cell_unet", "output.npy"), null);
		double max = 0;
		final float[] cropped = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				cropped[y * w + x] = out[y * pw + x];
				max = Math.max(max, Math.abs(out[y * pw + x] - expected.data()[y * w + x]));
			}
		System.out.println(String.format(Locale.ROOT, "cell U-Net on cell.png (%d x %d), 1 thread: %.0f ms, thread CPU %.0f ms (medians of %d; " +
			"runs %s); max |difference| from PyTorch: %.3g", pw, ph, times[runs / 2], cpu[runs / 2], runs, Arrays.toString(round(times)), max));
		return cropped;
	}

	private static long[] round(final double[] t) {
		final long[] r = new long[t.length];
		for (int i = 0; i < t.length; i++)
			r[i] = Math.round(t[i]);
		return r;
	}

	private static String load() throws IOException {
		return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
	}

	private static void write(final File f, final float[] v) throws IOException {
		try (DataOutputStream s = new DataOutputStream(new FileOutputStream(f))) {
			s.writeInt(v.length);
			for (final float x : v)
				s.writeFloat(x);
		}
	}

	private static float[] read(final File f) throws IOException {
		try (DataInputStream s = new DataInputStream(new FileInputStream(f))) {
			final float[] v = new float[s.readInt()];
			for (int i = 0; i < v.length; i++)
				v[i] = s.readFloat();
			return v;
		}
	}
}

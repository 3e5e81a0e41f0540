package io.github.cnnlayers.bench;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ij.Prefs;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.onnx.OnnxNetworkModel;

/**
 * 3D work of issue 19, ours ({@link OnnxNetworkModel} run by {@link Network#run} on {@link ImageJExecutor}'s pool for
 * ImageJ's thread setting) against ONNX Runtime Java ({@code setIntraOpNumThreads(n)}, {@code setInterOpNumThreads(1)},
 * default optimizations), in one process on the same random input, on 1 and 2 threads: the one-node Conv3D 3x3x3
 * 32 -> 32 of {@code bench/make_bench_conv3d.py} on 32 x 64 x 256 x 256 (C x D x H x W) and the 3D U-Net fixture
 * {@code unet3d_transposed.onnx} on 2 x 64 x 128 x 128. Each case warms both up, then alternates their timed runs.
 * ONNX Runtime's times include copying the input into its tensor and the output back into a Java array. Prints a
 * Markdown table: seconds per run (median, min–max), the ratio ours / ONNX Runtime of the medians and the largest
 * |difference| of the outputs. Usage: {@code VolumesVsOrt [RUNS [WARMUPS]]} (default 2 and 1).
 */
public final class VolumesVsOrt {

	private VolumesVsOrt() {}

	/** @param args [runs (default 2)] [warm-up runs (default 1)] */
	public static void main(final String[] args) throws Exception {
		final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
		final int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 1;
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		System.out.println("ONNX Runtime " + env.getVersion() + ", Java " + System.getProperty("java.version") + ", " +
			Runtime.getRuntime().availableProcessors() + " cores, " + runs + " timed runs after " + warmups + " warm-up(s), load before: " +
			load());
		System.out.println();
		System.out.println("| network | input (C x D x H x W) | threads | ours s | ONNX Runtime s | ours / ORT | max abs Δ (output range) |");
		System.out.println("|---|---|---|---|---|---|---|");
		final Path conv = Paths.get("target", "bench-onnx", "conv3d_3x3x3_32_32.onnx");
		final Path unet = Paths.get("src", "test", "resources", "onnx", "networks3d", "unet3d_transposed.onnx");
		for (final int threads : new int[] { 1, 2 }) {
			row("Conv3D 3x3x3 32 → 32, padding 1", conv, Shape.volume(32, 256, 256, 64), threads, runs, warmups, env);
			row("3D U-Net fixture (unet3d_transposed, 2 → 4 → 8)", unet, Shape.volume(2, 128, 128, 64), threads, runs, warmups, env);
			System.out.println("(load now: " + load() + ")");
		}
		System.out.println();
		System.out.println("Load after: " + load());
		System.exit(0); // the pools' daemon threads aside, ONNX Runtime's environment stays open
	}

	/** Runs both sides on one random input and prints a table row. */
	private static void row(final String label, final Path file, final Shape shape, final int threads, final int runs, final int warmups,
		final OrtEnvironment env) throws Exception
	{
		Prefs.setThreads(threads);
		final FeatureMaps x = random(shape, 19);
		final Network network = OnnxNetworkModel.read(file).network(shape);
		final String output = network.outputs().get(0);
		final float[] flat = flat(x);
		final long[] dims = { 1, shape.channels(), shape.depth(), shape.height(), shape.width() };
		final double[] ours = new double[runs];
		final double[] theirs = new double[runs];
		double maxDifference;
		double outMin = Double.POSITIVE_INFINITY;
		double outMax = Double.NEGATIVE_INFINITY;
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(threads);
			options.setInterOpNumThreads(1);
			try (OrtSession session = env.createSession(file.toString(), options)) {
				final String inputName = session.getInputNames().iterator().next();
				float[] ortOut = null;
				Map<String, FeatureMaps> ourOut = null;
				for (int w = 0; w < warmups; w++) {
					ortOut = ort(env, session, inputName, flat, dims);
					ourOut = ours(network, x);
				}
				for (int r = 0; r < runs; r++) {
					ourOut = null;
					long t0 = System.nanoTime();
					ourOut = ours(network, x);
					ours[r] = (System.nanoTime() - t0) / 1e9;
					ortOut = null;
					t0 = System.nanoTime();
					ortOut = ort(env, session, inputName, flat, dims);
					theirs[r] = (System.nanoTime() - t0) / 1e9;
				}
				maxDifference = maxDifference(ourOut.get(output), ortOut);
				for (final float v : ortOut) {
					outMin = Math.min(outMin, v);
					outMax = Math.max(outMax, v);
				}
			}
		}
		System.out.println(String.format(Locale.ROOT, "| %s | %d x %d x %d x %d | %d | %s | %s | %.2f | %.1e (%.2f–%.2f) |", label,
			shape.channels(), shape.depth(), shape.height(), shape.width(), threads, summary(ours), summary(theirs), median(ours) /
				median(theirs), maxDifference, outMin, outMax));
	}

	private static Map<String, FeatureMaps> ours(final Network network, final FeatureMaps x) {
		return ImageJExecutor.call(() -> network.run(Collections.singletonList(x), null));
	}

	/** @return ONNX Runtime's first output, copied into a Java array */
	private static float[] ort(final OrtEnvironment env, final OrtSession session, final String inputName, final float[] flat,
		final long[] dims) throws OrtException
	{
		try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), dims);
			OrtSession.Result result = session.run(Collections.singletonMap(inputName, in)))
		{
			final FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
			final float[] values = new float[out.remaining()];
			out.get(values);
			return values;
		}
	}

	private static double maxDifference(final FeatureMaps ours, final float[] theirs) {
		final int size = ours.shape().channelSize();
		if (theirs.length != (long) size * ours.shape().channels())
			throw new IllegalStateException("Outputs differ in size: ours " + ours.shape() + ", ONNX Runtime's " + theirs.length + " values");
		double max = 0;
		for (int c = 0; c < ours.shape().channels(); c++)
			for (int i = 0; i < size; i++)
				max = Math.max(max, Math.abs(ours.plane(c)[i] - theirs[c * size + i]));
		return max;
	}

	private static FeatureMaps random(final Shape shape, final long seed) {
		final Random rnd = new Random(seed);
		final FeatureMaps f = FeatureMaps.zeros(shape);
		for (int c = 0; c < shape.channels(); c++) {
			final float[] p = f.plane(c);
			for (int i = 0; i < p.length; i++)
				p[i] = (float) rnd.nextGaussian();
		}
		return f;
	}

	private static float[] flat(final FeatureMaps x) {
		final int size = x.shape().channelSize();
		final float[] flat = new float[size * x.shape().channels()];
		for (int c = 0; c < x.shape().channels(); c++)
			System.arraycopy(x.plane(c), 0, flat, c * size, size);
		return flat;
	}

	private static double median(final double[] s) {
		final double[] t = s.clone();
		Arrays.sort(t);
		return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
	}

	private static String summary(final double[] s) {
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(s), Arrays.stream(s).min().getAsDouble(), Arrays.stream(s).max()
			.getAsDouble());
	}

	private static String load() {
		try {
			return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
		}
		catch (final IOException e) {
			return "n/a";
		}
	}
}

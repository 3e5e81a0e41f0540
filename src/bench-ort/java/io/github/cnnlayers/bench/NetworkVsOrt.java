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

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ij.ImagePlus;
import ij.Prefs;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.NetworkImages;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.SizeFit;
import io.github.cnnlayers.onnx.OnnxNetworkModel;
import io.github.cnnlayers.pipeline.Samples;

/**
 * Whole ONNX networks and single layers, ours ({@link OnnxNetworkModel} run by {@link Network#run} on
 * {@link ImageJExecutor}'s pool for ImageJ's thread setting, as {@code Run Network...} runs them) against ONNX
 * Runtime Java 1.29.0 ({@code setIntraOpNumThreads(n)}, {@code setInterOpNumThreads(1)}, default optimizations),
 * in one process on the same input, on 1 and 2 threads. Each case warms both up, then alternates their timed
 * runs, so that a change in the machine's load reaches both sides alike, 100 ms apart, so that neither side's
 * lingering threads take a core from the other's run. ONNX Runtime's times include copying
 * the input into its tensor and the output back into a Java array. Prints Markdown tables: milliseconds per run
 * (median, min–max), the ratio ours / ONNX Runtime of the medians, the largest |difference| of the outputs,
 * and memory: our planner's peak ({@link Network.Plan#peakBytes()}: the tensors alive at once plus a node's
 * working memory; the weights, held on the Java heap, come on top) and ONNX Runtime's resident growth
 * (VmHWM after its warm-up runs minus VmRSS before its session was made, both from /proc/self/status, the
 * peak reset through /proc/self/clear_refs; weights included). Run it with a pre-touched heap
 * ({@code -Xms = -Xmx, -XX:+AlwaysPreTouch}, as {@code bench/network-vs-ort} does) so that the JVM's own
 * heap does not grow the resident size.
 * <p>
 * Models: {@code src/main/resources/models/cell_unet.onnx} on {@code cell.png} padded by reflection to the size
 * it takes, and the ones {@code bench/make_bench_unet.py} writes into {@code target/bench-onnx}.
 */
public final class NetworkVsOrt {

	private NetworkVsOrt() {}

	/** Milliseconds between timed runs: see {@link #settle()} */
	private static final long SETTLE_MS = 100;

	/** The models of make_bench_unet.py */
	private static final Path BENCH = Paths.get("target", "bench-onnx");

	/** A single-layer case: its model file, input channels, input side and multiply-adds per output pixel. */
	private static final class LayerCase {

		final String label;
		final String file;
		final int channels;
		final int side;
		final double flops;
		/** The limit kernel's shape: source lines (multiply-adds per output value) and output lines per output row */
		final int sources;
		final int outputs;

		LayerCase(final String label, final String file, final int channels, final int side, final double flops, final int sources,
			final int outputs)
		{
			this.label = label;
			this.file = file;
			this.channels = channels;
			this.side = side;
			this.flops = flops;
			this.sources = sources;
			this.outputs = outputs;
		}
	}

	/** Times of one side over the timed runs, in ms. */
	private static final class Times {

		final double[] ms;
		int n;

		Times(final int runs) {
			ms = new double[runs];
		}

		void add(final long nanos) {
			ms[n++] = nanos / 1e6;
		}

		double median() {
			final double[] s = Arrays.copyOf(ms, n);
			Arrays.sort(s);
			return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		}

		double min() {
			return Arrays.stream(ms, 0, n).min().getAsDouble();
		}

		double max() {
			return Arrays.stream(ms, 0, n).max().getAsDouble();
		}

		String summary() {
			return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(), min(), max());
		}
	}

	/** What one case measured. */
	private static final class Outcome {

		Times ours;
		Times ort;
		double maxDifference;
		double outputMin = Double.POSITIVE_INFINITY;
		double outputMax = Double.NEGATIVE_INFINITY;
		long ourPeak;
		long ortPeakGrowth;
		long ortSessionGrowth;
	}

	/** @param args [runs (default 7)] [warm-up runs (default 2)] */
	public static void main(final String[] args) throws Exception {
		final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		final int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
		final int[] threadCounts = { 1, 2 };
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		System.out.println("ONNX Runtime " + env.getVersion() + ", Java " + System.getProperty("java.version") + ", " +
			Runtime.getRuntime().availableProcessors() + " cores, " + runs + " timed runs after " + warmups + " warm-ups, load before: " + load());
		System.out.println();
		System.out.println("| network | input | threads | ours ms | ONNX Runtime ms | ours / ORT | max abs Δ (output range) | ours: planner peak | ORT: resident growth, peak (session alone) |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");

		final Path cellModel = Paths.get("src", "main", "resources", "models", "cell_unet.onnx");
		final OnnxNetworkModel cell = OnnxNetworkModel.read(cellModel);
		final FeatureMaps cellInput = cellInput(cell);
		for (final int threads : threadCounts)
			networkRow("cell_unet (2-level U-Net, main job)", "cell.png " + cellInput.shape().width() + "x" + cellInput.shape().height() +
				" (padded from 550x660)", cellModel, cell, cellInput, threads, runs, warmups, env);

		final Path unetModel = BENCH.resolve("unet_d4_f32.onnx");
		final OnnxNetworkModel unet = OnnxNetworkModel.read(unetModel);
		final FeatureMaps unetInput = random(new Shape(1, 512, 512), 21);
		for (final int threads : threadCounts)
			networkRow("U-Net depth 4, 32 features (issue 17, 96 GFLOP)", "random 512x512", unetModel, unet, unetInput, threads, runs,
				warmups, env);

		System.out.println();
		System.out.println("| layer | input | threads | ours GFLOP/s | ONNX Runtime GFLOP/s | limit GFLOP/s | ours ms | ONNX Runtime ms | ours / ORT (time) | max abs Δ |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		final LayerCase[] layers = {
			new LayerCase("Conv 3x3, 32 → 64", "conv3x3_32_64_256.onnx", 32, 256, 2.0 * 32 * 64 * 9 * 256 * 256, 32 * 9, 64),
			new LayerCase("Conv 3x3, 64 → 64", "conv3x3_64_64_256.onnx", 64, 256, 2.0 * 64 * 64 * 9 * 256 * 256, 64 * 9, 64),
			new LayerCase("Conv 3x3, 128 → 128", "conv3x3_128_128_64.onnx", 128, 64, 2.0 * 128 * 128 * 9 * 64 * 64, 128 * 9, 128),
			new LayerCase("Conv 1x1, 64 → 64", "conv1x1_64_64_256.onnx", 64, 256, 2.0 * 64 * 64 * 256 * 256, 64, 64),
			new LayerCase("ConvTranspose 2x2 stride 2, 64 → 32", "convT2x2_64_32_128.onnx", 64, 128, 2.0 * 64 * 32 * 4 * 128 * 128, 64,
				32 * 4) };
		for (final int threads : threadCounts)
			for (final LayerCase c : layers) {
				final Path file = BENCH.resolve(c.file);
				final OnnxNetworkModel model = OnnxNetworkModel.read(file);
				final Outcome o = compare(file, model, random(new Shape(c.channels, c.side, c.side), 5), threads, runs, warmups, env);
				final double limit = LimitKernel.gflops(c.sources, c.outputs, c.side, c.side, threads, runs, warmups);
				System.out.println(String.format(Locale.ROOT, "| %s | %d², %d ch | %d | %.1f | %.1f | %.1f | %s | %s | %.2f | %.1e |", c.label,
					c.side, c.channels, threads, c.flops / o.ours.median() / 1e6, c.flops / o.ort.median() / 1e6, limit, o.ours.summary(),
					o.ort.summary(), o.ours.median() / o.ort.median(), o.maxDifference));
			}
		System.out.println();
		System.out.println("Load after: " + load());
		System.exit(0); // the pools' daemon threads aside, ONNX Runtime's environment stays open
	}

	private static void networkRow(final String label, final String input, final Path file, final OnnxNetworkModel model,
		final FeatureMaps x, final int threads, final int runs, final int warmups, final OrtEnvironment env) throws Exception
	{
		final Outcome o = compare(file, model, x, threads, runs, warmups, env);
		System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.2f | %.1e (%.2f–%.2f) | %s | %s (%s) |", label, input,
			threads, o.ours.summary(), o.ort.summary(), o.ours.median() / o.ort.median(), o.maxDifference, o.outputMin, o.outputMax, mib(o.ourPeak), mib(o.ortPeakGrowth),
			mib(o.ortSessionGrowth)));
	}

	/** Runs both sides on {@code x}: ONNX Runtime's session and warm-up first (for its memory), then ours, then both in turn. */
	private static Outcome compare(final Path file, final OnnxNetworkModel model, final FeatureMaps x, final int threads, final int runs,
		final int warmups, final OrtEnvironment env) throws Exception
	{
		Prefs.setThreads(threads);
		final Outcome o = new Outcome();
		final Network network = model.network(x.shape());
		final String output = network.outputs().get(0);
		o.ourPeak = network.plan(Collections.singletonList(x.shape())).peakBytes();
		final float[] flat = flat(x);
		final long[] dims = { 1, x.shape().channels(), x.shape().height(), x.shape().width() };
		System.gc();
		resetPeak();
		final long before = status("VmRSS");
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(threads);
			options.setInterOpNumThreads(1);
			try (OrtSession session = env.createSession(file.toString(), options)) {
				o.ortSessionGrowth = status("VmRSS") - before;
				final String inputName = session.getInputNames().iterator().next();
				float[] theirs = null;
				for (int w = 0; w < warmups; w++)
					theirs = ort(env, session, inputName, flat, dims);
				o.ortPeakGrowth = status("VmHWM") - before;
				Map<String, FeatureMaps> ours = null;
				for (int w = 0; w < warmups; w++)
					ours = ours(network, x);
				o.ours = new Times(runs);
				o.ort = new Times(runs);
				for (int r = 0; r < runs; r++) {
					settle();
					long t0 = System.nanoTime();
					ours = ours(network, x);
					o.ours.add(System.nanoTime() - t0);
					settle();
					t0 = System.nanoTime();
					theirs = ort(env, session, inputName, flat, dims);
					o.ort.add(System.nanoTime() - t0);
				}
				o.maxDifference = maxDifference(ours.get(output), theirs);
				for (final float v : theirs) {
					o.outputMin = Math.min(o.outputMin, v);
					o.outputMax = Math.max(o.outputMax, v);
				}
			}
		}
		return o;
	}

	/**
	 * Waits {@link #SETTLE_MS} before a timed run, so that the other side's threads have gone idle: ONNX Runtime's
	 * intra-op threads spin after a run and our pool's workers poll for 5 ms, and either would take a core from the
	 * next run (single layers on 2 threads: medians up to 1.7x their minimum without the pause).
	 */
	private static void settle() throws InterruptedException {
		Thread.sleep(SETTLE_MS);
	}

	private static Map<String, FeatureMaps> ours(final Network network, final FeatureMaps x) {
		return ImageJExecutor.call(() -> network.run(Collections.singletonList(x), null));
	}

	/** @return ONNX Runtime's first output, copied into a Java array */
	private static float[] ort(final OrtEnvironment env, final OrtSession session, final String inputName, final float[] flat,
		final long[] dims) throws OrtException
	{
		try (ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), dims);
			OrtSession.Result result = session.run(Collections.singletonMap(inputName, in)))
		{
			final FloatBuffer out = ((ai.onnxruntime.OnnxTensor) result.get(0)).getFloatBuffer();
			final float[] values = new float[out.remaining()];
			out.get(values);
			return values;
		}
	}

	private static double maxDifference(final FeatureMaps ours, final float[] theirs) {
		final int size = ours.shape().planeSize();
		if (theirs.length != (long) size * ours.shape().channels())
			throw new IllegalStateException("Outputs differ in size: ours " + ours.shape() + ", ONNX Runtime's " + theirs.length + " values");
		double max = 0;
		for (int c = 0; c < ours.shape().channels(); c++)
			for (int i = 0; i < size; i++)
				max = Math.max(max, Math.abs(ours.plane(c)[i] - theirs[c * size + i]));
		return max;
	}

	/** @return cell.png as Run Network... feeds it to the model: its gray values, padded by reflection at the right and bottom */
	private static FeatureMaps cellInput(final OnnxNetworkModel model) {
		final ImagePlus imp = Samples.image("cell");
		final FeatureMaps x = NetworkImages.sample(imp, 1, 1);
		final Shape fit = SizeFit.of(model, x.shape()).input();
		final Operation pad = Operation.of(Pad.of(PadMode.REFLECT, 0, (int) (fit.height() - x.shape().height()), 0,
			(int) (fit.width() - x.shape().width()), 0), "Pad");
		final FeatureMaps y = FeatureMaps.zeros(pad.outputShape(Collections.singletonList(x.shape())));
		pad.compute(Collections.singletonList(x), y);
		return y;
	}

	private static FeatureMaps random(final Shape shape, final long seed) {
		final Random rnd = new Random(seed);
		final float[][] planes = new float[shape.channels()][shape.planeSize()];
		for (final float[] p : planes)
			for (int i = 0; i < p.length; i++)
				p[i] = (float) rnd.nextGaussian();
		return new FeatureMaps(shape, planes);
	}

	private static float[] flat(final FeatureMaps x) {
		final int size = x.shape().planeSize();
		final float[] flat = new float[size * x.shape().channels()];
		for (int c = 0; c < x.shape().channels(); c++)
			System.arraycopy(x.plane(c), 0, flat, c * size, size);
		return flat;
	}

	/** @return a field of /proc/self/status in bytes (-1 where there is none, as off Linux) */
	private static long status(final String field) {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.UTF_8))
				if (line.startsWith(field + ":"))
					return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) * 1024;
		}
		catch (final IOException e) {
			// not Linux
		}
		return -1;
	}

	/** Resets VmHWM to the current resident size (Linux 4.0+). */
	private static void resetPeak() {
		try {
			Files.write(Paths.get("/proc/self/clear_refs"), "5".getBytes(StandardCharsets.US_ASCII));
		}
		catch (final IOException e) {
			System.err.println("VmHWM not reset (" + e + "): ONNX Runtime's peak is the process's");
		}
	}

	private static String load() {
		try {
			return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
		}
		catch (final IOException e) {
			return "n/a";
		}
	}

	private static String mib(final long bytes) {
		return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
	}
}

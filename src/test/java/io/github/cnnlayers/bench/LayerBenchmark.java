package io.github.cnnlayers.bench;

import java.awt.Rectangle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.Binner;
import ij.plugin.filter.Convolver;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.PixelViews;
import io.github.cnnlayers.ij.PlaneRunner;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Compares the CNN layers with ImageJ 1.x built-ins doing the same work, in one JVM, with the same
 * number of threads on both sides, and checks that both produce the same pixels.
 * <p>
 * Run with {@code bench/run} (or {@code bench/run --quick}). Not a unit test: surefire does not pick it
 * up. Options: {@code --quick} (2 warm-up and 5 timed runs instead of 5 and 10; cases slower than
 * 0.4 s per round warm up for about 2 s only), {@code --warmup N},
 * {@code --runs N}, {@code --only CASE-NAME-SUBSTRING}.
 * <ul>
 * <li>1 thread: ours inside {@link Parallelization#runSingleThreaded(Callable)} vs one plain call of
 * the ImageJ function.</li>
 * <li>N threads (N = available processors): ours on the commands' executor with ImageJ's thread setting
 * at N ({@code ImageJExecutor}) vs ImageJ run the way its PlugInFilterRunner parallelises that
 * command: Convolve on a single image splits the ROI into N horizontal strips over clones of the
 * processor that share one snapshot (PARALLELIZE_IMAGES); on a stack each thread takes whole slices
 * (PARALLELIZE_STACKS). Process&gt;Math&gt;Min and Binner are single-threaded in ImageJ on a single
 * image; Min is nevertheless run here on N strips (same threads), Binner has no region API and stays
 * on 1 thread (marked "N*"). The N-thread rows also time ours on ImgLib2's default executor, the common
 * ForkJoinPool, whose parallelism is cores - 1: what code calling the core layers directly gets (the
 * menu commands run on {@code ImageJExecutor}, with ImageJ's thread setting).</li>
 * </ul>
 * A CPU check before and after says whether N threads really had N cores: on a shared VM they may
 * not, and then the N-thread rows are noise.
 * Each timed run of either side includes what the user-facing command costs: ours allocates the output
 * plane(s) through {@link PlaneRunner}; ImageJ's Convolver works in place and copies the input once
 * (snapshot, or its own {@code getPixelsCopy} when there is none). In-place operations get their input
 * restored by {@link System#arraycopy} before each run, outside the timed region.
 */
public final class LayerBenchmark {

	private static final int THREADS = Runtime.getRuntime().availableProcessors();
	private static final double TOLERANCE = 1e-4;

	private static int warmup = 5;
	private static int runs = 10;

	/** Keeps results reachable so that no work can be optimised away. */
	private static volatile Object sink;

	private LayerBenchmark() {}

	/** One side of a comparison: {@link #prepare} is not timed, {@link #run} is. */
	private interface Side {

		/** Untimed: restore inputs. */
		default void prepare() {}

		/** Timed. */
		void run() throws Exception;

		/** The output pixels of the last run, one array per plane. */
		float[][] output();
	}

	/** A side whose timed run makes one new plane. */
	private static final class PlaneSide implements Side {

		private final java.util.function.Supplier<float[]> plane;
		private float[] out;

		PlaneSide(final java.util.function.Supplier<float[]> plane) {
			this.plane = plane;
		}

		@Override
		public void run() {
			out = plane.get();
		}

		@Override
		public float[][] output() {
			return new float[][] { out };
		}
	}

	private static final class Row {

		final String name;
		final String threads;
		final double ours;
		/** ours on ImgLib2's default executor; NaN on the 1-thread rows */
		final double oursDefault;
		final double ij;
		/** the larger relative interquartile range of ours and ImageJ's times */
		final double noise;
		final String check;

		Row(final String name, final String threads, final double ours, final double oursDefault, final double ij,
			final double noise, final String check)
		{
			this.name = name;
			this.threads = threads;
			this.ours = ours;
			this.oursDefault = oursDefault;
			this.ij = ij;
			this.noise = noise;
			this.check = check;
		}

		String format() {
			return String.format(Locale.ROOT, "%-21s %-4s %8.1f %9.1f %6.2f %5.0f%%  %9s %6s  %s", name, threads, ours, ij,
				ours / ij, 100 * noise, Double.isNaN(oursDefault) ? "-" : String.format(Locale.ROOT, "%.1f", oursDefault),
				Double.isNaN(oursDefault) ? "-" : String.format(Locale.ROOT, "%.2f", oursDefault / ij), check);
		}
	}

	private static final List<Row> rows = new ArrayList<>();

	/** N threads for our layers: a ForkJoinPool of N workers (ImgLib2's default executor may have fewer). */
	private static TaskExecutor poolN;
	private static String only;

	public static void main(final String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick":
					warmup = 2;
					runs = 5;
					break;
				case "--warmup":
					warmup = Integer.parseInt(args[++i]);
					break;
				case "--runs":
					runs = Integer.parseInt(args[++i]);
					break;
				case "--only":
					only = args[++i];
					break;
				default:
					System.err.println("Usage: LayerBenchmark [--quick] [--warmup N] [--runs N] [--only NAME-SUBSTRING]");
					System.exit(2);
			}
		}
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		// the commands' own pool (ImageJExecutor, ImageJ's thread setting), whose idle workers poll briefly
		ij.Prefs.setThreads(THREADS);
		poolN = io.github.cnnlayers.ij.ImageJExecutor.get();
		System.out.printf(Locale.ROOT, "CNN Layers vs ImageJ %s | Java %s (%s) | %d cores | max heap %d MiB | load %s%n",
			IJ.getVersion(), System.getProperty("java.version"), System.getProperty("java.vm.name"), THREADS,
			Runtime.getRuntime().maxMemory() >> 20, loadAverage());
		System.out.printf(Locale.ROOT,
			"ImgLib2 default executor: parallelism %d, %d tasks suggested; N-thread pool: parallelism %d, %d tasks | warm-up %d, timed runs %d (median)%n",
			executor.getParallelism(), executor.suggestNumberOfTasks(), poolN.getParallelism(), poolN.suggestNumberOfTasks(),
			warmup, runs);
		final long start = System.nanoTime();
		System.out.println("CPU check before: " + cpuCheck());

		final Kernel k3 = randomKernel(3, 3, 3);
		final Kernel k7 = randomKernel(7, 7, 7);

		final FloatProcessor image = randomImage(2048, 2048, 1);
		final ImagePlus imageImp = new ImagePlus("image", image);
		final ImagePlus stackImp = randomStack(1024, 1024, 16, 2);

		conv("Conv2D 3x3 2048^2", imageImp, k3);
		limit("Conv2D 3x3 2048^2", imageImp, k3);
		conv("Conv2D 7x7 2048^2", imageImp, k7);
		conv("Conv2D 3x3 16x1024^2", stackImp, k3);
		conv("Conv2D 7x7 16x1024^2", stackImp, k7);
		maxPool("MaxPool 2x2/2 2048^2", imageImp);
		relu("ReLU 2048^2", image);

		// memory last: its System.gc() calls shrink the heap, and the case timed next paid for regrowing it
		// (the first Conv2D case took 4-6x its time when this ran first)
		if (selected("peak heap"))
			peakHeap(k3);

		System.out.println();
		System.out.println("Median ms. ratio = ours/ImageJ, lower is better. thr: threads on both sides (N* = ImageJ's Binner");
		System.out.println("has no multithreaded path and runs on 1). 'ours dflt': ours on ImgLib2's default executor instead");
		System.out.println("of an N-thread pool. noise: the larger interquartile range / median of the two timed sides.");
		System.out.println("check: max |ours-IJ|/max(1,|IJ|) <= 1e-4 over all output pixels.");
		System.out.printf(Locale.ROOT, "%-21s %-4s %8s %9s %6s %6s  %9s %6s  %s%n", "case", "thr", "ours ms", "ImageJ ms", "ratio",
			"noise", "ours dflt", "ratio", "check");
		for (final Row r : rows)
			System.out.println(r.format());
		if (!limits.isEmpty()) {
			System.out.println();
			System.out.println("Plain-Java limit, 1 thread, same arithmetic and output (a new float[] each run): 'limit' is the");
			System.out.println("fastest loop written for it (LayerBenchmark.limit3x3: shifted row copies, same-index passes);");
			System.out.println("'scalar' the plain nine-tap loop over padded rows. 'ours' is the command as timed above (with");
			System.out.println("the result ImagePlus); 'compute' is Conv2D.compute alone into a new float[] wrapped as an ArrayImg.");
			System.out.println("'compute N': Conv2D.compute alone on the N-thread pool; speed-up = compute / compute N.");
			System.out.println("All timed interleaved in one run.");
			System.out.printf(Locale.ROOT, "%-21s %8s %10s %8s %9s %12s %11s %12s %11s %8s  %s%n", "case", "ours ms",
				"compute ms", "limit ms", "scalar ms", "compute/lim", "ours/limit", "compute/scal", "compute N ms", "speed-up",
				"check");
			for (final String l : limits)
				System.out.println(l);
		}
		System.out.println();
		System.out.println("Thread scaling: time on 1 thread / time on N threads (speed-up), per side.");
		System.out.printf(Locale.ROOT, "%-21s %-4s %8s %9s%n", "case", "N", "ours", "ImageJ");
		for (int i = 0; i + 1 < rows.size(); i++) {
			final Row a = rows.get(i), b = rows.get(i + 1);
			if (a.name.equals(b.name) && a.threads.equals("1") && !b.threads.equals("1"))
				System.out.printf(Locale.ROOT, "%-21s %-4s %7.2fx %8.2fx%n", a.name, b.threads, a.ours / b.ours, a.ij / b.ij);
		}
		System.out.println("CPU check after:  " + cpuCheck());
		System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - start) / 1e9);
		System.exit(0);
	}

	// ---- cases ----

	private static void conv(final String name, final ImagePlus imp, final Kernel kernel) throws Exception {
		final Conv2D.PerPlane layer = Conv2D.perPlane(kernel).samePadding().border(BorderMode.REPLICATE).build();
		final io.github.cnnlayers.core.Layer op = (layer);
		final float[] weights = kernel.weights();
		final int kw = kernel.width();
		final int kh = kernel.height();
		if (!selected(name))
			return;
		final float[][] templates = pixelsOf(imp.getStack());
		final boolean stack = templates.length > 1;
		final Callable<ImagePlus> task = () -> PlaneRunner.run(imp, true, op, "bench", null, null);

		final InPlace ij1 = new InPlace(templates) {

			@Override
			public void run() {
				final Convolver c = convolver();
				for (final FloatProcessor ip : work)
					c.convolve(ip, weights, kw, kh); // no snapshot: Convolver copies the input itself
			}
		};
		final InPlace ijN = new InPlace(templates) {

			@Override
			public void run() throws InterruptedException {
				if (stack) {
					// PARALLELIZE_STACKS: each thread convolves whole slices
					parallel(THREADS, t -> {
						final Convolver c = convolver();
						for (int s = t * work.length / THREADS; s < (t + 1) * work.length / THREADS; s++)
							c.convolve(work[s], weights, kw, kh);
					});
				}
				else {
					// PARALLELIZE_IMAGES: one snapshot, N horizontal strips over clones of the processor
					final FloatProcessor ip = work[0];
					ip.snapshot();
					final int h = ip.getHeight();
					parallel(THREADS, t -> {
						final ImageProcessor strip = (ImageProcessor) ip.clone();
						final int y0 = t * h / THREADS;
						strip.setRoi(new Rectangle(0, y0, ip.getWidth(), (t + 1) * h / THREADS - y0));
						convolver().convolve(strip, weights, kw, kh);
					});
				}
			}
		};
		compareAll(name, task, ij1, ijN);
	}

	private static void maxPool(final String name, final ImagePlus imp) throws Exception {
		if (!selected(name))
			return;
		final io.github.cnnlayers.core.Layer op = (new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false));
		final Side ij = new Side() {

			ImagePlus result;

			@Override
			public void run() {
				result = new Binner().shrink(imp, 2, 2, 1, Binner.MAX);
			}

			@Override
			public float[][] output() {
				return pixelsOf(result.getStack());
			}
		};
		final Callable<ImagePlus> task = () -> PlaneRunner.run(imp, false, op, "bench", null, null);
		compare(name, "1", new OursPlanes(() -> Parallelization.runSingleThreaded(task)), null, ij);
		compare(name, THREADS + "*", new OursPlanes(() -> Parallelization.runWithExecutor(poolN, task)),
			new OursPlanes(task), ij);
	}

	private static void relu(final String name, final FloatProcessor image) throws Exception {
		if (!selected(name))
			return;
		final float[][] template = { (float[]) image.getPixels() };
		final InPlace ours1 = new InPlace(template) {

			@Override
			public void run() {
				Parallelization.runSingleThreaded(() -> Activation.relu().applyInPlace(PixelViews.<FloatType> gray(work[0]), 0));
			}
		};
		final InPlace oursN = new InPlace(template) {

			@Override
			public void run() {
				Parallelization.runWithExecutor(poolN, () -> Activation.relu().applyInPlace(PixelViews.<FloatType> gray(work[0]), 0));
			}
		};
		final InPlace oursDefault = new InPlace(template) {

			@Override
			public void run() {
				Activation.relu().applyInPlace(PixelViews.<FloatType> gray(work[0]), 0);
			}
		};
		final InPlace ij1 = new InPlace(template) {

			@Override
			public void run() {
				work[0].min(0);
			}
		};
		final InPlace ijN = new InPlace(template) {

			@Override
			public void run() throws InterruptedException {
				final FloatProcessor ip = work[0];
				final int h = ip.getHeight();
				parallel(THREADS, t -> {
					final ImageProcessor strip = (ImageProcessor) ip.clone();
					final int y0 = t * h / THREADS;
					strip.setRoi(new Rectangle(0, y0, ip.getWidth(), (t + 1) * h / THREADS - y0));
					strip.min(0);
				});
			}
		};
		compare(name, "1", ours1, null, ij1);
		compare(name, String.valueOf(THREADS), oursN, oursDefault, ijN);
	}

	private static final List<String> limits = new ArrayList<>();

	/**
	 * Ours on one thread against the fastest plain-Java loop written for the same 3x3 arithmetic
	 * (replicate border, bias 0, a new output array each run) and against the plain scalar loop.
	 */
	private static void limit(final String name, final ImagePlus imp, final Kernel kernel) throws Exception {
		if (!selected(name) || kernel.width() != 3 || kernel.height() != 3)
			return;
		final io.github.cnnlayers.core.Layer op = Conv2D.perPlane(kernel).samePadding().border(BorderMode.REPLICATE).build();
		final Callable<ImagePlus> task = () -> PlaneRunner.run(imp, true, op, "conv2d", null, null);
		final float[] in = (float[]) imp.getProcessor().getPixels();
		final int w = imp.getWidth(), h = imp.getHeight();
		final float[] k = kernel.weights();
		final Side ours = new OursPlanes(() -> Parallelization.runSingleThreaded(task));
		final Side fast = new PlaneSide(() -> limit3x3(in, w, h, k));
		final Side scalar = new PlaneSide(() -> scalar3x3(in, w, h, k));
		final Conv2D.PerPlane conv = Conv2D.perPlane(kernel).samePadding().border(BorderMode.REPLICATE).build();
		final Side core = new PlaneSide(() -> {
			final float[] out = new float[w * h];
			Parallelization.runSingleThreaded(() -> conv.compute(ArrayImgs.floats(in, w, h), ArrayImgs.floats(out, w, h)));
			return out;
		});
		final Side coreN = new PlaneSide(() -> {
			final float[] out = new float[w * h];
			Parallelization.runWithExecutor(poolN, () -> conv.compute(ArrayImgs.floats(in, w, h), ArrayImgs.floats(out, w, h)));
			return out;
		});
		final Side[] sides = { ours, core, fast, scalar, coreN };
		for (int i = 0; i < warmup; i++)
			for (final Side s : sides)
				time(s);
		final double[][] t = new double[sides.length][runs];
		for (int i = 0; i < runs; i++)
			for (int s = 0; s < sides.length; s++)
				t[s][i] = time(sides[s]);
		final String check = "compute " + check(core.output(), ours.output()) + "; limit " +
			check(fast.output(), ours.output()) + "; scalar " + check(scalar.output(), ours.output());
		final double cmd = median(t[0]), cmp = median(t[1]), lim = median(t[2]), sca = median(t[3]);
		final double cmpN = median(t[4]);
		final String line = String.format(Locale.ROOT, "%-21s %8.1f %10.1f %8.1f %9.1f %12.2f %11.2f %12.2f %11.1f %7.2fx  %s",
			name, cmd, cmp, lim, sca, cmp / lim, cmd / lim, cmp / sca, cmpN, cmp / cmpN, check + "; compute N " +
				check(coreN.output(), ours.output()));
		limits.add(line);
		System.out.println("limit: " + line);
	}

	/**
	 * The fastest plain-Java 3x3 written here, replicate border, bias 0: each input row is padded once
	 * and copied shifted by one and two pixels, so that every output row is three same-index passes of
	 * three taps (which C2 vectorizes), the first of which sets the line instead of adding to it.
	 */
	static float[] limit3x3(final float[] in, final int w, final int h, final float[] k) {
		final float[] out = new float[w * h];
		final float[][][] taps = new float[3][3][w + 2]; // [ring slot][tap][x]
		final int[] rowOf = { Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE };
		final float[] line = new float[w];
		for (int y = 0; y < h; y++) {
			for (int j = 0; j < 3; j++) {
				final int iy = Math.min(Math.max(y - 1 + j, 0), h - 1);
				final int slot = (y - 1 + j + 3) % 3;
				final float[][] t = taps[slot];
				if (rowOf[slot] != y - 1 + j) {
					final float[] p = t[0];
					System.arraycopy(in, iy * w, p, 1, w);
					p[0] = p[1];
					p[w + 1] = p[w];
					System.arraycopy(p, 1, t[1], 0, w);
					System.arraycopy(p, 2, t[2], 0, w);
					rowOf[slot] = y - 1 + j;
				}
				final float w0 = k[3 * j], w1 = k[3 * j + 1], w2 = k[3 * j + 2];
				final float[] a = t[0], b = t[1], c = t[2];
				if (j == 0)
					for (int x = 0; x < w; x++)
						line[x] = 0f + (w0 * a[x] + w1 * b[x] + w2 * c[x]);
				else
					for (int x = 0; x < w; x++)
						line[x] += w0 * a[x] + w1 * b[x] + w2 * c[x];
			}
			System.arraycopy(line, 0, out, y * w, w);
		}
		return out;
	}

	/** The plain scalar 3x3 loop, replicate border, bias 0: nine taps per pixel at offsets in padded rows. */
	static float[] scalar3x3(final float[] in, final int w, final int h, final float[] k) {
		final float[] out = new float[w * h];
		final float[][] p = new float[3][w + 2];
		for (int y = 0; y < h; y++) {
			for (int j = 0; j < 3; j++) {
				final int iy = Math.min(Math.max(y - 1 + j, 0), h - 1);
				System.arraycopy(in, iy * w, p[j], 1, w);
				p[j][0] = p[j][1];
				p[j][w + 1] = p[j][w];
			}
			final float[] a = p[0], b = p[1], c = p[2];
			for (int x = 0, o = y * w; x < w; x++, o++)
				out[o] = k[0] * a[x] + k[1] * a[x + 1] + k[2] * a[x + 2] + k[3] * b[x] + k[4] * b[x + 1] + k[5] * b[x + 2] +
					k[6] * c[x] + k[7] * c[x + 1] + k[8] * c[x + 2];
		}
		return out;
	}

	/** Peak heap while our Conv2D 3x3 (and, for reference, ImageJ's Convolver) processes a 2048^2 image. */
	private static void peakHeap(final Kernel kernel) throws Exception {
		final io.github.cnnlayers.core.Layer op = (Conv2D.perPlane(kernel).samePadding().border(BorderMode.REPLICATE).build());
		final float[] weights = kernel.weights();
		// load and link the classes on a small image first, so that the measured run only allocates data
		final ImagePlus small = new ImagePlus("small", randomImage(64, 64, 9));
		PlaneRunner.run(small, false, op, "bench", null, null);
		convolver().convolve(small.getProcessor(), weights, 3, 3);

		final long bytes = 2048L * 2048 * Float.BYTES;
		System.out.println();
		System.out.printf(Locale.ROOT, "Peak heap, Conv2D 3x3 on 2048^2 float, N=%d threads (input %.1f MiB, output %.1f MiB):%n",
			THREADS, mib(bytes), mib(bytes));
		final long base = quietHeap();
		final ImagePlus imp = new ImagePlus("peak", randomImage(2048, 2048, 1));
		quietHeap();
		resetPeaks();
		sink = Parallelization.runWithExecutor(poolN, () -> PlaneRunner.run(imp, false, op, "bench", null, null));
		final long peakOurs = peakSum() - base;
		sink = null;
		System.out.printf(Locale.ROOT, "  ours   (PlaneRunner, new output)        peak %6.1f MiB above empty heap = %.2f x (input+output %.1f MiB)%n",
			mib(peakOurs), (double) peakOurs / (2 * bytes), mib(2 * bytes));

		quietHeap();
		resetPeaks();
		final ImageProcessor ip = imp.getProcessor();
		ip.snapshot();
		final int h = ip.getHeight();
		parallel(THREADS, t -> {
			final ImageProcessor strip = (ImageProcessor) ip.clone();
			final int y0 = t * h / THREADS;
			strip.setRoi(new Rectangle(0, y0, ip.getWidth(), (t + 1) * h / THREADS - y0));
			convolver().convolve(strip, weights, 3, 3);
		});
		final long peakIj = peakSum() - base;
		System.out.printf(Locale.ROOT, "  ImageJ (Convolver in place + snapshot)  peak %6.1f MiB above empty heap = %.2f x (input+snapshot %.1f MiB)%n",
			mib(peakIj), (double) peakIj / (2 * bytes), mib(2 * bytes));
		ip.setSnapshotPixels(null);
		sink = imp;
		sink = null;
	}

	// ---- timing and checking ----

	private static boolean selected(final String name) {
		return only == null || name.toLowerCase(Locale.ROOT).contains(only.toLowerCase(Locale.ROOT));
	}

	/** A PlaneRunner task, 1 thread vs {@code ij1} and N threads vs {@code ijN}. */
	private static void compareAll(final String name, final Callable<ImagePlus> task, final Side ij1, final Side ijN)
		throws Exception
	{
		compare(name, "1", new OursPlanes(() -> Parallelization.runSingleThreaded(task)), null, ij1);
		compare(name, String.valueOf(THREADS), new OursPlanes(() -> Parallelization.runWithExecutor(poolN, task)),
			new OursPlanes(task), ijN);
	}

	/**
	 * Warms up, then times the sides interleaved (so that drift hits all alike) and checks that our
	 * outputs equal ImageJ's.
	 *
	 * @param oursDefault ours on the default executor, or {@code null}
	 */
	private static void compare(final String name, final String threads, final Side ours, final Side oursDefault,
		final Side ij) throws Exception
	{
		final Side[] sides = oursDefault == null ? new Side[] { ours, ij } : new Side[] { ours, ij, oursDefault };
		// warm-up: `warmup` rounds, but slow cases (the code is already compiled by then) stop after ~2 s
		double round = 0;
		for (final Side s : sides)
			round += time(s);
		final int rounds = (int) Math.max(1, Math.min(warmup, Math.ceil(2000 / round)));
		for (int i = 1; i < rounds; i++)
			for (final Side s : sides)
				time(s);
		final double[][] t = new double[sides.length][runs];
		for (int i = 0; i < runs; i++)
			for (int s = 0; s < sides.length; s++)
				t[s][i] = time(sides[s]);
		String check = check(ours.output(), ij.output());
		if (oursDefault != null) {
			final String c2 = check(oursDefault.output(), ij.output());
			if (!c2.startsWith("OK"))
				check += "; default executor: " + c2;
		}
		final Row row = new Row(name, threads, median(t[0]), oursDefault == null ? Double.NaN : median(t[2]),
			median(t[1]), Math.max(spread(t[0]), spread(t[1])), check);
		rows.add(row);
		System.out.println(row.format());
	}

	private static double time(final Side side) throws Exception {
		side.prepare();
		final long t0 = System.nanoTime();
		side.run();
		return (System.nanoTime() - t0) / 1e6;
	}

	private static double median(final double[] values) {
		final double[] v = values.clone();
		Arrays.sort(v);
		final int n = v.length;
		return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}

	/** interquartile range / median */
	private static double spread(final double[] values) {
		final double[] v = values.clone();
		Arrays.sort(v);
		final int n = v.length;
		return (v[(3 * (n - 1)) / 4] - v[(n - 1) / 4]) / median(v);
	}

	private static String check(final float[][] ours, final float[][] ij) {
		if (ours.length != ij.length)
			return "MISMATCH (" + ours.length + " vs " + ij.length + " planes)";
		double worst = 0;
		for (int p = 0; p < ours.length; p++) {
			if (ours[p].length != ij[p].length)
				return "MISMATCH (plane size " + ours[p].length + " vs " + ij[p].length + ")";
			for (int i = 0; i < ours[p].length; i++) {
				final double a = ours[p][i];
				final double b = ij[p][i];
				final double err = Math.abs(a - b) / Math.max(1, Math.abs(b));
				if (!(err <= worst)) {
					if (Double.isNaN(err))
						return "MISMATCH (NaN at plane " + p + " pixel " + i + ")";
					worst = err;
				}
			}
		}
		return String.format(Locale.ROOT, "%s (max err %.1e)", worst <= TOLERANCE ? "OK" : "MISMATCH", worst);
	}

	/** Ours through PlaneRunner: a new ImagePlus each run. */
	private static final class OursPlanes implements Side {

		private final Callable<ImagePlus> task;
		private ImagePlus result;

		OursPlanes(final Callable<ImagePlus> task) {
			this.task = task;
		}

		@Override
		public void run() throws Exception {
			result = task.call();
			sink = result;
		}

		@Override
		public float[][] output() {
			return pixelsOf(result.getStack());
		}
	}

	/** An in-place operation on private copies of the input, restored before every run (untimed). */
	private abstract static class InPlace implements Side {

		private final float[][] templates;
		final FloatProcessor[] work;

		InPlace(final float[][] templates) {
			this.templates = templates;
			final int n = (int) Math.round(Math.sqrt(templates[0].length)); // square planes only
			this.work = new FloatProcessor[templates.length];
			for (int p = 0; p < templates.length; p++)
				work[p] = new FloatProcessor(n, n, templates[p].clone());
		}

		@Override
		public void prepare() {
			for (int p = 0; p < templates.length; p++) {
				System.arraycopy(templates[p], 0, (float[]) work[p].getPixels(), 0, templates[p].length);
				work[p].setSnapshotPixels(null); // a stale snapshot would be read by Convolver
				work[p].resetRoi();
			}
		}

		@Override
		public float[][] output() {
			final float[][] out = new float[work.length][];
			for (int p = 0; p < work.length; p++)
				out[p] = (float[]) work[p].getPixels();
			return out;
		}
	}

	// ---- helpers ----

	private interface ThreadBody {

		void run(int thread);
	}

	/** Like ImageJ's PlugInFilterRunner: starts n-1 new threads, runs the last part on the caller. */
	private static void parallel(final int n, final ThreadBody body) throws InterruptedException {
		final Thread[] threads = new Thread[n - 1];
		final Throwable[] failure = new Throwable[1];
		for (int t = 0; t < n - 1; t++) {
			final int part = t;
			threads[t] = new Thread(() -> body.run(part), "bench-" + t);
			threads[t].setUncaughtExceptionHandler((th, e) -> failure[0] = e);
			threads[t].start();
		}
		body.run(n - 1);
		for (final Thread t : threads)
			t.join();
		if (failure[0] != null)
			throw new IllegalStateException(failure[0]);
	}

	private static Convolver convolver() {
		final Convolver c = new Convolver();
		c.setNormalize(false);
		return c;
	}

	/** A kernel of multiples of 1/8 in [-1, 1], asymmetric, so a flipped kernel would not match. */
	private static Kernel randomKernel(final int w, final int h, final long seed) {
		final Random r = new Random(seed);
		final StringBuilder text = new StringBuilder();
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++)
				text.append(x == 0 ? "" : " ").append((r.nextInt(17) - 8) / 8.0);
			text.append('\n');
		}
		return Kernel.parse(text.toString());
	}

	private static FloatProcessor randomImage(final int w, final int h, final long seed) {
		final Random r = new Random(seed);
		final float[] pixels = new float[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = 2 * r.nextFloat() - 1;
		return new FloatProcessor(w, h, pixels);
	}

	private static ImagePlus randomStack(final int w, final int h, final int slices, final long seed) {
		final ImageStack stack = new ImageStack(w, h);
		for (int s = 0; s < slices; s++)
			stack.addSlice("s" + (s + 1), randomImage(w, h, seed * 1000 + s));
		return new ImagePlus("stack", stack);
	}

	private static float[][] pixelsOf(final ImageStack stack) {
		final float[][] p = new float[stack.getSize()][];
		for (int s = 0; s < p.length; s++)
			p[s] = (float[]) stack.getPixels(s + 1);
		return p;
	}

	private static List<MemoryPoolMXBean> heapPools() {
		final List<MemoryPoolMXBean> pools = new ArrayList<>();
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.isValid())
				pools.add(pool);
		return pools;
	}

	/** Collects garbage until the used heap settles; returns it. */
	private static long quietHeap() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(50);
			long now = 0;
			for (final MemoryPoolMXBean pool : heapPools())
				now += pool.getUsage().getUsed();
			if (now >= used)
				return now;
			used = now;
		}
		return used;
	}

	private static void resetPeaks() {
		for (final MemoryPoolMXBean pool : heapPools())
			pool.resetPeakUsage();
	}

	/** Sum of the pools' peaks: an upper bound of the peak heap in use (the pools may peak at different times). */
	private static long peakSum() {
		long sum = 0;
		for (final MemoryPoolMXBean pool : heapPools())
			sum += pool.getPeakUsage().getUsed();
		return sum;
	}

	/**
	 * Runs the same CPU-bound loop on 1 and on N threads: on a machine whose cores are really free, N
	 * threads finish N loops in the time of one. When they do not (shared or oversubscribed VM, other
	 * jobs), the N-thread rows mean little.
	 */
	private static String cpuCheck() throws InterruptedException {
		final long[] sum = new long[THREADS];
		final ThreadBody spin = t -> {
			long x = t + 1;
			for (int i = 0; i < 40_000_000; i++)
				x = x * 6364136223846793005L + 1442695040888963407L;
			sum[t] += x;
		};
		double one = Double.MAX_VALUE;
		double many = Double.MAX_VALUE;
		for (int r = 0; r < 3; r++) { // warm-up
			spin.run(0);
			parallel(THREADS, spin);
		}
		for (int r = 0; r < 3; r++) {
			long t0 = System.nanoTime();
			spin.run(0);
			one = Math.min(one, System.nanoTime() - t0);
			t0 = System.nanoTime();
			parallel(THREADS, spin);
			many = Math.min(many, System.nanoTime() - t0);
		}
		sink = sum;
		return String.format(Locale.ROOT, "%d threads give %.2fx the throughput of 1 (ideal %d.00)", THREADS,
			THREADS * one / many, THREADS);
	}

	/** The 1-minute load average before the run: other work on the machine skews the timings. */
	private static String loadAverage() {
		final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
	}

	private static double mib(final long bytes) {
		return bytes / (1024.0 * 1024.0);
	}
}

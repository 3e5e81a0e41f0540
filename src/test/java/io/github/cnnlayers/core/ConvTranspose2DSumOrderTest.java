package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutors;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * ConvTranspose2D bit for bit against a pixel-by-pixel loop that does its float operations in its documented order (per
 * output pixel: 0, plus, for each kernel row and then column in order whose tap reaches the pixel, that tap's sum over
 * the group's input channels in order, taken four, then three, then one channels per partial sum, each partial sum
 * starting from the products' left-to-right sum; then plus the bias), whatever the blocks of rows the layer computes at
 * once, the number of threads, or where the input and output planes start. Its values against PyTorch are
 * {@link ConvTranspose2DTest}'s.
 */
class ConvTranspose2DSumOrderTest {

	/** A layer's parameters: C_in, C_out/groups, kh, kw, groups, stride y, x, padding y, x, output padding y, x, dilation y, x. */
	private static final class Shape {

		final int cin, outPerGroup, kh, kw, groups, sy, sx, py, px, oy, ox, dy, dx, w, h;
		final boolean bias;

		Shape(final int cin, final int outPerGroup, final int kh, final int kw, final int groups, final int sy, final int sx, final int py,
			final int px, final int oy, final int ox, final int dy, final int dx, final boolean bias, final int w, final int h)
		{
			this.cin = cin;
			this.outPerGroup = outPerGroup;
			this.kh = kh;
			this.kw = kw;
			this.groups = groups;
			this.sy = sy;
			this.sx = sx;
			this.py = py;
			this.px = px;
			this.oy = oy;
			this.ox = ox;
			this.dy = dy;
			this.dx = dx;
			this.bias = bias;
			this.w = w;
			this.h = h;
		}

		int cout() {
			return outPerGroup * groups;
		}

		int outW() {
			return (w - 1) * sx - 2 * px + dx * (kw - 1) + ox + 1;
		}

		int outH() {
			return (h - 1) * sy - 2 * py + dy * (kh - 1) + oy + 1;
		}

		@Override
		public String toString() {
			return cin + " -> " + cout() + " kernel " + kh + "x" + kw + " groups " + groups + " stride " + sy + "," + sx + " padding " + py + "," +
				px + " output padding " + oy + "," + ox + " dilation " + dy + "," + dx + " on " + w + "x" + h;
		}
	}

	private static final Shape[] SHAPES = {
		// the U-Net's 2x2 stride 2, odd sizes; C_in 9 = 4 + 4 + 1 channels per partial sum
		new Shape(9, 6, 2, 2, 1, 2, 2, 0, 0, 0, 0, 1, 1, true, 7, 5),
		// 3x3 stride 2, padding 1, output padding 1; C_in 7 = 4 + 3
		new Shape(7, 5, 3, 3, 1, 2, 2, 1, 1, 1, 1, 1, 1, true, 6, 9),
		// groups 2 (3 = 3 channels per group), no bias
		new Shape(6, 3, 3, 3, 2, 2, 2, 1, 0, 0, 1, 1, 1, false, 5, 4),
		// depthwise, dilation 2, stride 1, padding 2
		new Shape(4, 2, 3, 3, 4, 1, 1, 2, 2, 0, 0, 2, 2, true, 9, 7),
		// unequal strides and dilations, output padding below the stride; C_in 6 = 4 + 1 + 1
		new Shape(6, 4, 2, 3, 1, 3, 2, 1, 0, 1, 1, 2, 1, true, 8, 6),
		// padding crops columns that taps reach: lines narrower than the full output
		new Shape(5, 2, 4, 4, 1, 2, 2, 1, 1, 0, 0, 1, 1, true, 2, 3),
		// many channels on a wide plane: several blocks of rows per thread, with taps from the row before a block
		new Shape(40, 3, 3, 3, 1, 2, 2, 1, 1, 1, 1, 1, 1, true, 300, 90),
		// the same with the U-Net's kernel, blocks without overlap
		new Shape(40, 3, 2, 2, 1, 2, 2, 0, 0, 0, 0, 1, 1, true, 300, 90) };

	private static float[] gaussian(final Random r, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	/**
	 * The output, pixel by pixel: for each tap that reaches the pixel, the group's input channels are summed in order in the
	 * partial sums of {@link RowKernels#accumulateMany} (four, then three, then one channels each), then added to the pixel.
	 *
	 * @param weights PyTorch's layout {@code [C_in, C_out/groups, kh, kw]}
	 */
	private static float[][] reference(final Shape s, final float[][] in, final float[] weights, final float[] bias) {
		final int ipg = s.cin / s.groups, ow = s.outW(), oh = s.outH();
		final float[][] out = new float[s.cout()][ow * oh];
		final float[] w = new float[ipg];
		final float[] x = new float[ipg];
		for (int o = 0; o < s.cout(); o++) {
			final int g = o / s.outPerGroup, m = o % s.outPerGroup;
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					float pixel = 0f;
					for (int j = 0; j < s.kh; j++)
						for (int k = 0; k < s.kw; k++) {
							final int fy = oy + s.py - j * s.dy, fx = ox + s.px - k * s.dx;
							if (fy < 0 || fx < 0 || fy % s.sy != 0 || fx % s.sx != 0 || fy / s.sy >= s.h || fx / s.sx >= s.w)
								continue;
							for (int i = 0; i < ipg; i++) {
								final int c = g * ipg + i;
								w[i] = weights[((c * s.outPerGroup + m) * s.kh + j) * s.kw + k];
								x[i] = in[c][fy / s.sy * s.w + fx / s.sx];
							}
							float sum = 0f;
							int t = 0;
							for (; t + 3 < ipg; t += 4)
								sum += w[t] * x[t] + w[t + 1] * x[t + 1] + w[t + 2] * x[t + 2] + w[t + 3] * x[t + 3];
							if (t + 2 < ipg) {
								sum += w[t] * x[t] + w[t + 1] * x[t + 1] + w[t + 2] * x[t + 2];
								t += 3;
							}
							for (; t < ipg; t++)
								sum += w[t] * x[t];
							pixel += sum;
						}
					out[o][oy * ow + ox] = pixel + (bias == null ? 0f : bias[o]);
				}
		}
		return out;
	}

	private static ConvTranspose2D layer(final Shape s, final float[] weights, final float[] bias) {
		return ConvTranspose2D.builder(weights, s.cin, s.outPerGroup, s.kh, s.kw).groups(s.groups).bias(bias).stride(s.sy, s.sx)
			.padding(s.py, s.px).outputPadding(s.oy, s.ox).dilation(s.dy, s.dx).build();
	}

	/**
	 * Computes on planes placed at (x0, y0) inside larger images (a part, as tiling gives), into output planes placed at
	 * (x0, y0) inside larger images too (at (0, 0): planes of their own, read and written through their arrays), on the given number of threads (1: single-threaded).
	 */
	private static float[][] run(final ConvTranspose2D layer, final Shape s, final float[][] in, final int threads, final int x0,
		final int y0) throws Exception
	{
		final boolean whole = x0 == 0 && y0 == 0;
		final List<RandomAccessibleInterval<FloatType>> inputs = new ArrayList<>();
		final int iw = s.w + x0 + 2, ih = s.h + y0 + 1;
		for (final float[] plane : in) {
			if (whole) {
				inputs.add(ArrayImgs.floats(plane.clone(), s.w, s.h));
				continue;
			}
			final float[] large = new float[iw * ih];
			Arrays.fill(large, Float.NaN); // outside the part: never read, else NaN would reach the output
			for (int y = 0; y < s.h; y++)
				System.arraycopy(plane, y * s.w, large, (y + y0) * iw + x0, s.w);
			inputs.add(Views.interval(ArrayImgs.floats(large, iw, ih), new long[] { x0, y0 }, new long[] { x0 + s.w - 1, y0 + s.h - 1 }));
		}
		final List<float[]> larges = new ArrayList<>();
		final List<RandomAccessibleInterval<FloatType>> outputs = new ArrayList<>();
		final int ow = s.outW(), oh = s.outH(), lw = whole ? ow : ow + x0 + 1, lh = whole ? oh : oh + y0 + 2;
		for (int o = 0; o < s.cout(); o++) {
			final float[] large = new float[lw * lh];
			larges.add(large);
			final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(large, lw, lh);
			outputs.add(whole ? img : Views.interval(img, new long[] { x0, y0 }, new long[] { x0 + ow - 1, y0 + oh - 1 }));
		}
		if (threads == 1)
			Parallelization.runSingleThreaded(() -> layer.compute(inputs, outputs));
		else {
			final ExecutorService service = Executors.newFixedThreadPool(threads);
			try {
				Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(service, threads), () -> layer.compute(inputs, outputs));
			}
			finally {
				service.shutdown();
			}
		}
		final float[][] out = new float[s.cout()][ow * oh];
		for (int o = 0; o < s.cout(); o++) {
			final float[] large = larges.get(o);
			for (int y = 0; y < lh; y++)
				for (int x = 0; x < lw; x++) {
					final boolean inside = x >= x0 && x < x0 + ow && y >= y0 && y < y0 + oh;
					if (inside)
						out[o][(y - y0) * ow + x - x0] = large[y * lw + x];
					else
						assertEquals(0f, large[y * lw + x], "outside the output part, channel " + o + " at " + x + ", " + y);
				}
		}
		return out;
	}

	@Test
	void sameBitsAsThePixelByPixelSumOnOneTwoAndThreeThreadsAndOnAPart() throws Exception {
		final Random r = new Random(17);
		for (final Shape s : SHAPES) {
			final float[] weights = gaussian(r, s.cin * s.outPerGroup * s.kh * s.kw);
			final float[] bias = s.bias ? gaussian(r, s.cout()) : null;
			final float[][] in = new float[s.cin][];
			for (int c = 0; c < s.cin; c++)
				in[c] = gaussian(r, s.w * s.h);
			final ConvTranspose2D layer = layer(s, weights, bias);
			final float[][] want = reference(s, in, weights, bias);
			for (final int[] run : new int[][] { { 1, 0, 0 }, { 2, 0, 0 }, { 3, 0, 0 }, { 2, 3, 5 } }) {
				final float[][] got = run(layer, s, in, run[0], run[1], run[2]);
				for (int o = 0; o < s.cout(); o++)
					assertArrayEquals(want[o], got[o], s + ", " + run[0] + " threads, part at " + run[1] + "," + run[2] + ": channel " + o);
			}
		}
	}

	@Test
	void theWideCasesTakeSeveralBlocksOfRows() {
		// the last two shapes exist to cross block boundaries: a thread's block holds fewer output rows than the plane
		final Shape s = SHAPES[SHAPES.length - 1];
		final double blockBytes = layer(s, new float[s.cin * s.outPerGroup * s.kh * s.kw], null).workingBytes(s.w, s.h);
		final double wholePlane = 4.0 * (s.cin + 1) * s.w * s.h;
		assertTrue(blockBytes < wholePlane / 2, "working bytes " + blockBytes + " against " + wholePlane + " for all input rows");
	}

	/**
	 * What one thread allocates while computing (measured by the JVM's per-thread allocation counter, a HotSpot
	 * extension) is within the layer's {@code workingBytes} plus the per-call objects (a reader per input and a writer per
	 * output channel with their random accesses, about 300 bytes each here: allowed 1 kB per channel and 64 kB more), and
	 * not far below it: the tiling planner and the heap budget count on that figure.
	 */
	@Test
	void workingBytesIsWhatAThreadAllocates() throws Exception {
		final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean &&
			((com.sun.management.ThreadMXBean) mx).isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
		final com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) mx;
		final Shape[] shapes = { new Shape(512, 256, 2, 2, 1, 2, 2, 0, 0, 0, 0, 1, 1, true, 32, 32), SHAPES[1], SHAPES[3], SHAPES[6] };
		for (final Shape s : shapes) {
			final ConvTranspose2D layer = layer(s, new float[s.cin * s.outPerGroup * s.kh * s.kw], new float[s.cout()]);
			final List<RandomAccessibleInterval<FloatType>> inputs = new ArrayList<>();
			for (int c = 0; c < s.cin; c++)
				inputs.add(ArrayImgs.floats(s.w, s.h));
			final List<RandomAccessibleInterval<FloatType>> outputs = new ArrayList<>();
			for (int o = 0; o < s.cout(); o++)
				outputs.add(ArrayImgs.floats(s.outW(), s.outH()));
			final long[] allocated = new long[1];
			Parallelization.runSingleThreaded(() -> {
				layer.compute(inputs, outputs); // classes loaded
				final long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
				layer.compute(inputs, outputs);
				allocated[0] = counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
			});
			final double working = layer.workingBytes(s.w, s.h);
			assertTrue(allocated[0] <= working + 65536 + 1024 * (s.cin + s.cout()), s + ": allocated " + allocated[0] + " bytes, working bytes " + working);
			assertTrue(allocated[0] >= working / 2, s + ": allocated " + allocated[0] + " bytes, working bytes " + working);
		}
	}
}

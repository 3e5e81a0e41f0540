package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * The Winograd form of {@link Conv2D} ({@link WinogradRows}: learned 3x3, stride 1, many channels) against the naive
 * double-precision {@link Reference} on sizes that are not multiples of its 4x4 tiles, 1-pixel planes and every
 * border mode; its results bit for bit the same on 1, 2 and 3 threads, on a part of the image that starts at
 * multiples of 4 in output coordinates, and whether its sums run along the tiles or the output channels; a NaN or
 * infinite input only in the outputs whose windows hold it; and the shapes it declines computed by the direct form.
 */
class Conv2DWinogradTest {

	private static final int CIN = 32;
	private static final int COUT = 33;

	private static float[] gaussian(final Random r, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	private static List<float[]> planes(final Random r, final int channels, final int w, final int h) {
		final List<float[]> p = new ArrayList<>();
		for (int c = 0; c < channels; c++)
			p.add(gaussian(r, w * h));
		return p;
	}

	private static List<RandomAccessibleInterval<FloatType>> images(final List<float[]> planes, final int w, final int h) {
		final List<RandomAccessibleInterval<FloatType>> imgs = new ArrayList<>();
		for (final float[] p : planes)
			imgs.add(ArrayImgs.floats(p, w, h));
		return imgs;
	}

	private static float[][] run(final Conv2D layer, final List<RandomAccessibleInterval<FloatType>> in, final int cout) {
		final long[] size = layer.outputSize(in.get(0).dimension(0), in.get(0).dimension(1));
		final float[][] out = new float[cout][(int) (size[0] * size[1])];
		final List<RandomAccessibleInterval<FloatType>> outs = new ArrayList<>();
		for (final float[] o : out)
			outs.add(ArrayImgs.floats(o, size[0], size[1]));
		layer.compute(in, outs);
		return out;
	}

	/** @return the absolute values */
	private static float[] abs(final float[] v) {
		final float[] a = new float[v.length];
		for (int i = 0; i < v.length; i++)
			a[i] = Math.abs(v[i]);
		return a;
	}

	/** @return the absolute values of every plane */
	private static List<float[]> abs(final List<float[]> planes) {
		final List<float[]> a = new ArrayList<>();
		for (final float[] p : planes)
			a.add(abs(p));
		return a;
	}

	/** @return sum over input channels of the naive convolutions, plus the bias, in double */
	private static double[][] reference(final List<float[]> in, final int w, final int h, final float[] weights, final float[] bias,
		final int cout, final int pad, final BorderMode mode)
	{
		double[][] out = null;
		final int[] size = new int[2];
		for (int o = 0; o < cout; o++)
			for (int i = 0; i < in.size(); i++) {
				final float[] k = new float[9];
				System.arraycopy(weights, (o * in.size() + i) * 9, k, 0, 9);
				final float[] one = Reference.conv2d(in.get(i), w, h, k, 3, 3, 1, pad, pad, 1, 0, mode, size);
				if (out == null)
					out = new double[cout][one.length];
				for (int x = 0; x < one.length; x++)
					out[o][x] += one[x] + (i == 0 ? bias[o] : 0);
			}
		return out;
	}

	@Test
	void matchesTheNaiveConvolutionOnOddSizesAndEveryBorder() {
		final Random r = new Random(17);
		final int[][] sizes = { { 7, 5 }, { 1, 1 }, { 1, 6 }, { 9, 1 }, { 2, 2 }, { 31, 4 } };
		for (final BorderMode mode : BorderMode.values())
			for (final int[] s : sizes) {
				final int pad = mode == BorderMode.REFLECT && Math.min(s[0], s[1]) < 2 ? 0 : 1;
				if (pad == 0 && Math.min(s[0], s[1]) < 3)
					continue; // a reflected 1-pixel plane cannot be padded, and unpadded it has no 3x3 window
				final float[] w = gaussian(r, COUT * CIN * 9);
				final float[] b = gaussian(r, COUT);
				final List<float[]> in = planes(r, CIN, s[0], s[1]);
				final Conv2D layer = Conv2D.learned(new ConvWeights(w, COUT, CIN, 3, 3, b, "test"), "t").padding(pad).border(mode).build();
				assertEquals(4, layer.outputBlock(), "computed in 4x4 tiles");
				final float[][] got = run(layer, images(in, s[0], s[1]), COUT);
				final double[][] want = reference(in, s[0], s[1], w, b, COUT, pad, mode);
				// the sum of the products' sizes: the transforms' rounding errors scale with it, not with the result
				final double[][] size = reference(abs(in), s[0], s[1], abs(w), abs(b), COUT, pad, mode);
				for (int o = 0; o < COUT; o++)
					for (int x = 0; x < want[o].length; x++)
						assertEquals(want[o][x], got[o][x], 4e-6 * (1 + size[o][x]),
							mode + " " + s[0] + "x" + s[1] + " channel " + o + " pixel " + x);
			}
	}

	@Test
	void sameBitsOnAnyNumberOfThreadsAndOnAPartAtEvenCoordinates() throws Exception {
		final Random r = new Random(5);
		final int w = 23, h = 19;
		final float[] weights = gaussian(r, COUT * CIN * 9);
		final List<float[]> in = planes(r, CIN, w, h);
		final Conv2D layer = Conv2D.learned(new ConvWeights(weights, COUT, CIN, 3, 3, gaussian(r, COUT), "test"), "t").build();
		final List<RandomAccessibleInterval<FloatType>> images = images(in, w, h);
		final float[][][] got = new float[3][][];
		Parallelization.runSingleThreaded(() -> got[0] = run(layer, images, COUT));
		final ExecutorService service = Executors.newFixedThreadPool(3);
		try {
			for (int t = 2; t <= 3; t++) {
				final int threads = t;
				Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(service, threads),
					() -> got[threads - 1] = run(layer, images, COUT));
			}
		}
		finally {
			service.shutdown();
		}
		for (int o = 0; o < COUT; o++) {
			assertArrayEquals(got[0][o], got[1][o], "2 threads, channel " + o);
			assertArrayEquals(got[0][o], got[2][o], "3 threads, channel " + o);
		}
		// the part of the input from (4, 8) on: its output is the whole output from (4, 8) on, bit for bit
		final int ow = w - 2, oh = h - 2, x0 = 4, y0 = 8;
		final List<RandomAccessibleInterval<FloatType>> part = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> i : images)
			part.add(Views.interval(i, new long[] { x0, y0 }, new long[] { w - 1, h - 1 }));
		final float[][] partOut = run(layer, part, COUT);
		for (int o = 0; o < COUT; o++)
			for (int y = y0; y < oh; y++)
				for (int x = x0; x < ow; x++)
					assertEquals(Float.floatToIntBits(got[0][o][y * ow + x]), Float.floatToIntBits(partOut[o][(y - y0) * (ow - x0) + x - x0]),
						"channel " + o + " pixel " + x + ", " + y);
	}

	@Test
	void fewTilesAndManyTilesGiveTheSameBits() {
		// 64 output channels: a part of 4 x 4 tiles sums over the output channels, the whole 60 x 9 tiles over the tiles
		final Random r = new Random(23);
		final int cout = 64, w = 242, h = 38;
		final List<float[]> in = planes(r, CIN, w, h);
		final Conv2D layer = Conv2D.learned(new ConvWeights(gaussian(r, cout * CIN * 9), cout, CIN, 3, 3, gaussian(r, cout), "t"), "t")
			.build();
		final List<RandomAccessibleInterval<FloatType>> images = images(in, w, h);
		final float[][] whole = Parallelization.runSingleThreaded(() -> run(layer, images, cout));
		final int ow = w - 2, x0 = 96, y0 = 16, side = 18; // a part of 16 x 16 outputs: 16 tiles
		final List<RandomAccessibleInterval<FloatType>> part = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> i : images)
			part.add(Views.interval(i, new long[] { x0, y0 }, new long[] { x0 + side - 1, y0 + side - 1 }));
		final float[][] partOut = Parallelization.runSingleThreaded(() -> run(layer, part, cout));
		for (int o = 0; o < cout; o++)
			for (int y = 0; y < side - 2; y++)
				for (int x = 0; x < side - 2; x++)
					assertEquals(Float.floatToIntBits(whole[o][(y + y0) * ow + x + x0]), Float.floatToIntBits(partOut[o][y * (side - 2) + x]),
						"channel " + o + " pixel " + x + ", " + y);
	}

	@Test
	void aNonFiniteInputReachesOnlyTheOutputsWhoseWindowHoldsIt() {
		final Random r = new Random(9);
		final int w = 12, h = 12;
		// every place in a 4x4 tile's 6x6 window: the transforms would carry the value to all 16 outputs of the tile
		for (final float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY })
			for (int bx = 3; bx <= 6; bx++)
				for (final int by : new int[] { 4, 5, 7 }) {
					final List<float[]> in = planes(r, CIN, w, h);
					in.get(3)[by * w + bx] = bad;
					final Conv2D layer = Conv2D.learned(new ConvWeights(gaussian(r, COUT * CIN * 9), COUT, CIN, 3, 3, null, "t"), "t")
						.padding(1).build();
					final float[][] got = run(layer, images(in, w, h), COUT);
					for (int o = 0; o < COUT; o++)
						for (int y = 0; y < h; y++)
							for (int x = 0; x < w; x++) {
								final boolean reached = Math.abs(x - bx) <= 1 && Math.abs(y - by) <= 1;
								assertEquals(!reached, Float.isFinite(got[o][y * w + x]),
									bad + " at (" + bx + ", " + by + "): channel " + o + " pixel " + x + ", " + y);
							}
				}
	}

	@Test
	void declinedShapesAreComputedPixelByPixel() {
		final float[] w = new float[CIN * COUT * 9];
		assertEquals(1, Conv2D.learned(new ConvWeights(w, COUT, CIN, 3, 3, null, "t"), "t").stride(2).build().outputBlock());
		assertEquals(1, Conv2D.learned(new ConvWeights(w, COUT, CIN, 3, 3, null, "t"), "t").dilation(2).build().outputBlock());
		assertEquals(1, Conv2D.learned(new ConvWeights(new float[8 * 8 * 9], 8, 8, 3, 3, null, "t"), "t").build().outputBlock());
		assertEquals(1, Conv2D.learned(new ConvWeights(new float[64 * 32 * 9], 64, 32, 3, 3, null, "t"), "t").groups(2).build()
			.outputBlock());
		assertEquals(1, Conv2D.learned(new ConvWeights(new float[CIN * COUT], COUT, CIN, 1, 1, null, "t"), "t").build().outputBlock());
		assertTrue(Conv2D.learned(new ConvWeights(w, COUT, CIN, 3, 3, null, "t"), "t").build().workingBytes(64, 64) > 0);
	}
}

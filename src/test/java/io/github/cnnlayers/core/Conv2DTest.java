package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class Conv2DTest {

	/** Runs conv on a w x h float image and returns the output pixels, checking the output size. */
	static float[] run(final Conv2D.PerPlane conv, final float[] in, final int w, final int h, final int ow, final int oh) {
		final long[] size = conv.outputSize(w, h);
		assertArrayEquals(new long[] { ow, oh }, size, "output size");
		final float[] out = new float[ow * oh];
		conv.compute(ArrayImgs.floats(in.clone(), w, h), ArrayImgs.floats(out, ow, oh));
		return out;
	}

	static Conv2D.PerPlane conv(final String kernel, final int s, final int p, final int d, final double bias, final BorderMode b) {
		return Conv2D.perPlane(Kernel.parse(kernel)).stride(s).padding(p).dilation(d).bias(bias).border(b).build();
	}

	@Test
	void notesFullLayerExampleNoPadding() {
		// The notes' animated example: 5x5 binary image, kernel [1 0 1; 0 1 0; 1 0 1], no padding -> 3x3
		final float[] img = {
			1, 1, 1, 0, 0,
			0, 1, 1, 1, 0,
			0, 0, 1, 1, 1,
			0, 0, 1, 1, 0,
			0, 1, 1, 0, 0 };
		final float[] out = run(conv("1 0 1\n0 1 0\n1 0 1", 1, 0, 1, 0, BorderMode.ZERO), img, 5, 5, 3, 3);
		assertArrayEquals(new float[] { 4, 3, 4, 2, 4, 3, 2, 3, 4 }, out);
	}

	@Test
	void noPaddingFourByFourGivesTwoByTwo() {
		// conv arithmetic "no padding, no strides": 4x4 input, 3x3 kernel -> 2x2
		final float[] img = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
		final float[] out = run(conv("1 1 1\n1 1 1\n1 1 1", 1, 0, 1, 0, BorderMode.ZERO), img, 4, 4, 2, 2);
		// sums of the 3x3 blocks, by hand: 1+2+3+5+6+7+9+10+11 = 54, then +9 per step right, +36 per step down
		assertArrayEquals(new float[] { 54, 63, 90, 99 }, out);
	}

	@Test
	void paddingAndStrideFiveByFiveGivesThreeByThree() {
		// conv arithmetic "padding, strides": 5x5 input, 3x3 kernel, padding 1, stride 2 -> 3x3
		final float[] img = new float[25];
		for (int i = 0; i < 25; i++)
			img[i] = i + 1;
		final float[] out = run(conv("1 1 1\n1 1 1\n1 1 1", 2, 1, 1, 0, BorderMode.ZERO), img, 5, 5, 3, 3);
		// corner (0,0): window rows -1..1, cols -1..1 -> 1+2+6+7 = 16; centre (1,1): rows 1..3 cols 1..3 = 7+8+9+12+13+14+17+18+19 = 117
		assertEquals(16, out[0]);
		assertEquals(117, out[4]);
		// (2,0): cols 3..5, rows -1..1 -> 4+5+9+10 = 28; (2,2): 19+20+24+25 = 88
		assertEquals(28, out[2]);
		assertEquals(88, out[8]);
	}

	@Test
	void strideWithoutPadding() {
		final float[] img = new float[49];
		for (int i = 0; i < 49; i++)
			img[i] = i;
		// identity kernel picks the centre: out(x,y) = in(2x+1, 2y+1)
		final float[] out = run(conv("0 0 0\n0 1 0\n0 0 0", 2, 0, 1, 0, BorderMode.ZERO), img, 7, 7, 3, 3);
		assertArrayEquals(new float[] { 8, 10, 12, 22, 24, 26, 36, 38, 40 }, out);
	}

	@Test
	void crossCorrelationDoesNotFlipTheKernel() {
		// a single 1 at (1,1); kernel with a 1 at its top-left: out(x,y) = in(x-1, y-1) with padding 1
		final float[] img = new float[9];
		img[4] = 1;
		final float[] out = run(conv("1 0 0\n0 0 0\n0 0 0", 1, 1, 1, 0, BorderMode.ZERO), img, 3, 3, 3, 3);
		assertEquals(1, out[2 * 3 + 2], "cross-correlation moves the peak down-right");
		assertEquals(0, out[0]);
	}

	@Test
	void eachBorderModeOnAOneRowImage() {
		// 1x4 row [1 2 3 4], kernel 1x3 [1 10 100], padding 2 on x (0 on y): out(x) = p(x) + 10 p(x+1) + 100 p(x+2)
		// over the padded row p, padded per PyTorch's padding_mode
		final float[] img = { 1, 2, 3, 4 };
		final Kernel k = Kernel.parse("1 10 100");
		final float[] expectZero = { 100, 210, 321, 432, 43, 4 }; // pads 0 0 | 1 2 3 4 | 0 0
		final float[] expectReplicate = { 111, 211, 321, 432, 443, 444 }; // 1 1 | ... | 4 4
		final float[] expectReflect = { 123, 212, 321, 432, 343, 234 }; // 3 2 | ... | 3 2
		final float[] expectCircular = { 143, 214, 321, 432, 143, 214 }; // 3 4 | ... | 1 2
		final BorderMode[] modes = BorderMode.values();
		final float[][] expected = { expectZero, expectReplicate, expectReflect, expectCircular };
		for (int m = 0; m < modes.length; m++) {
			final Conv2D.PerPlane c = Conv2D.perPlane(k).padding(0, 2).border(modes[m]).build();
			assertArrayEquals(expected[m], run(c, img, 4, 1, 6, 1), modes[m].label());
		}
	}

	@Test
	void dilationSpreadsTheTaps() {
		final float[] img = { 1, 2, 3, 4, 5 };
		// kernel [1 1 1] with dilation 2 on a 5x1 row: out(0) = in(0)+in(2)+in(4) = 9
		final float[] out = run(Conv2D.perPlane(Kernel.parse("1 1 1")).dilation(2).build(), img, 5, 1, 1, 1);
		assertArrayEquals(new float[] { 9 }, out);
	}

	@Test
	void biasIsAddedToEveryOutput() {
		final float[] img = { 1, 2, 3, 4 };
		final float[] out = run(conv("2", 1, 0, 1, 0.5, BorderMode.ZERO), img, 2, 2, 2, 2);
		assertArrayEquals(new float[] { 2.5f, 4.5f, 6.5f, 8.5f }, out);
	}

	@Test
	void normalizeDividesBySum() {
		final Kernel k = Kernel.parse("1 2 1").normalized();
		final float[] out = run(Conv2D.perPlane(k).build(), new float[] { 4, 8, 4 }, 3, 1, 1, 1);
		assertEquals((4 + 16 + 4) / 4f, out[0], 1e-6);
	}

	@Test
	void rectangularKernel() {
		// 3 wide, 1 high kernel [1 0 -1] (horizontal difference), no padding, 4x2 image
		final float[] img = { 1, 4, 9, 16, 2, 3, 5, 7 };
		final float[] out = run(conv("1 0 -1", 1, 0, 1, 0, BorderMode.ZERO), img, 4, 2, 2, 2);
		assertArrayEquals(new float[] { 1 - 9, 4 - 16, 2 - 5, 3 - 7 }, out);
		// a 3x5 kernel (3 wide, 5 high) with "same" padding keeps the size
		final Kernel tall = Kernel.parse("0 0 0\n0 0 0\n0 1 0\n0 0 0\n0 0 0");
		final Conv2D.PerPlane c = Conv2D.perPlane(tall).samePadding().build();
		assertArrayEquals(new int[] { 1, 2 }, new int[] { c.padX(), c.padY() });
		assertArrayEquals(img, run(c, img, 4, 2, 4, 2));
	}

	@Test
	void oneByOneKernelScales() {
		final float[] img = { 1, -2, 3, 0.5f };
		assertArrayEquals(new float[] { 3, -6, 9, 1.5f }, run(conv("3", 1, 0, 1, 0, BorderMode.ZERO), img, 2, 2, 2, 2));
	}

	@ParameterizedTest
	@EnumSource(BorderMode.class)
	void matchesReferenceOnRandomImages(final BorderMode mode) {
		final Random rnd = new Random(42 + mode.ordinal());
		for (int trial = 0; trial < 40; trial++) {
			final int w = 3 + rnd.nextInt(20), h = 3 + rnd.nextInt(20);
			final int kw = 1 + 2 * rnd.nextInt(3), kh = 1 + 2 * rnd.nextInt(3);
			final int s = 1 + rnd.nextInt(3), d = 1 + rnd.nextInt(2);
			final int px = rnd.nextInt(Math.min(w, 4)), py = rnd.nextInt(Math.min(h, 4));
			if (w + 2 * px - d * (kw - 1) - 1 < 0 || h + 2 * py - d * (kh - 1) - 1 < 0)
				continue;
			final float[] img = random(rnd, w * h);
			final float[] k = random(rnd, kw * kh);
			final double bias = rnd.nextGaussian();
			final int[] os = new int[2];
			final float[] expected = Reference.conv2d(img, w, h, k, kw, kh, s, px, py, d, bias, mode, os);
			final Conv2D.PerPlane c = Conv2D.perPlane(new Kernel(kw, kh, k)).stride(s).padding(py, px).dilation(d).bias(bias).border(mode).build();
			final float[] actual = run(c, img, w, h, os[0], os[1]);
			for (int i = 0; i < expected.length; i++)
				// float accumulation of kw*kh terms up to 1e4 in size: rounding error well under 2e-3 per term
				assertEquals(expected[i], actual[i], 2e-3 * kw * kh, "trial " + trial + " pixel " + i);
		}
	}

	@Test
	void multiThreadedEqualsSingleThreadedOnLargeImage() {
		final Random rnd = new Random(7);
		final int w = 301, h = 257;
		final float[] img = random(rnd, w * h);
		final Conv2D.PerPlane c = Conv2D.perPlane(Kernel.parse("1 2 3\n4 5 6\n7 8 9")).padding(1).border(BorderMode.REFLECT).build();
		final float[] multi = run(c, img, w, h, w, h);
		final float[][] single = new float[1][];
		Parallelization.runSingleThreaded(() -> single[0] = run(c, img, w, h, w, h));
		assertArrayEquals(single[0], multi);
	}

	@Test
	void worksOnViewsWithNonZeroMin() {
		final float[] img = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		final ArrayImg<FloatType, FloatArray> src = ArrayImgs.floats(img, 3, 3);
		final float[] out = new float[9];
		final Conv2D.PerPlane c = conv("0 0 0\n0 1 0\n0 0 0", 1, 1, 1, 0, BorderMode.ZERO);
		c.compute(Views.translate(src, 10, -5), Views.translate(ArrayImgs.floats(out, 3, 3), -3, 7));
		assertArrayEquals(img, out);
	}

	@Test
	void borderPaddingLimitsAndEmptyOutputAreClearErrors() {
		final IllegalArgumentException reflect = assertThrows(IllegalArgumentException.class,
			() -> conv("1 1 1\n1 1 1\n1 1 1", 1, 4, 1, 0, BorderMode.REFLECT).outputSize(4, 10));
		assertTrue(reflect.getMessage().contains("reflect") && reflect.getMessage().contains("padding 4 >= width 4"), reflect.getMessage());
		conv("1 1 1\n1 1 1\n1 1 1", 1, 4, 1, 0, BorderMode.CIRCULAR).outputSize(4, 4);
		final IllegalArgumentException circular = assertThrows(IllegalArgumentException.class,
			() -> conv("1 1 1\n1 1 1\n1 1 1", 1, 5, 1, 0, BorderMode.CIRCULAR).outputSize(4, 4));
		assertTrue(circular.getMessage().contains("padding 5 > width 4"), circular.getMessage());
		final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
			() -> conv("1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1\n1 1 1 1 1", 1, 0, 1, 0, BorderMode.ZERO).outputSize(3, 9));
		assertTrue(empty.getMessage().contains("floor((3 + 2*0 - 1*(5-1) - 1) / 1) + 1"), empty.getMessage());
		assertThrows(IllegalArgumentException.class, () -> conv("1", 0, 0, 1, 0, BorderMode.ZERO));
		assertThrows(IllegalArgumentException.class, () -> conv("1", 1, -1, 1, 0, BorderMode.ZERO));
		assertThrows(IllegalArgumentException.class, () -> conv("1", 1, 0, 0, 0, BorderMode.ZERO));
		assertThrows(IllegalArgumentException.class, () -> conv("1", 1, 0, 1, Double.NaN, BorderMode.ZERO));
	}

	static float[] random(final Random rnd, final int n) {
		final float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = (float) (rnd.nextDouble() * 200 - 100);
		return a;
	}
}

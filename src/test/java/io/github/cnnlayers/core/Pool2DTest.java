package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

class Pool2DTest {

	static float[] run(final Pool2D pool, final float[] in, final int w, final int h, final int ow, final int oh) {
		final long[] size = pool.outputSize(w, h);
		assertArrayEquals(new long[] { ow, oh }, size, "output size");
		final float[] out = new float[ow * oh];
		pool.compute(ArrayImgs.floats(in.clone(), w, h), ArrayImgs.floats(out, ow, oh));
		return out;
	}

	@Test
	void notesMaxPoolingExample() {
		// the notes' figure: 4x4 -> 2x2 with 2x2 windows, stride 2
		final float[] img = {
			1, 1, 2, 4,
			5, 6, 7, 8,
			3, 2, 1, 0,
			1, 2, 3, 4 };
		assertArrayEquals(new float[] { 6, 8, 3, 4 }, run(new Pool2D(PoolingMode.MAX, 2, 2, 0, false, true), img, 4, 4, 2, 2));
		assertArrayEquals(new float[] { 13 / 4f, 21 / 4f, 2, 2 },
			run(new Pool2D(PoolingMode.AVERAGE, 2, 2, 0, false, true), img, 4, 4, 2, 2));
	}

	@Test
	void overlappingWindows() {
		final float[] img = { 1, 5, 2, 0, 3, 9, 4, 1, 7 };
		// 2x2 windows, stride 1 on a 3x3 -> 2x2: maxes of [1 5 0 3], [5 2 3 9], [0 3 4 1], [3 9 1 7]
		assertArrayEquals(new float[] { 5, 9, 4, 9 }, run(new Pool2D(PoolingMode.MAX, 2, 1, 0, false, true), img, 3, 3, 2, 2));
	}

	@Test
	void paddedPixelsNeverWinAMax() {
		final float[] img = { -5, -6, -7, -8 };
		// 2x2 window, stride 2, padding 1 on 2x2: each window holds one real pixel, the padding must not give 0
		assertArrayEquals(img, run(new Pool2D(PoolingMode.MAX, 2, 2, 1, false, true), img, 2, 2, 2, 2));
	}

	@Test
	void averageCountsPaddingOnlyWhenAsked() {
		final float[] img = { 4, 8, 12, 16 };
		// 2x2 windows, stride 2, padding 1: each window has one real pixel and 3 padded
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, run(new Pool2D(PoolingMode.AVERAGE, 2, 2, 1, false, true), img, 2, 2, 2, 2));
		assertArrayEquals(img, run(new Pool2D(PoolingMode.AVERAGE, 2, 2, 1, false, false), img, 2, 2, 2, 2));
	}

	@Test
	void ceilModeKeepsThePartialLastWindow() {
		final float[] img = new float[25];
		for (int i = 0; i < 25; i++)
			img[i] = i;
		// 5x5, 2x2 stride 2, ceil: 3x3; the last column/row windows hold only column/row 4
		final float[] out = run(new Pool2D(PoolingMode.MAX, 2, 2, 0, true, true), img, 5, 5, 3, 3);
		assertArrayEquals(new float[] { 6, 8, 9, 16, 18, 19, 21, 23, 24 }, out);
		// average in ceil mode without padding: PyTorch divides by the clipped window (1 or 2 pixels here)
		final float[] avg = run(new Pool2D(PoolingMode.AVERAGE, 2, 2, 0, true, true), img, 5, 5, 3, 3);
		assertEquals((4 + 9) / 2f, avg[2], 1e-6);
		assertEquals(24, avg[8], 1e-6);
	}

	@Test
	void nanWinsMaxAsInPyTorch() {
		final float[] img = { 1, Float.NaN, 3, 4 };
		assertTrue(Float.isNaN(run(new Pool2D(PoolingMode.MAX, 2, 2, 0, false, true), img, 2, 2, 1, 1)[0]));
	}

	@Test
	void minPoolingByHandAndPaddedPixelsNeverWin() {
		// 4x4 -> 2x2 with 2x2 windows: the smallest of each quadrant
		final float[] img = { 1, 5, 2, 8, 7, 3, 9, 4, 6, 6, 0.5f, 2, 3, 2, 1, 7 };
		assertArrayEquals(new float[] { 1, 2, 2, 0.5f }, run(new Pool2D(PoolingMode.MIN, 2, 2, 0, false, false), img, 4, 4, 2, 2));
		// all values positive: with padding 1 the windows reach outside, and the padding (no value) never wins
		final float[] positive = { 4, 5, 6, 7, 8, 9, 10, 11, 12 };
		assertArrayEquals(new float[] { 4, 5, 7, 8 }, run(new Pool2D(PoolingMode.MIN, 2, 2, 1, false, false), positive, 3, 3, 2, 2));
		// NaN wins, as in -max_pool2d(-x)
		assertTrue(Float.isNaN(run(new Pool2D(PoolingMode.MIN, 2, 2, 0, false, false), new float[] { 1, Float.NaN, 3, 4 }, 2, 2, 1, 1)[0]));
		assertTrue(new Pool2D(PoolingMode.MIN, 2, 2, 0, false, false).keepsType());
	}

	@Test
	void matchesReferenceOnRandomImages() {
		final Random rnd = new Random(3);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + rnd.nextInt(15), h = 1 + rnd.nextInt(15);
			final int k = 1 + rnd.nextInt(4), s = 1 + rnd.nextInt(3), p = rnd.nextInt(k / 2 + 1);
			final boolean ceil = rnd.nextBoolean(), include = rnd.nextBoolean();
			final PoolingMode mode = PoolingMode.values()[rnd.nextInt(PoolingMode.values().length)];
			if (w + 2 * p < k || h + 2 * p < k)
				continue;
			final Pool2D pool = new Pool2D(mode, k, s, p, ceil, include);
			final long[] os = pool.outputSize(w, h);
			final float[] img = Conv2DTest.random(rnd, w * h);
			final float[] expected = Reference.pool(img, w, h, k, s, p, mode, include, (int) os[0], (int) os[1]);
			final float[] actual = run(pool, img, w, h, (int) os[0], (int) os[1]);
			for (int i = 0; i < expected.length; i++)
				assertEquals(expected[i], actual[i], 1e-3, "trial " + trial + " pixel " + i);
		}
	}

	@Test
	void badParametersAreClearErrors() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool2D(PoolingMode.MAX, 2, 2, 2, false, true))
			.getMessage().contains("allowed: 0 <= padding <= 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool2D(PoolingMode.MAX, 0, 1, 0, false, true))
			.getMessage().contains("size 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool2D(PoolingMode.MAX, 2, 0, 0, false, true))
			.getMessage().contains("Stride 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool2D(PoolingMode.MAX, 5, 1, 0, false, true).outputSize(3, 9))
			.getMessage().contains("larger than the padded image width"));
	}
}

package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * 2&times;2, stride-2 max and min pooling read straight from 8-, 16- and 32-bit pixel arrays
 * ({@link PixelArray#poolPairs}) give the values of the float row path — which a view (not an array image)
 * of the same source takes — bit for bit (any NaN as NaN), and of a window-by-window reference, on odd sizes, with ceil mode
 * and padding falling back to the row path.
 */
class Pool2DPairsTest {

	private static final int[][] SIZES = { { 2, 2 }, { 3, 3 }, { 37, 23 }, { 64, 5 }, { 2, 9 }, { 5, 2 }, { 130, 131 } };

	/** The row path: the same source as a view, which has no backing array. */
	private static <T extends RealType<T>> RandomAccessibleInterval<T> view(final RandomAccessibleInterval<T> img) {
		return Views.interval(img, img);
	}

	private static Pool2D[] pools() {
		return new Pool2D[] {
			new Pool2D(PoolingMode.MAX, 2, 2, 0, false, true), new Pool2D(PoolingMode.MIN, 2, 2, 0, false, true),
			new Pool2D(PoolingMode.MAX, 2, 2, 0, true, true), new Pool2D(PoolingMode.MIN, 2, 2, 0, true, true),
			new Pool2D(PoolingMode.MAX, 2, 2, 1, false, true), new Pool2D(PoolingMode.MIN, 2, 2, 1, true, true) };
	}

	/** Max or min of each window clipped to the image, one window at a time, in long arithmetic. */
	private static long[] reference(final Pool2D pool, final long[] in, final int w, final int h) {
		final long[] out = pool.outputSize(w, h);
		final int ow = (int) out[0];
		final int oh = (int) out[1];
		final long[] r = new long[ow * oh];
		final boolean max = pool.mode() == PoolingMode.MAX;
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				long acc = max ? Long.MIN_VALUE : Long.MAX_VALUE;
				for (int iy = y * 2 - pool.padding(); iy < y * 2 - pool.padding() + 2; iy++)
					for (int ix = x * 2 - pool.padding(); ix < x * 2 - pool.padding() + 2; ix++)
						if (iy >= 0 && iy < h && ix >= 0 && ix < w)
							acc = max ? Math.max(acc, in[iy * w + ix]) : Math.min(acc, in[iy * w + ix]);
				r[y * ow + x] = acc;
			}
		return r;
	}

	@Test
	void unsignedBytesMatchTheRowPathAndTheReference() {
		final Random rnd = new Random(17);
		for (final int[] s : SIZES)
			for (final Pool2D pool : pools()) {
				final int w = s[0], h = s[1];
				final byte[] in = new byte[w * h];
				rnd.nextBytes(in);
				final long[] out = pool.outputSize(w, h);
				final byte[] fast = new byte[(int) (out[0] * out[1])];
				final byte[] rows = fast.clone();
				final float[] range = pool.computeWithRange(ArrayImgs.unsignedBytes(in, w, h), ArrayImgs.unsignedBytes(fast, out[0], out[1]));
				pool.compute(view(ArrayImgs.unsignedBytes(in, w, h)), ArrayImgs.unsignedBytes(rows, out[0], out[1]));
				final String what = pool.mode() + " ceil " + pool.ceil() + " pad " + pool.padding() + " on " + w + "x" + h;
				assertArrayEquals(rows, fast, what);
				final long[] wide = new long[in.length];
				for (int i = 0; i < in.length; i++)
					wide[i] = in[i] & 0xff;
				final long[] ref = reference(pool, wide, w, h);
				for (int i = 0; i < ref.length; i++)
					assertEquals(ref[i], fast[i] & 0xff, what + " at " + i);
				assertEquals(null, range, "an 8-bit target's range is ImageJ's to find");
			}
	}

	@Test
	void unsignedShortsMatchTheRowPathAndTheReference() {
		final Random rnd = new Random(18);
		for (final int[] s : SIZES)
			for (final Pool2D pool : pools()) {
				final int w = s[0], h = s[1];
				final short[] in = new short[w * h];
				for (int i = 0; i < in.length; i++)
					in[i] = (short) rnd.nextInt(65536);
				final long[] out = pool.outputSize(w, h);
				final short[] fast = new short[(int) (out[0] * out[1])];
				final short[] rows = fast.clone();
				pool.compute(ArrayImgs.unsignedShorts(in, w, h), ArrayImgs.unsignedShorts(fast, out[0], out[1]));
				pool.compute(view(ArrayImgs.unsignedShorts(in, w, h)), ArrayImgs.unsignedShorts(rows, out[0], out[1]));
				final String what = pool.mode() + " ceil " + pool.ceil() + " pad " + pool.padding() + " on " + w + "x" + h;
				assertArrayEquals(rows, fast, what);
				final long[] wide = new long[in.length];
				for (int i = 0; i < in.length; i++)
					wide[i] = in[i] & 0xffff;
				final long[] ref = reference(pool, wide, w, h);
				for (int i = 0; i < ref.length; i++)
					assertEquals(ref[i], fast[i] & 0xffff, what + " at " + i);
			}
	}

	@Test
	void floatsMatchTheRowPathWithNaNsSignedZerosAndRange() {
		final Random rnd = new Random(19);
		final float[] specials = { Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffc00001), -0f, 0f,
			Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };
		for (final int[] s : SIZES)
			for (final Pool2D pool : pools()) {
				final int w = s[0], h = s[1];
				final float[] in = new float[w * h];
				for (int i = 0; i < in.length; i++)
					in[i] = rnd.nextInt(8) == 0 ? specials[rnd.nextInt(specials.length)] : (float) rnd.nextGaussian();
				final long[] out = pool.outputSize(w, h);
				final float[] fast = new float[(int) (out[0] * out[1])];
				final float[] rows = fast.clone();
				final float[] fastRange = pool.computeWithRange(ArrayImgs.floats(in, w, h), ArrayImgs.floats(fast, out[0], out[1]));
				final float[] rowRange = pool.computeWithRange(view(ArrayImgs.floats(in, w, h)), ArrayImgs.floats(rows, out[0], out[1]));
				final String what = pool.mode() + " ceil " + pool.ceil() + " pad " + pool.padding() + " on " + w + "x" + h;
				// bit for bit but for which NaN: when two NaNs meet, the payload Math.max keeps depends on how the
				// JIT compiled the loop (vectorized or not), in the row path itself; ImageJ sees NaN either way
				for (int i = 0; i < fast.length; i++)
					assertEquals(Float.floatToIntBits(rows[i]), Float.floatToIntBits(fast[i]), what + " at " + i);
				assertArrayEquals(rowRange, fastRange, what + ": range");
			}
	}

	@Test
	void unsignedBytesAboveHalfStayUnsignedByHand() {
		// 4x2 -> 2x1: windows {200, 10, 127, 128} and {255, 0, 1, 129}
		final byte[] in = { (byte) 200, 10, (byte) 255, 0, 127, (byte) 128, 1, (byte) 129 };
		final byte[] max = new byte[2];
		final byte[] min = new byte[2];
		new Pool2D(PoolingMode.MAX, 2, 2, 0, false, true).compute(ArrayImgs.unsignedBytes(in, 4, 2), ArrayImgs.unsignedBytes(max, 2, 1));
		new Pool2D(PoolingMode.MIN, 2, 2, 0, false, true).compute(ArrayImgs.unsignedBytes(in, 4, 2), ArrayImgs.unsignedBytes(min, 2, 1));
		assertArrayEquals(new byte[] { (byte) 200, (byte) 255 }, max);
		assertArrayEquals(new byte[] { 10, 0 }, min);
	}
}

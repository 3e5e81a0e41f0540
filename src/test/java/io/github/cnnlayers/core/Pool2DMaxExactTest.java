package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/**
 * Max pooling (rows reduced first, then columns through shifted copies) is an exact operation: it must
 * equal the naive reference bit for bit, signed zeros and infinities included, NaN staying NaN, for
 * random sizes, strides, padding and ceil mode.
 */
class Pool2DMaxExactTest {

	private static final float[] SPECIAL = { 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN };

	@Test
	void equalsReferenceBitForBit() {
		final Random rnd = new Random(77);
		int cases = 0;
		for (int trial = 0; trial < 800; trial++) {
			final int w = 1 + rnd.nextInt(trial % 2 == 0 ? 6 : 50), h = 1 + rnd.nextInt(trial % 2 == 0 ? 6 : 20);
			final int k = 1 + rnd.nextInt(5), s = 1 + rnd.nextInt(4), p = rnd.nextInt(k / 2 + 1);
			final boolean ceil = rnd.nextBoolean();
			final Pool2D pool = new Pool2D(PoolingMode.MAX, k, s, p, ceil, false);
			final long[] os;
			try {
				os = pool.outputSize(w, h);
			}
			catch (final IllegalArgumentException e) {
				continue;
			}
			final float[] img = new float[w * h];
			for (int i = 0; i < img.length; i++)
				img[i] = rnd.nextInt(8) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : 2 * rnd.nextFloat() - 1;
			final float[] out = new float[(int) (os[0] * os[1])];
			pool.compute(ArrayImgs.floats(img, w, h), ArrayImgs.floats(out, os[0], os[1]));
			final float[] ref = Reference.pool(img, w, h, k, s, p, true, false, (int) os[0], (int) os[1]);
			for (int i = 0; i < ref.length; i++)
				assertEquals(Float.floatToIntBits(ref[i]), Float.floatToIntBits(out[i]),
					"trial " + trial + " " + w + "x" + h + " k" + k + " s" + s + " p" + p + " ceil " + ceil + " pixel " + i +
						": " + ref[i] + " vs " + out[i]);
			cases++;
		}
		assertTrue(cases > 400, "cases: " + cases);
	}
}

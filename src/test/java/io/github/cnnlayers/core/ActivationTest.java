package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

class ActivationTest {

	@Test
	void reluIsMaxOfZeroAndX() {
		final float[] px = { -2, -0.5f, 0, 0.5f, 3, Float.NaN, Float.NEGATIVE_INFINITY };
		Activation.relu().applyInPlace(ArrayImgs.floats(px, 7, 1), 0);
		assertArrayEquals(new float[] { 0, 0, 0, 0.5f, 3, Float.NaN, 0 }, px);
	}

	@Test
	void leakyReluScalesNonPositiveValues() {
		final float[] px = { -2, -0.5f, 0, 0.5f, 3, Float.NaN };
		Activation.leakyRelu(0.1).applyInPlace(ArrayImgs.floats(px, 6, 1), 0);
		assertArrayEquals(new float[] { -0.2f, -0.05f, 0, 0.5f, 3, Float.NaN }, px);
		final float[] neg = { -2, 4 };
		Activation.leakyRelu(-1).applyInPlace(ArrayImgs.floats(neg, 2, 1), 0); // any finite alpha: |x| for alpha -1
		assertArrayEquals(new float[] { 2, 4 }, neg);
	}

	@Test
	void offsetZeroWorksOnRawSigned16BitValues() {
		// ImageJ signed 16-bit: calibrated = raw - 32768
		final short[] raw = { (short) (32768 - 100), (short) 32768, (short) (32768 + 50) };
		Activation.leakyRelu(0.5).applyInPlace(ArrayImgs.unsignedShorts(raw, 3, 1), 32768);
		assertArrayEquals(new short[] { (short) (32768 - 50), (short) 32768, (short) (32768 + 50) }, raw);
		Activation.relu().applyInPlace(ArrayImgs.unsignedShorts(raw, 3, 1), 32768);
		assertArrayEquals(new short[] { (short) 32768, (short) 32768, (short) (32768 + 50) }, raw);
		final short[] clamp = { 0 };
		Activation.leakyRelu(2).applyInPlace(ArrayImgs.unsignedShorts(clamp, 1, 1), 32768); // -32768 * 2 clamps to raw 0
		assertArrayEquals(new short[] { 0 }, clamp);
	}

	@Test
	void sigmoidAndTanhAtHandKnownPoints() {
		// sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(-ln 3) = 1/4; tanh(0) = 0, tanh(ln 3) = (9-1)/(9+1) = 0.8
		final float ln3 = (float) Math.log(3);
		final float[] s = { 0, ln3, -ln3, 100, -100, Float.NaN };
		Activation.sigmoid().applyInPlace(ArrayImgs.floats(s, 6, 1), 0);
		assertEquals(0.5f, s[0], 0);
		assertEquals(0.75f, s[1], 1e-7);
		assertEquals(0.25f, s[2], 1e-7);
		assertEquals(1f, s[3], 0);
		assertEquals(0f, s[4], 1e-43);
		assertTrue(Float.isNaN(s[5]));
		final float[] t = { 0, ln3, -ln3, 50, -50, Float.NaN };
		Activation.tanh().applyInPlace(ArrayImgs.floats(t, 6, 1), 0);
		assertArrayEquals(new float[] { 0, 0.8f, -0.8f, 1, -1, Float.NaN }, t, 1e-7f);
	}

	/**
	 * Sigmoid and tanh against identities that tie each to the other's definition: sigmoid(x) =
	 * (1 + tanh(x/2)) / 2, and tanh(x) = (e^2x - 1) / (e^2x + 1), on random values over the whole float
	 * range that matters; PyTorch computes both in float, so agreement is to float rounding.
	 */
	@Test
	void sigmoidAndTanhMatchTheirDefinitionsOnRandomValues() {
		final java.util.Random rnd = new java.util.Random(11);
		final float[] x = new float[10_000];
		for (int i = 0; i < x.length; i++)
			x[i] = (float) (rnd.nextGaussian() * 8);
		final float[] s = x.clone(), t = x.clone();
		Activation.sigmoid().applyInPlace(ArrayImgs.floats(s, 100, 100), 0);
		Activation.tanh().applyInPlace(ArrayImgs.floats(t, 100, 100), 0);
		for (int i = 0; i < x.length; i++) {
			final double e2 = Math.exp(2.0 * x[i]);
			final double tanh = Double.isInfinite(e2) ? 1 : (e2 - 1) / (e2 + 1);
			assertEquals((1 + tanh(x[i] / 2.0)) / 2, s[i], 2e-7, "sigmoid(" + x[i] + ")");
			assertEquals(tanh, t[i], 2e-7, "tanh(" + x[i] + ")");
		}
	}

	private static double tanh(final double x) {
		final double e2 = Math.exp(2 * x);
		return Double.isInfinite(e2) ? 1 : (e2 - 1) / (e2 + 1);
	}

	@Test
	void onlyReluAndLeakyReluAreTheIdentityOnNonNegativeValues() {
		assertTrue(Activation.relu().identityOnNonNegative());
		assertTrue(Activation.leakyRelu(0.2).identityOnNonNegative());
		assertFalse(Activation.sigmoid().identityOnNonNegative());
		assertFalse(Activation.tanh().identityOnNonNegative());
	}

	@Test
	void alphaOutsideTheFloatRangeIsRejectedNotTurnedIntoInfinity() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(1e40));
		assertTrue(e.getMessage().startsWith("Alpha 1.0E40 is outside the range of 32-bit floats"), e.getMessage());
	}

	@Test
	void nonFiniteAlphaIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Double.NaN).applyInPlace(ArrayImgs.floats(1, 1), 0));
		assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Double.POSITIVE_INFINITY));
	}
}

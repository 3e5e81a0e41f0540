package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

class ActivationTest {

	@Test
	void reluIsMaxOfZeroAndX() {
		final float[] px = { -2, -0.5f, 0, 0.5f, 3, Float.NaN, Float.NEGATIVE_INFINITY };
		Activation.relu(ArrayImgs.floats(px, 7, 1), 0);
		assertArrayEquals(new float[] { 0, 0, 0, 0.5f, 3, Float.NaN, 0 }, px);
	}

	@Test
	void leakyReluScalesNonPositiveValues() {
		final float[] px = { -2, -0.5f, 0, 0.5f, 3, Float.NaN };
		Activation.leakyRelu(ArrayImgs.floats(px, 6, 1), 0.1, 0);
		assertArrayEquals(new float[] { -0.2f, -0.05f, 0, 0.5f, 3, Float.NaN }, px);
		final float[] neg = { -2, 4 };
		Activation.leakyRelu(ArrayImgs.floats(neg, 2, 1), -1, 0); // any finite alpha: |x| for alpha -1
		assertArrayEquals(new float[] { 2, 4 }, neg);
	}

	@Test
	void offsetZeroWorksOnRawSigned16BitValues() {
		// ImageJ signed 16-bit: calibrated = raw - 32768
		final short[] raw = { (short) (32768 - 100), (short) 32768, (short) (32768 + 50) };
		Activation.leakyRelu(ArrayImgs.unsignedShorts(raw, 3, 1), 0.5, 32768);
		assertArrayEquals(new short[] { (short) (32768 - 50), (short) 32768, (short) (32768 + 50) }, raw);
		Activation.relu(ArrayImgs.unsignedShorts(raw, 3, 1), 32768);
		assertArrayEquals(new short[] { (short) 32768, (short) 32768, (short) (32768 + 50) }, raw);
		final short[] clamp = { 0 };
		Activation.leakyRelu(ArrayImgs.unsignedShorts(clamp, 1, 1), 2, 32768); // -32768 * 2 clamps to raw 0
		assertArrayEquals(new short[] { 0 }, clamp);
	}

	@Test
	void nonFiniteAlphaIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(ArrayImgs.floats(1, 1), Double.NaN, 0));
		assertThrows(IllegalArgumentException.class, () -> Activation.checkAlpha(Double.POSITIVE_INFINITY));
	}
}

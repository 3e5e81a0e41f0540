package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.assertClose;
import static io.github.cnnlayers.core.NewLayerFixtures.cases;
import static io.github.cnnlayers.core.NewLayerFixtures.flatten;
import static io.github.cnnlayers.core.NewLayerFixtures.planes;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static io.github.cnnlayers.core.NewLayerFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Global average, sum and max pooling against PyTorch's {@code adaptive_avg_pool2d(x, 1)} (float64, rounded:
 * within one float ulp, 1.2e-7 relative) and {@code adaptive_max_pool2d(x, 1)} (exact), on random planes,
 * a 1 x 1 image, NaN, +inf with -inf, a plane of -inf, and 64 x 48 planes around 1000.
 */
class GlobalPoolingTest {

	private static float[] pool(final GlobalPoolingMode mode, final float[] x, final int c, final int h, final int w) {
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(c, 1, 1);
		new GlobalPooling(mode).compute(planes(x, c, h, w), out);
		return flatten(out);
	}

	@Test
	void equalsPyTorchOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("global")) {
			final String id = c.get("id");
			final int ch = Integer.parseInt(c.get("c"));
			final int h = Integer.parseInt(c.get("h"));
			final int w = Integer.parseInt(c.get("w"));
			final float[] x = values(id + "_input");
			assertClose(values(id + "_avg"), pool(GlobalPoolingMode.AVERAGE, x, ch, h, w), 1.2e-7, 0, true, id + " average");
			assertArrayEquals(values(id + "_max"), pool(GlobalPoolingMode.MAX, x, ch, h, w), id + " max");
			final float[] mean = values(id + "_avg");
			for (int k = 0; k < mean.length; k++)
				mean[k] *= h * w; // PyTorch's mean (one rounding) times the count: the sum within 2 float ulps
			assertClose(mean, pool(GlobalPoolingMode.SUM, x, ch, h, w), 2.4e-7, 0, true, id + " sum");
		}
	}

	@Test
	void oneThreadAndManyGiveTheSameValues() throws IOException {
		final float[] x = values("g04_input");
		final float[] single = new float[2];
		Parallelization.runSingleThreaded(() -> System.arraycopy(pool(GlobalPoolingMode.AVERAGE, x, 2, 64, 48), 0, single, 0, 2));
		assertArrayEquals(single, pool(GlobalPoolingMode.AVERAGE, x, 2, 64, 48), 1e-4f);
	}

	@Test
	void outputIsOnePixelAndModesCarryTheirType() {
		final GlobalPooling max = new GlobalPooling(GlobalPoolingMode.fromLabel("MAX"));
		assertArrayEquals(new long[] { 1, 1 }, max.outputSize(640, 480));
		assertTrue(max.keepsType());
		assertFalse(new GlobalPooling(GlobalPoolingMode.AVERAGE).keepsType());
		assertTrue(max.receptiveField().wholeImage());
		assertThrows(IllegalStateException.class, () -> max.receptiveField().stride());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GlobalPoolingMode.fromLabel("min"));
		assertEquals("Unknown global pooling mode \"min\"; allowed: average, sum, max", e.getMessage());
		final float[] out = new float[1];
		max.compute(ArrayImgs.unsignedBytes(new byte[] { 3, (byte) 200, 7 }, 3, 1), ArrayImgs.floats(out, 1, 1));
		assertEquals(200f, out[0]);
		final GlobalPooling sum = new GlobalPooling(GlobalPoolingMode.fromLabel("Sum"));
		assertFalse(sum.keepsType());
		sum.compute(ArrayImgs.floats(new float[] { 16777216, 1, 1, 0.5f, -0.5f, 0 }, 3, 2), ArrayImgs.floats(out, 1, 1));
		assertEquals(16777218f, out[0], "summed in double: 2^24 + 1 + 1, where float steps would lose both 1s");
	}
}

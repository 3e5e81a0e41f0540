package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.assertClose;
import static io.github.cnnlayers.core.NewLayerFixtures.cases;
import static io.github.cnnlayers.core.NewLayerFixtures.flatten;
import static io.github.cnnlayers.core.NewLayerFixtures.planes;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static io.github.cnnlayers.core.NewLayerFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Softmax over channels against PyTorch's {@code softmax(x, dim=1)} in float64 (fixtures softmax_cases.txt:
 * random, 1 channel, a 1 x 1 image, values of +-10^4 that overflow e^x without the max subtracted, NaN,
 * +-inf, all -inf). Both sides compute in double and round: within one float ulp (1.2e-7 relative).
 */
class SoftmaxTest {

	@Test
	void equalsPyTorchOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("softmax")) {
			final String id = c.get("id");
			final int ch = Integer.parseInt(c.get("c"));
			final int h = Integer.parseInt(c.get("h"));
			final int w = Integer.parseInt(c.get("w"));
			final List<ArrayImg<FloatType, FloatArray>> out = zeros(ch, w, h);
			new Softmax().compute(planes(values(id + "_input"), ch, h, w), out);
			assertClose(values(id + "_output"), flatten(out), 1.2e-7, 0, true, id);
		}
	}

	@Test
	void handComputedPixelAndStability() {
		// channels 0, ln 3 at one pixel: e^0 / (1 + 3) = 0.25 and 0.75; 1000 and 1000 + ln 3 the same (no overflow)
		final float l3 = (float) Math.log(3);
		final List<ArrayImg<FloatType, FloatArray>> in = Arrays.asList(ArrayImgs.floats(new float[] { 0, 1000 }, 2, 1),
			ArrayImgs.floats(new float[] { l3, 1000 + l3 }, 2, 1));
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(2, 2, 1);
		new Softmax().compute(in, out);
		assertArrayEquals(new float[] { 0.25f, 0.25f, 0.75f, 0.75f }, flatten(out), 2e-4f);
	}

	@Test
	void refusesMismatchedPlanes() {
		final List<ArrayImg<FloatType, FloatArray>> in = zeros(2, 3, 3);
		assertThrows(IllegalArgumentException.class, () -> new Softmax().compute(in, zeros(1, 3, 3)));
		assertThrows(IllegalArgumentException.class, () -> new Softmax().compute(in, zeros(2, 3, 2)));
	}
}

package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.assertClose;
import static io.github.cnnlayers.core.NewLayerFixtures.cases;
import static io.github.cnnlayers.core.NewLayerFixtures.flatten;
import static io.github.cnnlayers.core.NewLayerFixtures.planes;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static io.github.cnnlayers.core.NewLayerFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Group and instance normalization against PyTorch's {@code group_norm} / {@code instance_norm} in float64
 * (fixtures norm_cases.txt: affine or not, eps 1e-5 .. 0.1, 1 x 1 images with several channels per group,
 * NaN/inf in a group, values around 10^4 with a spread of 0.01 that need double sums). Tolerance: 1e-6
 * relative plus 1e-6 absolute (results are O(1); both sides in double, rounded to float).
 */
class GroupNormTest {

	@Test
	void equalsPyTorchOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("norm")) {
			final String id = c.get("id");
			final int ch = Integer.parseInt(c.get("c"));
			final int h = Integer.parseInt(c.get("h"));
			final int w = Integer.parseInt(c.get("w"));
			final double eps = Double.parseDouble(c.get("eps"));
			final boolean affine = c.get("affine").equals("true");
			final float[] weight = affine ? values(id + "_weight") : null;
			final float[] bias = affine ? values(id + "_bias") : null;
			final GroupNorm layer = c.get("kind").equals("instance") ? GroupNorm.instanceNorm(eps, weight, bias)
				: GroupNorm.groupNorm(Integer.parseInt(c.get("groups")), eps, weight, bias);
			final List<ArrayImg<FloatType, FloatArray>> out = zeros(ch, w, h);
			layer.compute(planes(values(id + "_input"), ch, h, w), out);
			assertClose(values(id + "_output"), flatten(out), 1e-6, 1e-6, false, id + " " + layer);
		}
	}

	@Test
	void handComputedGroup() {
		// one group of 4 values 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5, eps 0.5 -> sqrt(4) = 2
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(2, 2, 1);
		GroupNorm.groupNorm(1, 0.5, new float[] { 1, 10 }, new float[] { 0, 1 }).compute(planes(new float[] { 1, 2, 3, 6 }, 2, 1, 2), out);
		assertArrayEquals(new float[] { -1f, -0.5f, 1f, 16f }, flatten(out));
	}

	@Test
	void refusesWhatPyTorchRefuses() {
		final List<ArrayImg<FloatType, FloatArray>> one = zeros(3, 1, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> GroupNorm.groupNorm(3, 1e-5, null, null).compute(one, zeros(3, 1, 1)));
		assertTrue(e.getMessage().contains("more than 1 value per group"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.instanceNorm(1e-5, null, null).outputSize(1, 1));
		assertTrue(e.getMessage().contains("more than 1 pixel per channel"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.groupNorm(4, 1e-5, null, null).outputChannels(6));
		assertEquals("Group norm with 4 groups needs a number of channels divisible by 4, but the image has 6; " +
			"allowed: groups dividing the channels", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.groupNorm(2, 1e-5, new float[4], null).outputChannels(3));
		assertTrue(e.getMessage().startsWith("Group norm has affine parameters for 4 channels, but the image has 3"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.groupNorm(0, 1e-5, null, null));
		assertTrue(e.getMessage().startsWith("Groups 0 is not allowed; allowed: whole numbers >= 1"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.instanceNorm(-1, null, null));
		assertTrue(e.getMessage().startsWith("Eps -1.0 is not allowed; allowed: finite numbers >= 0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.instanceNorm(1e-5, new float[] { 1, Float.NaN }, null));
		assertTrue(e.getMessage().startsWith("The affine weight of channel 2 is NaN"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> GroupNorm.instanceNorm(1e-5, new float[2], new float[3]));
	}
}

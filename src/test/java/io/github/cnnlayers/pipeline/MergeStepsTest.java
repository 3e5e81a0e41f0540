package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * Steps of two inputs, {@code Concat @a @b}, {@code Add @a @b}, {@code Multiply @a @b}: against the single
 * steps' own results combined by hand, their names, and the messages of malformed references.
 */
class MergeStepsTest {

	private static ImagePlus ramp() {
		final float[] px = new float[7 * 5];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) Math.cos(i * 0.37) * 10;
		return new ImagePlus("x", new FloatProcessor(7, 5, px));
	}

	private static float[] plane(final ImagePlus imp, final int n) {
		return (float[]) imp.getStack().getPixels(n);
	}

	@Test
	void sobelXAndYConcatenatedAddedAndMultipliedEqualTheirResultsCombined() {
		final Pipeline p = Pipeline.parse("Conv2D... preset=[sobel x]", "@0 Conv2D... preset=[sobel y]", "Concat @1 @2", "Add @1 @2",
			"Multiply @2 @1", "@3 Max Pooling... size=2");
		final ImagePlus in = ramp();
		final List<FeatureMap> r = p.run(in, "x");
		final ImagePlus gx = LayerCommand.CONV2D.makeNew(in, "preset=[sobel x]");
		final ImagePlus gy = LayerCommand.CONV2D.makeNew(in, "preset=[sobel y]");
		final ImagePlus cat = r.get(2).image();
		assertEquals(2, cat.getNChannels());
		assertArrayEquals(plane(gx, 1), plane(cat, 1));
		assertArrayEquals(plane(gy, 1), plane(cat, 2));
		final float[] sum = plane(r.get(3).image(), 1), product = plane(r.get(4).image(), 1);
		for (int i = 0; i < sum.length; i++) {
			assertEquals(plane(gx, 1)[i] + plane(gy, 1)[i], sum[i], 0);
			assertEquals(plane(gy, 1)[i] * plane(gx, 1)[i], product[i], 0);
		}
		assertEquals(2, r.get(5).image().getNChannels(), "pooling the concatenation keeps its two channels");
		assertEquals(Arrays.asList("x_conv2d_step1", "x_conv2d_step2", "x_conv2d_step1_concat", "x_conv2d_step1_add",
			"x_conv2d_step2_multiply", "x_conv2d_step1_concat_maxpooling"), p.outputNames("x"));
		assertEquals("Concat @1 @2", p.steps().get(2).resolvedText());
		assertEquals(p.steps().get(2).resolvedText(), Step.parse(3, "concat  @1 @2").resolvedText(), "any case, any spacing");
	}

	@Test
	void badReferencesAndShapesAreRefusedNamingThem() {
		assertEquals("Step 2 (Concat): @2 names a step that has not run yet; allowed: @0 (the input image) to @1",
			assertThrows(IllegalArgumentException.class, () -> Step.parse(2, "Concat @0 @2")).getMessage());
		assertEquals("Step 3: \"Add @1\" needs two references to earlier results, e.g. \"Add @1 @2\" (@0 is the input image)",
			assertThrows(IllegalArgumentException.class, () -> Step.parse(3, "Add @1")).getMessage());
		final Pipeline p = Pipeline.parse("Max Pooling... size=2", "Concat @0 @1");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.run(ramp(), "x"));
		assertTrue(e.getMessage().startsWith("Step 2 (Concat): on x (7x5): Concat joins channels of equal size, but input 1 is 7 x 5 " +
			"and input 2 is 3 x 2"), e.getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.parse(1, "Subtract @0 @0")).getMessage()
			.contains("and of two inputs Concat, Add, Multiply"));
	}
}

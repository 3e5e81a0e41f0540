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

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * ConvTranspose2D against PyTorch's {@code conv_transpose2d} in float64 (fixtures convt_cases.txt: strides
 * 1, 2, 3 and unequal per axis, padding, output padding below the stride and (t04) below the dilation only,
 * dilation 2 and 3, groups 2 and depthwise, with and without bias, 1 x 1 images, NaN and +-inf inputs).
 * Sums are in float: tolerance 1e-5 relative plus 1e-5 absolute (values are O(1)).
 */
class ConvTranspose2DTest {

	private static int i(final Map<String, String> c, final String key) {
		return Integer.parseInt(c.get(key));
	}

	private static ConvTranspose2D layer(final Map<String, String> c) {
		final String id = c.get("id");
		return ConvTranspose2D.builder(values(id + "_weight"), i(c, "cin"), i(c, "cout") / i(c, "groups"), i(c, "kh"), i(c, "kw"))
			.groups(i(c, "groups")).bias(c.get("bias").equals("true") ? values(id + "_bias") : null).stride(i(c, "sy"), i(c, "sx"))
			.padding(i(c, "py"), i(c, "px")).outputPadding(i(c, "oy"), i(c, "ox")).dilation(i(c, "dy"), i(c, "dx")).build();
	}

	private static float[] run(final Map<String, String> c) {
		final ConvTranspose2D layer = layer(c);
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(i(c, "cout"), i(c, "ow"), i(c, "oh"));
		layer.compute(planes(values(c.get("id") + "_input"), i(c, "cin"), i(c, "h"), i(c, "w")), out);
		return flatten(out);
	}

	@Test
	void equalsPyTorchOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("convt")) {
			final ConvTranspose2D layer = layer(c);
			assertArrayEquals(new long[] { i(c, "ow"), i(c, "oh") }, layer.outputSize(i(c, "w"), i(c, "h")), c.get("id") + " size");
			assertEquals(i(c, "cout"), layer.outputChannels(i(c, "cin")));
			assertClose(values(c.get("id") + "_output"), run(c), 1e-5, 1e-5, false, c.get("id") + " " + layer);
		}
	}

	@Test
	void oneThreadGivesTheSameValues() throws IOException {
		for (final Map<String, String> c : cases("convt")) {
			final float[][] single = new float[1][];
			Parallelization.runSingleThreaded(() -> single[0] = run(c));
			assertArrayEquals(single[0], run(c), c.get("id"));
		}
	}

	@Test
	void handComputedStrideTwo() {
		// in [1, 2], kernel [1, 10, 100], stride 2: full output 1, 10, 100+2, 20, 200 (positions 0..4); padding 1 crops one
		// each side; output padding 1 keeps one more on the right
		final ConvTranspose2D t = ConvTranspose2D.builder(new float[] { 1, 10, 100 }, 1, 1, 1, 3).stride(1, 2).padding(0, 1)
			.outputPadding(0, 1).bias(new float[] { 0.5f }).build();
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(1, 4, 1);
		t.compute(planes(new float[] { 1, 2 }, 1, 1, 2), out);
		assertArrayEquals(new float[] { 10.5f, 102.5f, 20.5f, 200.5f }, flatten(out));
	}

	@Test
	void receptiveFieldHoldsExactlyTheInputsThatReachAnOutput() {
		// 1-D, kernel 3, stride 2, padding 1, dilation 2: output o depends on inputs i with o = 2i - 1 + 2k
		final ConvTranspose2D t = ConvTranspose2D.builder(new float[] { 1, 2, 3 }, 1, 1, 1, 3).stride(1, 2).padding(0, 1).dilation(1, 2).build();
		final ReceptiveField f = t.receptiveField();
		for (int o = 0; o < 12; o++) {
			final long[] r = f.inputRange(0, o, o);
			for (int in = -3; in < 12; in++)
				for (int k = 0; k < 3; k++)
					if (o == 2 * in - 1 + 2 * k)
						assertEquals(true, in >= r[0] && in <= r[1], "output " + o + " input " + in + " range " + r[0] + ".." + r[1]);
		}
		assertEquals(0.5, f.stepX());
		assertThrows(IllegalStateException.class, f::stride);
	}

	@Test
	void refusesBadParametersNamingTheRule() {
		final float[] w = new float[2 * 3 * 3 * 3];
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ConvTranspose2D.builder(w, 2, 3, 3, 3).stride(2).outputPadding(2).build());
		assertEquals("Output padding 2 (height) is not allowed with stride 2 and dilation 1; allowed: 0 to 1 (smaller than the stride or the dilation)",
			e.getMessage());
		ConvTranspose2D.builder(w, 2, 3, 3, 3).stride(1).dilation(3).outputPadding(2).build(); // < dilation: allowed
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 3).groups(3).build());
		assertEquals("Groups 3 is not allowed with 2 input channels; allowed: whole numbers >= 1 dividing C_in " +
			"(1 = a full transposed convolution, C_in = depthwise)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 3).bias(new float[2]).build());
		assertEquals("The bias has 2 values, but the weights make 3 output channels (3 per group x 1); allowed: one bias per output channel",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 2).build());
		assertEquals("Weights hold 54 values, but shape [2, 3, 3, 2] needs 36", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 3).padding(2).build().outputSize(1, 1));
		assertEquals("Output width would be empty: (N - 1)*S - 2P + D*(K - 1) + OP + 1 = (1 - 1)*1 - 2*2 + 1*(3 - 1) + 0 + 1 = -1 < 1; " +
			"use less padding", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 3).build().outputChannels(3));
		assertEquals(true, e.getMessage().startsWith("The transposed-convolution weights take C_in = 2 channels, but the image has 3"));
		e = assertThrows(IllegalArgumentException.class, () -> ConvTranspose2D.builder(w, 2, 3, 3, 3).stride(0).build());
		assertEquals("Stride 0 is not allowed; allowed: whole numbers >= 1", e.getMessage());
	}
}

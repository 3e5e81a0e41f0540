package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** {@link Upsample3D} against PyTorch's {@code interpolate} in 3D (fixtures of make_3d_fixtures.py). */
class Upsample3DTest {

	static Stream<Layer3DFixtures.Case> cases() throws IOException {
		return Layer3DFixtures.cases("upsample").stream();
	}

	/**
	 * Every case (scale per axis, odd and non-integer scales, down-scaling, align_corners, an axis whose output is as
	 * long as its input): nearest bit for bit, trilinear within 1e-5.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void equalsPyTorch(final Layer3DFixtures.Case c) {
		final boolean nearest = c.text("mode").equals("nearest");
		final Upsample3D up = Upsample3D.pytorch(c.number("sz"), c.number("sy"), c.number("sx"),
			nearest ? Interpolation.NEAREST : Interpolation.BILINEAR, c.flag("align"));
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(Layer3DFixtures.values(c.id() + "_input"), c.integer("c"),
			c.integer("d"), c.integer("h"), c.integer("w"));
		final long[] size = up.outputSize(c.integer("w"), c.integer("h"), c.integer("d"));
		assertArrayEquals(new long[] { c.integer("ow"), c.integer("oh"), c.integer("od") }, size, "output size");
		final List<ArrayImg<FloatType, FloatArray>> out = Layer3DFixtures.zeros(c.integer("c"), size);
		up.compute(in, out);
		final float[] expected = Layer3DFixtures.values(c.id() + "_output");
		if (nearest)
			NewLayerFixtures.assertExact(expected, Layer3DFixtures.flatten(out), c.id());
		else
			NewLayerFixtures.assertClose(expected, Layer3DFixtures.flatten(out), 1e-5, 1e-6, false, c.id());
	}

	/** Two planes 0 and 8 doubled in depth with align_corners: planes 0, 8/3, 16/3, 8 (the corners kept). */
	@Test
	void trilinearAlignCornersByHand() {
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(new float[] { 0, 8 }, 1, 1, 2);
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(1, 1, 4);
		Upsample3D.pytorch(2, 1, 1, Interpolation.BILINEAR, true).compute(Arrays.asList(in), Arrays.asList(out));
		assertArrayEquals(new float[] { 0, 8f / 3, 16f / 3, 8 }, out.update(null).getCurrentStorageArray(), 1e-6f);
	}

	@Test
	void refusesWhatPyTorchRefuses() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Upsample3D.pytorch(2, 2, 2, Interpolation.NEAREST, true))
			.getMessage().contains("align_corners is not allowed with mode nearest"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Upsample3D.pytorch(0, 2, 2, Interpolation.NEAREST, false))
			.getMessage().contains("Depth scale 0.0 is not allowed"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Upsample3D.pytorch(0.2, 2, 2, Interpolation.NEAREST, false)
			.outputSize(4, 4, 4)).getMessage().contains("Output depth floor(4 * 0.2) would be 0"));
	}
}

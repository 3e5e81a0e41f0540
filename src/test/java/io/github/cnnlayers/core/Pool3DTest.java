package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** {@link Pool3D} against PyTorch's {@code max_pool3d} / {@code avg_pool3d} (fixtures of make_3d_fixtures.py). */
class Pool3DTest {

	static Stream<Layer3DFixtures.Case> cases() throws IOException {
		return Layer3DFixtures.cases("pool").stream();
	}

	/**
	 * Every case (anisotropic windows, strides per axis, padding, ceil, count_include_pad, sizes the stride does not
	 * divide, NaN and infinities): max and min bit for bit, average within 1e-5.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void equalsPyTorch(final Layer3DFixtures.Case c) {
		final PoolingMode mode = PoolingMode.valueOf(c.text("mode").toUpperCase(java.util.Locale.ROOT));
		final Pool3D pool = new Pool3D(mode, c.zyx("kz", "ky", "kx"), c.zyx("sz", "sy", "sx"), c.zyx("pz", "py", "px"), c.flag("ceil"),
			c.flag("count"));
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(Layer3DFixtures.values(c.id() + "_input"), c.integer("c"),
			c.integer("d"), c.integer("h"), c.integer("w"));
		final long[] size = pool.outputSize(c.integer("w"), c.integer("h"), c.integer("d"));
		assertArrayEquals(new long[] { c.integer("ow"), c.integer("oh"), c.integer("od") }, size, "output size");
		final List<ArrayImg<FloatType, FloatArray>> out = Layer3DFixtures.zeros(c.integer("c"), size);
		pool.compute(in, out);
		final float[] expected = Layer3DFixtures.values(c.id() + "_output");
		if (mode.keepsType())
			NewLayerFixtures.assertExact(expected, Layer3DFixtures.flatten(out), c.id());
		else
			NewLayerFixtures.assertClose(expected, Layer3DFixtures.flatten(out), 1e-5, 1e-6, false, c.id());
	}

	/** A 2x2x2 volume of 1..8: its average is 4.5; with padding 1 and count, the corner windows hold one voxel of 8. */
	@Test
	void averageByHand() {
		final float[] v = { 1, 2, 3, 4, 5, 6, 7, 8 };
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(1, 1, 1);
		new Pool3D(PoolingMode.AVERAGE, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(0), false, true).compute(
			Arrays.asList(ArrayImgs.floats(v, 2, 2, 2)), Arrays.asList(out));
		assertEquals(4.5f, out.update(null).getCurrentStorageArray()[0]);
		final Pool3D padded = new Pool3D(PoolingMode.AVERAGE, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(1), false, true);
		assertArrayEquals(new long[] { 2, 2, 2 }, padded.outputSize(2, 2, 2));
		final ArrayImg<FloatType, FloatArray> corners = ArrayImgs.floats(2, 2, 2);
		padded.compute(Arrays.asList(ArrayImgs.floats(v, 2, 2, 2)), Arrays.asList(corners));
		final float[] expected = new float[8];
		for (int i = 0; i < 8; i++)
			expected[i] = v[i] / 8;
		assertArrayEquals(expected, corners.update(null).getCurrentStorageArray());
	}

	/** Max pooling keeps an 8-bit type: values above 127 (negative as Java bytes) stay exact; average does not. */
	@Test
	void maxKeepsBytes() {
		final byte[] v = { 3, (byte) 250, 7, 9, 0, 1, (byte) 200, 2 };
		final ArrayImg<UnsignedByteType, ByteArray> out = ArrayImgs.unsignedBytes(1, 1, 1);
		final Pool3D max = new Pool3D(PoolingMode.MAX, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(0), false, true);
		assertTrue(max.keepsType());
		max.compute(Arrays.asList(ArrayImgs.unsignedBytes(v, 2, 2, 2)), Arrays.asList(out));
		assertEquals((byte) 250, out.update(null).getCurrentStorageArray()[0]);
		assertFalse(new Pool3D(PoolingMode.AVERAGE, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(0), false, true).keepsType());
	}

	@Test
	void refusesWhatPyTorchRefuses() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool3D(PoolingMode.MAX, PerAxis3D.of(1, 3, 3), PerAxis3D.of(1),
			PerAxis3D.of(1, 1, 1), false, true)).getMessage().contains("Padding 1 is more than half the pooling size 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pool3D(PoolingMode.MAX, PerAxis3D.of(2), PerAxis3D.of(2, 0, 2),
			PerAxis3D.of(0), false, true)).getMessage().contains("Stride 0"));
		final Pool3D pool = new Pool3D(PoolingMode.MIN, PerAxis3D.of(3, 2, 2), PerAxis3D.of(2), PerAxis3D.of(0), false, true);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.outputSize(8, 8, 2)).getMessage()
			.contains("larger than the padded image depth"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.compute(Arrays.asList(ArrayImgs.floats(4, 4, 4)),
			Arrays.asList(ArrayImgs.floats(2, 2, 2)))).getMessage().contains("expected 2x2x1"));
	}
}

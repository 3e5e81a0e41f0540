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

/** {@link ConvTranspose3D} against PyTorch's {@code conv_transpose3d} (fixtures of make_3d_fixtures.py). */
class ConvTranspose3DTest {

	static Stream<Layer3DFixtures.Case> cases() throws IOException {
		return Layer3DFixtures.cases("convt").stream();
	}

	/** Every case (anisotropic kernels, stride 2, stride per axis, padding, output_padding, dilation, groups) within 1e-5. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void equalsPyTorch(final Layer3DFixtures.Case c) {
		final int groups = c.integer("groups");
		final ConvTranspose3D convt = ConvTranspose3D.builder(Layer3DFixtures.values(c.id() + "_weight"), c.integer("cin"),
			c.integer("cout") / groups, c.zyx("kd", "kh", "kw")).groups(groups)
			.bias(c.flag("bias") ? Layer3DFixtures.values(c.id() + "_bias") : null).stride(c.zyx("sz", "sy", "sx"))
			.padding(c.zyx("pz", "py", "px")).outputPadding(c.zyx("oz", "oy", "ox")).dilation(c.zyx("dz", "dy", "dx")).build();
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(Layer3DFixtures.values(c.id() + "_input"), c.integer("cin"),
			c.integer("d"), c.integer("h"), c.integer("w"));
		final long[] size = convt.outputSize(c.integer("w"), c.integer("h"), c.integer("d"));
		assertArrayEquals(new long[] { c.integer("ow"), c.integer("oh"), c.integer("od") }, size, "output size");
		final List<ArrayImg<FloatType, FloatArray>> out = Layer3DFixtures.zeros(convt.outputChannels(c.integer("cin")), size);
		convt.compute(in, out);
		NewLayerFixtures.assertClose(Layer3DFixtures.values(c.id() + "_output"), Layer3DFixtures.flatten(out), 1e-5, 1e-5, false, c.id());
	}

	/** A 2x2x2 kernel of ones at stride 2 copies each voxel into its 2x2x2 block (nearest upsampling by 2). */
	@Test
	void onesAtStrideTwoRepeatEachVoxel() {
		final float[] ones = new float[8];
		Arrays.fill(ones, 1);
		final ConvTranspose3D up = ConvTranspose3D.builder(ones, 1, 1, PerAxis3D.of(2)).stride(PerAxis3D.of(2)).build();
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(2, 2, 4);
		up.compute(Arrays.asList(ArrayImgs.floats(new float[] { 3, 5 }, 1, 1, 2)), Arrays.asList(out));
		assertArrayEquals(new float[] { 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5 }, out.update(null).getCurrentStorageArray());
	}

	@Test
	void refusesWhatPyTorchRefuses() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvTranspose3D.builder(new float[8], 1, 1, PerAxis3D.of(2))
			.stride(PerAxis3D.of(2, 1, 2)).outputPadding(PerAxis3D.of(0, 1, 0)).build()).getMessage()
			.contains("Output padding 1 (height) is not allowed with stride 1 and dilation 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvTranspose3D.builder(new float[8], 1, 1, PerAxis3D.of(2))
			.groups(2).build()).getMessage().contains("Groups 2 is not allowed with 1 input channels"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvTranspose3D.builder(new float[7], 1, 1, PerAxis3D.of(2)).build())
			.getMessage().contains("needs 8"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvTranspose3D.builder(new float[] { Float.POSITIVE_INFINITY }, 1, 1,
			PerAxis3D.of(1)).build()).getMessage().contains("Infinite value at index [0, 0, 0, 0, 0]"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvTranspose3D.builder(new float[1], 1, 1, PerAxis3D.of(1))
			.padding(PerAxis3D.of(1, 0, 0)).build().outputSize(4, 4, 2)).getMessage().contains("Output depth would be empty"));
	}
}

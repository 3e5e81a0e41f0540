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

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** {@link Conv3D} against PyTorch's {@code conv3d} (fixtures of make_3d_fixtures.py), and its checks. */
class Conv3DTest {

	static Stream<Layer3DFixtures.Case> cases() throws IOException {
		return Layer3DFixtures.cases("conv").stream();
	}

	static Conv3D layer(final Layer3DFixtures.Case c) {
		final String id = c.id();
		final ConvWeights3D w = new ConvWeights3D(Layer3DFixtures.values(id + "_weight"), c.integer("cout"),
			c.integer("cin") / c.integer("groups"), c.zyx("kd", "kh", "kw"), c.flag("bias") ? Layer3DFixtures.values(id + "_bias") : null,
			id);
		return Conv3D.learned(w).groups(c.integer("groups")).stride(c.zyx("sz", "sy", "sx")).padding(c.zyx("pz", "py", "px"))
			.dilation(c.zyx("dz", "dy", "dx")).border(BorderMode.fromLabel(c.text("border"))).build();
	}

	/** Every case (anisotropic kernels, strides per axis, dilation, groups, borders, sizes that stride does not divide) within 1e-5. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void equalsPyTorch(final Layer3DFixtures.Case c) {
		final Conv3D conv = layer(c);
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(Layer3DFixtures.values(c.id() + "_input"), c.integer("cin"),
			c.integer("d"), c.integer("h"), c.integer("w"));
		final long[] size = conv.outputSize(c.integer("w"), c.integer("h"), c.integer("d"));
		assertArrayEquals(new long[] { c.integer("ow"), c.integer("oh"), c.integer("od") }, size, "output size");
		final List<ArrayImg<FloatType, FloatArray>> out = Layer3DFixtures.zeros(conv.outputChannels(c.integer("cin")), size);
		conv.compute(in, out);
		NewLayerFixtures.assertClose(Layer3DFixtures.values(c.id() + "_output"), Layer3DFixtures.flatten(out), 1e-5, 1e-5, false,
			c.id());
	}

	/** Views with an offset min and a non-float input type give the same values as the float array images. */
	@Test
	void viewsAndOtherTypesReadTheSameVoxels() throws IOException {
		final Layer3DFixtures.Case c = Layer3DFixtures.cases("conv").stream().filter(k -> k.id().equals("c_replicate")).findFirst().get();
		final Conv3D conv = layer(c);
		final int w = c.integer("w"), h = c.integer("h"), d = c.integer("d");
		final float[] values = Layer3DFixtures.values(c.id() + "_input");
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(values, 2, d, h, w);
		final long[] size = conv.outputSize(w, h, d);
		final List<ArrayImg<FloatType, FloatArray>> expected = Layer3DFixtures.zeros(2, size);
		conv.compute(in, expected);
		final List<RandomAccessibleInterval<FloatType>> shifted = Arrays.asList(Views.translate(in.get(0), 5, -3, 7),
			Views.translate(in.get(1), 5, -3, 7));
		final List<ArrayImg<FloatType, FloatArray>> planar = Layer3DFixtures.zeros(2, size);
		final List<RandomAccessibleInterval<FloatType>> targets = Arrays.asList(Views.translate(planar.get(0), -1, 2, 3),
			Views.translate(planar.get(1), -1, 2, 3));
		conv.compute(shifted, targets);
		assertArrayEquals(Layer3DFixtures.flatten(expected), Layer3DFixtures.flatten(planar));
	}

	/** A 1x1x1 kernel of weight 2.5 and bias 0.25 on an 8-bit volume: 2.5v + 0.25, stored rounded in the 8-bit target. */
	@Test
	void pointKernelOnBytes() {
		final byte[] voxels = { 0, 10, 100, 60, 1, 2, 3, 4 };
		final ArrayImg<UnsignedByteType, ?> in = ArrayImgs.unsignedBytes(voxels, 2, 2, 2);
		final Conv3D conv = Conv3D.learned(new ConvWeights3D(new float[] { 2.5f }, 1, 1, PerAxis3D.of(1), new float[] { 0.25f }, "point")).build();
		final ArrayImg<UnsignedByteType, ?> out = ArrayImgs.unsignedBytes(2, 2, 2);
		conv.compute(Arrays.asList(in), Arrays.asList(out));
		final byte[] result = (byte[]) ((net.imglib2.img.basictypeaccess.array.ByteArray) out.update(null)).getCurrentStorageArray();
		assertArrayEquals(new byte[] { 0, 25, (byte) 250, (byte) 150, 3, 5, 8, 10 }, result);
	}

	@Test
	void refusesWhatPyTorchRefuses() {
		final ConvWeights3D w = new ConvWeights3D(new float[2 * 2 * 27], 2, 2, PerAxis3D.of(3), null, "w");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Conv3D.learned(w).groups(3).build()).getMessage()
			.contains("Groups 3 do not divide the 2 output channels"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Conv3D.learned(w).stride(PerAxis3D.of(1, 0, 1)).build())
			.getMessage().contains("Stride 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Conv3D.learned(w).dilation(PerAxis3D.of(0, 1, 1)).build())
			.getMessage().contains("Dilation 0"));
		final Conv3D conv = Conv3D.learned(w).build();
		assertTrue(assertThrows(IllegalArgumentException.class, () -> conv.outputSize(5, 5, 2)).getMessage()
			.contains("Output depth would be empty"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> conv.outputChannels(3)).getMessage().contains("C_in = 2"));
		final Conv3D reflect = Conv3D.learned(w).padding(PerAxis3D.of(2, 1, 1)).border(BorderMode.REFLECT).build();
		assertTrue(assertThrows(IllegalArgumentException.class, () -> reflect.outputSize(5, 5, 2)).getMessage()
			.contains("padding 2 >= depth 2"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConvWeights3D(new float[] { 0, Float.NaN, 0 }, 1, 1,
			PerAxis3D.of(1, 1, 3), null, "nan")).getMessage().contains("NaN at index [0, 0, 0, 0, 1]"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConvWeights3D(new float[26], 1, 1, PerAxis3D.of(3), null,
			"short")).getMessage().contains("needs 27 values, not 26"));
	}
}

package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.cnnlayers.weights.WeightFile;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@link GroupNorm3D}, {@link GlobalPooling3D} and {@link Pointwise3D} over {@link BatchNorm} against PyTorch's
 * {@code group_norm}, {@code instance_norm}, {@code batch_norm} and adaptive pooling on 5-D inputs (fixtures of
 * src/test/python/make_volume_norm_fixtures.py).
 */
class VolumeNormTest {

	private static Path path(final String name) {
		try {
			return Paths.get(VolumeNormTest.class.getResource("/fixtures/volume-norm/" + name).toURI());
		}
		catch (final URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name + "; run src/test/python/make_volume_norm_fixtures.py", e);
		}
	}

	private static float[] values(final String name) {
		return WeightFile.read(path(name + ".npy"), null).data();
	}

	static Stream<Layer3DFixtures.Case> cases() throws IOException {
		final List<Layer3DFixtures.Case> cases = new ArrayList<>();
		for (final String line : Files.readAllLines(path("cases.txt"), StandardCharsets.UTF_8)) {
			if (line.trim().isEmpty() || line.startsWith("#"))
				continue;
			final Map<String, String> c = new LinkedHashMap<>();
			for (final String kv : line.trim().split("\\s+")) {
				final String[] p = kv.split("=", 2);
				c.put(p[0], p[1]);
			}
			cases.add(new Layer3DFixtures.Case(c));
		}
		assertTrue(cases.size() >= 13, "cases in cases.txt");
		return cases.stream();
	}

	private static Layer3D layer(final Layer3DFixtures.Case c) {
		final String id = c.id();
		switch (c.text("kind")) {
			case "group":
			case "instance": {
				final float[] w = c.flag("affine") ? values(id + "_weight") : null;
				final float[] b = c.flag("affine") ? values(id + "_bias") : null;
				return new GroupNorm3D(c.text("kind").equals("group") ? GroupNorm.groupNorm(c.integer("groups"), c.number("eps"), w, b)
					: GroupNorm.instanceNorm(c.number("eps"), w, b));
			}
			case "batch": {
				final float[] mean = values(id + "_mean");
				final float[] var = values(id + "_var");
				final float[] w = values(id + "_weight");
				final float[] b = values(id + "_bias");
				final float[] scale = new float[mean.length];
				final float[] shift = new float[mean.length];
				for (int i = 0; i < mean.length; i++) {
					scale[i] = (float) (w[i] / Math.sqrt(var[i] + c.number("eps")));
					shift[i] = (float) (b[i] - mean[i] * (double) scale[i]);
				}
				return new Pointwise3D(new BatchNorm(scale, shift));
			}
			default:
				return new GlobalPooling3D(GlobalPoolingMode.fromLabel(c.text("mode")));
		}
	}

	/**
	 * Every case (group norm of 1, 2 and 3 groups, with and without affine parameters, a depth of 1; instance norm;
	 * batch norm per voxel; global average, max (with a NaN, which wins) and sum, a 1-voxel volume): within 1e-5 of
	 * PyTorch in float64 rounded to float32; max bit for bit.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void equalsPyTorch(final Layer3DFixtures.Case c) {
		final Layer3D layer = layer(c);
		final int channels = c.integer("c");
		final List<ArrayImg<FloatType, FloatArray>> in = Layer3DFixtures.volumes(values(c.id() + "_input"), channels, c.integer("d"),
			c.integer("h"), c.integer("w"));
		final long[] size = layer.outputSize(c.integer("w"), c.integer("h"), c.integer("d"));
		final boolean global = c.text("kind").equals("global");
		assertArrayEquals(global ? new long[] { 1, 1, 1 } : new long[] { c.integer("w"), c.integer("h"), c.integer("d") }, size);
		assertEquals(channels, layer.outputChannels(channels));
		final List<ArrayImg<FloatType, FloatArray>> out = Layer3DFixtures.zeros(channels, size);
		layer.compute(in, out);
		final float[] expected = values(c.id() + "_output");
		if (global && c.text("mode").equals("max"))
			NewLayerFixtures.assertExact(expected, Layer3DFixtures.flatten(out), c.id());
		else
			NewLayerFixtures.assertClose(expected, Layer3DFixtures.flatten(out), 1e-5, 1e-5, false, c.id());
	}

	/**
	 * Group norm over volumes differs from group norm plane by plane: one group of a 1 x 1 x 2 volume {0, 2} has mean 1
	 * and variance 1, so it becomes {-1, 1} (eps 0), while each of its planes alone has one voxel.
	 */
	@Test
	void statisticsSpanTheDepth() {
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(1, 1, 2);
		new GroupNorm3D(GroupNorm.instanceNorm(0, null, null)).compute(Arrays.asList(ArrayImgs.floats(new float[] { 0, 2 }, 1, 1, 2)),
			Arrays.asList(out));
		assertArrayEquals(new float[] { -1, 1 }, out.update(null).getCurrentStorageArray());
	}

	/** Refusals name the problem: a 1-voxel instance norm, groups not dividing the channels, a plane layer that is not per pixel. */
	@Test
	void refusals() {
		final IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
			() -> new GroupNorm3D(GroupNorm.instanceNorm(1e-5, null, null)).outputSize(1, 1, 1));
		assertTrue(one.getMessage().contains("more than 1 voxel"), one.getMessage());
		final IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
			() -> new GroupNorm3D(GroupNorm.groupNorm(2, 1e-5, null, null)).outputChannels(3));
		assertTrue(groups.getMessage().contains("divisible by 2"), groups.getMessage());
		final IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
			() -> new Pointwise3D(new GlobalPooling(GlobalPoolingMode.MAX)));
		assertTrue(pool.getMessage().contains("beyond one pixel"), pool.getMessage());
	}

	/** Global average of 8-bit-like values in a float volume, by hand: the mean of 1..24 over 2 x 3 x 4 is 12.5. */
	@Test
	void globalAverageByHand() {
		final float[] v = new float[24];
		for (int i = 0; i < v.length; i++)
			v[i] = i + 1;
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(1, 1, 1);
		new GlobalPooling3D(GlobalPoolingMode.AVERAGE).compute(Arrays.asList(ArrayImgs.floats(v, 4, 3, 2)), Arrays.asList(out));
		assertEquals(12.5f, out.firstElement().get(), 0f);
		assertEquals("Global average pooling 3D", new GlobalPooling3D(GlobalPoolingMode.AVERAGE).toString());
	}
}

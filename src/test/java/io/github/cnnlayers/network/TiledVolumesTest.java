package io.github.cnnlayers.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv3D;
import io.github.cnnlayers.core.ConvTranspose3D;
import io.github.cnnlayers.core.GroupNorm;
import io.github.cnnlayers.core.GroupNorm3D;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.core.Pool3D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.ReceptiveField;
import io.github.cnnlayers.core.Upsample3D;
import io.github.cnnlayers.onnx.OnnxNetworkModel;

/** 3D networks tiled along x, y and z against the whole volume's run, bit for bit (no tolerance). */
class TiledVolumesTest {

	static final Path NETWORKS = Paths.get("src", "test", "resources", "onnx", "networks3d");

	static FeatureMaps volume(final int channels, final long width, final long height, final long depth, final long seed) {
		final Random random = new Random(seed);
		final FeatureMaps f = FeatureMaps.zeros(Shape.volume(channels, width, height, depth));
		for (int c = 0; c < channels; c++) {
			final float[] p = f.plane(c);
			for (int i = 0; i < p.length; i++)
				p[i] = random.nextFloat();
		}
		return f;
	}

	/** @return a model of one network, which takes any volume size */
	static NetworkModel modelOf(final Network network, final String name) {
		return new NetworkModel() {

			@Override
			public String source() {
				return name;
			}

			@Override
			public int inputChannels() {
				return 1;
			}

			@Override
			public java.util.List<String> outputs() {
				return network.outputs();
			}

			@Override
			public boolean isVector(final String output) {
				return false;
			}

			@Override
			public Network network(final Shape input) {
				return network;
			}

			@Override
			public boolean takesVolumes() {
				return true;
			}

			@Override
			public String describe() {
				return name;
			}
		};
	}

	private static FeatureMaps whole(final NetworkModel model, final FeatureMaps in, final String output) {
		return model.network(in.shape()).run(Collections.singletonList(in), null).get(output);
	}

	private static FeatureMaps tiled(final NetworkModel model, final FeatureMaps in, final String output, final long tile,
		final long tileDepth, final int expectedTiles)
	{
		final TilePlan plan = TilePlan.of(model, model.network(in.shape()), in.shape(), output, tile, tileDepth);
		if (expectedTiles > 0)
			assertEquals(expectedTiles, plan.tiles().size(), "tiles of " + plan.tiles());
		final InMemoryRegions out = new InMemoryRegions(FeatureMaps.zeros(plan.output()));
		final Shape o = plan.output();
		TiledRun.run(plan, new InMemoryRegions(in), out, new Region(0, 0, 0, o.width(), o.height(), o.depth()), 1, null);
		return out.values();
	}

	private static void assertSame(final FeatureMaps expected, final FeatureMaps actual, final String what) {
		assertEquals(expected.shape(), actual.shape(), what);
		for (int c = 0; c < expected.shape().channels(); c++)
			assertArrayEquals(expected.plane(c), actual.plane(c), what + ", channel " + c);
	}

	@Test
	void convolutionFieldsArePerAxis() {
		// kernel 1x3x5 (z y x), dilation x 2, stride z 2, padding 0,1,4: hand-computed ranges o*S - P .. o*S - P + E - 1
		final Conv3D conv = Conv3D.learned(new io.github.cnnlayers.core.ConvWeights3D(new float[15], 1, 1, PerAxis3D.of(1, 3, 5), null,
			"test")).stride(PerAxis3D.of(2, 1, 1)).padding(PerAxis3D.of(0, 1, 4)).dilation(PerAxis3D.of(1, 1, 2)).build();
		final ReceptiveField f = conv.receptiveField();
		assertArrayEquals(new long[] { 6, 16 }, f.inputRange(0, 10, 12)); // E = 2*4+1 = 9: 10-4 .. 12-4+8
		assertArrayEquals(new long[] { 9, 12 }, f.inputRange(1, 10, 11)); // E 3, P 1
		assertArrayEquals(new long[] { 20, 22 }, f.inputRange(2, 10, 11)); // E 1, S 2
		// transposed, stride 2, kernel 2, no padding: output voxels 4..7 come from input voxels 2..3; the field gives
		// floor(4*0.5 - 0.5) .. ceil(7*0.5), one voxel more either side
		final ConvTranspose3D up = ConvTranspose3D.builder(new float[8], 1, 1, PerAxis3D.of(2)).stride(PerAxis3D.of(2)).build();
		assertArrayEquals(new long[] { 1, 4 }, up.receptiveField().inputRange(2, 4, 7));
		final Pool3D pool = new Pool3D(PoolingMode.MAX, PerAxis3D.of(1, 2, 2), PerAxis3D.of(1, 2, 2), PerAxis3D.of(0), false, false);
		assertArrayEquals(new long[] { 5, 5 }, pool.receptiveField().inputRange(2, 5, 5)); // 1 along z: point-wise
		assertArrayEquals(new long[] { 10, 13 }, pool.receptiveField().inputRange(1, 5, 6));
	}

	@Test
	void onnx3DUNetsTiledEqualUntiledBitForBit() throws IOException {
		final long[][] cases = { // width, height, depth, tile, tile depth, tiles
			{ 20, 14, 10, 6, 6, 4 * 3 * 2 }, // tiles that don't divide: 6 along x, y and z on an alignment of 2
			{ 18, 12, 8, 8, 100, 3 * 2 }, // every tile the whole depth
			{ 8, 6, 4, 32, 32, 1 } }; // a volume smaller than a tile
		for (final String name : new String[] { "unet3d_trilinear", "unet3d_transposed" }) {
			final OnnxNetworkModel model = OnnxNetworkModel.read(NETWORKS.resolve(name + ".onnx"));
			final String output = model.outputs().get(0);
			int n = 0;
			for (final long[] c : cases) {
				final FeatureMaps in = volume(2, c[0], c[1], c[2], ++n);
				final String what = name + ", " + c[0] + " x " + c[1] + " x " + c[2] + ", tiles of " + c[3] + " x " + c[3] + " x " + c[4];
				assertSame(whole(model, in, output), tiled(model, in, output, c[3], c[4], (int) c[5]), what);
			}
		}
	}

	@Test
	void theAlignmentOfA3DUNetIsItsPoolingAlongEveryAxis() throws IOException {
		final OnnxNetworkModel model = OnnxNetworkModel.read(NETWORKS.resolve("unet3d_transposed.onnx"));
		final Shape s = Shape.volume(2, 16, 12, 8);
		assertArrayEquals(new long[] { 2, 2, 2 }, TilePlan.alignment(model.network(s), s));
		final TilePlan plan = TilePlan.of(model, model.network(s), s, model.outputs().get(0), 5, 3);
		assertEquals(6, plan.tileSize(0)); // rounded up to the alignment
		assertEquals(4, plan.tileSize(2));
		for (final TilePlan.Tile t : plan.tiles())
			for (int a = 0; a < 3; a++)
				assertEquals(0, t.input().start(a) % 2, "tile " + t + " off the pooling grid along axis " + a);
	}

	@Test
	void aPlanesTileOfAVolumeKeepsItsDepth() {
		final Region r = new Region(3, 4, 5, 6);
		assertEquals(0, r.z());
		assertEquals(1, r.depth());
		assertEquals("5 x 6 at 3, 4", r.toString());
	}

	@Test
	void instanceNormOverVolumesIsRefusedNamingTheNode() {
		final Conv3D conv = Conv3D.learned(new io.github.cnnlayers.core.ConvWeights3D(new float[27], 1, 1, PerAxis3D.of(3), null, "test"))
			.padding(PerAxis3D.of(1)).border(BorderMode.ZERO).build();
		final Network network = Network.builder().input("x").add("conv", Operation.of(conv, "Conv3D"), "x")
			.add("norm", Operation.of(new GroupNorm3D(GroupNorm.instanceNorm(1e-5, null, null)), "InstanceNormalization"), "conv")
			.output("norm").build();
		final Shape s = Shape.volume(1, 16, 16, 8);
		final NotTileableException e = assertThrows(NotTileableException.class, () -> TilePlan.of(modelOf(network, "norm3d"), network, s,
			"norm", 8));
		assertTrue(e.getMessage().contains("Node \"norm\" (InstanceNormalization)") && e.getMessage().contains("statistics per sample"),
			e.getMessage());
	}

	@Test
	void trilinearUpsamplingWithAlignCornersIsRefusedNamingTheNode() {
		final Network network = Network.builder().input("x")
			.add("up", Operation.of(Upsample3D.pytorch(2, 2, 2, Interpolation.BILINEAR, true), "Resize"), "x").output("up").build();
		final Shape s = Shape.volume(1, 16, 16, 8);
		final NotTileableException e = assertThrows(NotTileableException.class, () -> TilePlan.of(modelOf(network, "corners"), network, s,
			"up", 8));
		assertTrue(e.getMessage().contains("Node \"up\" (Resize)") && e.getMessage().contains("whole output as one block"), e.getMessage());
		// without align_corners the same network tiles, equal to the whole volume's run
		final Network half = Network.builder().input("x")
			.add("up", Operation.of(Upsample3D.pytorch(2, 2, 2, Interpolation.BILINEAR, false), "Resize"), "x").output("up").build();
		final FeatureMaps in = volume(1, 16, 16, 8, 7);
		final TilePlan plan = TilePlan.of(modelOf(half, "half"), half, s, "up", 5, 3);
		final InMemoryRegions out = new InMemoryRegions(FeatureMaps.zeros(plan.output()));
		TiledRun.run(plan, new InMemoryRegions(in), out, new Region(0, 0, 0, 32, 32, 16), 1, null);
		assertEquals(4 * 4 * 3, plan.tiles().size());
		assertArrayEquals(half.run(Collections.singletonList(in), null).get("up").plane(0), out.values().plane(0));
	}
}

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
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.DepthToSpace;
import io.github.cnnlayers.onnx.OnnxNetworkModel;

/** Tiled runs against the whole image's run, bit for bit (no tolerance). */
class TiledRunTest {

	static final Path NETWORKS = Paths.get("src", "test", "resources", "onnx", "networks");

	private static FeatureMaps whole(final NetworkModel model, final FeatureMaps in, final String output) {
		return model.network(in.shape()).run(Collections.singletonList(in), null).get(output);
	}

	private static FeatureMaps tiled(final NetworkModel model, final FeatureMaps in, final String output, final long tile,
		final int parallel)
	{
		final TilePlan plan = TilePlan.of(model, model.network(in.shape()), in.shape(), output, tile);
		final InMemoryRegions out = new InMemoryRegions(FeatureMaps.zeros(plan.output()));
		TiledRun.run(plan, new InMemoryRegions(in), out, new Region(0, 0, plan.output().width(), plan.output().height()), parallel, null);
		return out.values();
	}

	private static void assertSame(final FeatureMaps expected, final FeatureMaps actual, final String what) {
		assertEquals(expected.shape(), actual.shape(), what);
		for (int c = 0; c < expected.shape().channels(); c++)
			assertArrayEquals(expected.plane(c), actual.plane(c), what + ", channel " + c);
	}

	@Test
	void uNetsOfDepth2To4TiledEqualUntiledBitForBit() {
		final long[][] cases = { // depth, width, height, tile
			{ 2, 100, 68, 24 }, { 2, 64, 36, 37 }, { 2, 20, 12, 64 }, { 3, 96, 72, 40 }, { 3, 88, 48, 17 }, { 4, 96, 80, 33 },
			{ 4, 48, 32, 100 } };
		int n = 0;
		for (final long[] c : cases)
			for (final UNets.Up up : UNets.Up.values()) {
				final BorderMode border = n++ % 2 == 0 ? BorderMode.ZERO : BorderMode.REFLECT;
				final NetworkModel model = UNets.model((int) c[0], 3, 2, up, border);
				final FeatureMaps in = UNets.image(2, c[1], c[2], n);
				final String what = "depth " + c[0] + ", " + up + ", " + border + ", " + c[1] + " x " + c[2] + ", tile " + c[3];
				assertSame(whole(model, in, "out"), tiled(model, in, "out", c[3], 1), what);
			}
	}

	@Test
	void winogradConvolutionsTiledEqualUntiledBitForBit() {
		// 32 features: the second convolution of every level computes Winograd's 4 x 4 blocks (Conv2D.outputBlock 4)
		for (final UNets.Up up : UNets.Up.values()) {
			final NetworkModel model = UNets.model(2, 32, 1, up, BorderMode.ZERO);
			final FeatureMaps in = UNets.image(1, 84, 52, 5);
			assertSame(whole(model, in, "out"), tiled(model, in, "out", 20, 1), "Winograd U-Net, " + up);
		}
	}

	@Test
	void tilesInParallelGiveTheSameValues() {
		final NetworkModel model = UNets.model(3, 3, 1, UNets.Up.BILINEAR, BorderMode.ZERO);
		final FeatureMaps in = UNets.image(1, 120, 64, 3);
		assertSame(whole(model, in, "out"), tiled(model, in, "out", 24, 3), "3 tiles at once");
	}

	@Test
	void aPaddedImageTiledEqualsThePaddedWholeRunCroppedBack() {
		final NetworkModel model = UNets.model(3, 3, 1, UNets.Up.TRANSPOSED, BorderMode.REFLECT);
		final FeatureMaps image = UNets.image(1, 75, 53, 9); // fitted: 80 x 56
		final ReflectedSource fitted = new ReflectedSource(new InMemoryRegions(image), 80, 56);
		final FeatureMaps padded = fitted.read(new Region(0, 0, 80, 56));
		assertEquals(image.plane(0)[74], padded.plane(0)[74]);
		assertEquals(image.plane(0)[73], padded.plane(0)[75], "reflection, the border pixel not repeated");
		final FeatureMaps expected = InMemoryRegions.copy(whole(model, padded, "out"), new Region(0, 0, 75, 53));
		final TilePlan plan = TilePlan.of(model, model.network(padded.shape()), padded.shape(), "out", 16);
		final InMemoryRegions out = new InMemoryRegions(FeatureMaps.zeros(new Shape(2, 75, 53)));
		TiledRun.run(plan, fitted, out, new Region(0, 0, 75, 53), 1, null);
		assertSame(expected, out.values(), "75 x 53 padded to 80 x 56, tiles of 16");
	}

	@Test
	void onnxUNetsTiledEqualUntiledAndGroupNormIsRefused() throws IOException {
		for (final String name : new String[] { "unet_bilinear_o13", "unet_transpose_o13" }) {
			final OnnxNetworkModel model = OnnxNetworkModel.read(NETWORKS.resolve(name + ".onnx"));
			final int channels = Math.max(1, model.inputChannels());
			final FeatureMaps in = UNets.image(channels, 72, 40, 5);
			final String output = model.outputs().get(0);
			assertSame(whole(model, in, output), tiled(model, in, output, 20, 1), name);
		}
		for (final String name : new String[] { "unet_groupnorm_o13", "unet_transpose_o17" }) {
			final OnnxNetworkModel norm = OnnxNetworkModel.read(NETWORKS.resolve(name + ".onnx"));
			final Shape s = new Shape(Math.max(1, norm.inputChannels()), 32, 32);
			final NotTileableException e = assertThrows(NotTileableException.class, () -> TilePlan.of(norm, norm.network(s), s,
				norm.outputs().get(0), 16));
			assertTrue(e.getMessage().contains("Node \"") && e.getMessage().contains("statistics per sample"), e.getMessage());
		}
	}

	@Test
	void cancellingStopsBeforeTheNextTile() {
		final NetworkModel model = UNets.model(2, 2, 1, UNets.Up.NEAREST, BorderMode.ZERO);
		final FeatureMaps in = UNets.image(1, 64, 64, 1);
		final TilePlan plan = TilePlan.of(model, model.network(in.shape()), in.shape(), "out", 16);
		final int[] seen = { 0 };
		assertThrows(CancellationException.class, () -> TiledRun.run(plan, new InMemoryRegions(in), new InMemoryRegions(FeatureMaps
			.zeros(plan.output())), new Region(0, 0, 64, 64), 1, new TiledRun.Progress() {

				@Override
				public void tileDone(final int done, final int total) {
					seen[0] = done;
					assertEquals(16, total);
				}

				@Override
				public boolean cancelled() {
					return seen[0] >= 3;
				}
			}));
		assertEquals(3, seen[0]);
	}

	/** A network of conv 3x3, space to depth 2, conv 3x3, depth to space 2 (or 3), conv 3x3, with random weights */
	private static NetworkModel shuffled(final int block, final DepthToSpace.Order order, final long seed) {
		final Random random = new Random(seed);
		final int b2 = block * block;
		final Network network = Network.builder().input("x")
			.add("c0", Operation.of(conv(2, 3, random), "Conv2D"), "x")
			.add("s2d", Operation.of(DepthToSpace.spaceToDepth(2), "Space to depth"), "c0")
			.add("c1", Operation.of(conv(12, 2 * b2, random), "Conv2D"), "s2d")
			.add("d2s", Operation.of(DepthToSpace.depthToSpace(block, order), "Depth to space"), "c1")
			.add("out", Operation.of(conv(2, 2, random), "Conv2D"), "d2s").output("out").build();
		return new NetworkModel() {

			@Override
			public String source() {
				return "shuffle";
			}

			@Override
			public int inputChannels() {
				return 2;
			}

			@Override
			public java.util.List<String> outputs() {
				return Collections.singletonList("out");
			}

			@Override
			public boolean isVector(final String output) {
				return false;
			}

			@Override
			public Network network(final Shape input) {
				network.plan(Collections.singletonList(input));
				return network;
			}

			@Override
			public String describe() {
				return "pixel shuffle";
			}
		};
	}

	private static Conv2D conv(final int cin, final int cout, final Random random) {
		final float[] w = new float[cout * cin * 9], bias = new float[cout];
		for (int i = 0; i < w.length; i++)
			w[i] = (float) random.nextGaussian() / 3;
		for (int i = 0; i < cout; i++)
			bias[i] = (float) random.nextGaussian();
		return Conv2D.learned(new ConvWeights(w, cout, cin, 3, 3, bias, "conv"), "conv").padding(1).border(BorderMode.REFLECT).build();
	}

	@Test
	void depthToSpaceAndSpaceToDepthTiledEqualUntiledBitForBit() {
		final long[][] cases = { // block, width, height, tile
			{ 2, 100, 68, 24 }, { 2, 64, 36, 37 }, { 3, 90, 50, 17 }, { 3, 40, 30, 64 } };
		int n = 0;
		for (final long[] c : cases)
			for (final DepthToSpace.Order order : DepthToSpace.Order.values()) {
				final NetworkModel model = shuffled((int) c[0], order, ++n);
				final FeatureMaps in = UNets.image(2, c[1], c[2], n);
				final TilePlan plan = TilePlan.of(model, model.network(in.shape()), in.shape(), "out", c[3]);
				final String what = "block " + c[0] + ", " + order + ", " + c[1] + " x " + c[2] + ", tile " + c[3];
				assertEquals(2, plan.alignment(0), what + ": space to depth 2 aligns tiles to 2 input pixels");
				assertEquals(c[0] * c[1] / 2, plan.output().width(), what);
				assertSame(whole(model, in, "out"), tiled(model, in, "out", c[3], 1), what);
			}
	}
}

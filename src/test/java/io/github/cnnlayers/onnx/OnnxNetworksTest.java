package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * PyTorch networks exported to ONNX by {@code make_onnx_network_fixtures.py}, imported by {@link OnnxNetworks} and
 * run by {@code Network.run}, against PyTorch's own outputs (within 1e-4); and models the importer must refuse.
 */
class OnnxNetworksTest {

	static final Path NETWORKS = Paths.get("src", "test", "resources", "onnx", "networks");

	@TestFactory
	List<DynamicTest> everyFixtureGivesPyTorchsOutput() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String line : Files.readAllLines(NETWORKS.resolve("cases.txt"), StandardCharsets.UTF_8)) {
			final String[] f = line.split(" ");
			tests.add(DynamicTest.dynamicTest(f[0], () -> {
				final double error = maxError(NETWORKS.resolve(f[1]), NETWORKS.resolve(f[2]), NETWORKS.resolve(f[3]));
				assertTrue(error <= 1e-4, f[0] + ": max |difference| " + error);
			}));
		}
		return tests;
	}

	/** @return the largest |difference| between the network's output and PyTorch's */
	static double maxError(final Path model, final Path input, final Path output) throws IOException {
		final Tensor x = WeightFile.read(input, null);
		final Tensor y = WeightFile.read(output, null);
		final int[] d = x.shape();
		final Shape shape = new Shape(d[1], d[3], d[2]);
		final OnnxNetwork net = OnnxNetworks.load(OnnxModel.read(model), shape);
		final float[][] planes = new float[d[1]][shape.planeSize()];
		for (int c = 0; c < d[1]; c++)
			System.arraycopy(x.data(), c * shape.planeSize(), planes[c], 0, shape.planeSize());
		final Map<String, FeatureMaps> out = net.network().run(Collections.singletonList(new FeatureMaps(shape, planes)), null);
		final OnnxNetwork.Output o = net.outputs().get(0);
		final long[] dims = o.dims();
		assertEquals(y.rank(), dims.length, "rank of " + o);
		for (int i = 0; i < dims.length; i++)
			assertEquals(y.dim(i), dims[i], "dims of " + o);
		final FeatureMaps got = out.get(o.tensor());
		final int size = got.shape().planeSize();
		double max = 0;
		for (int c = 0; c < got.shape().channels(); c++)
			for (int i = 0; i < size; i++)
				max = Math.max(max, Math.abs(got.plane(c)[i] - y.data()[c * size + i]));
		return max;
	}

	@Test
	void aClassifierScoresAreAVectorOfOneValuePerClass() throws IOException {
		final OnnxNetwork net = OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("classifier_logits.onnx")), new Shape(3, 16, 16));
		assertEquals(1, net.outputs().size());
		assertTrue(net.outputs().get(0).isVector());
		assertArrayEquals(new long[] { 1, 5 }, net.outputs().get(0).dims());
		assertEquals(new Shape(5, 1, 1), net.network().plan(Collections.singletonList(new Shape(3, 16, 16))).shapes()
			.get(net.outputs().get(0).tensor()));
	}

	@Test
	void anUnknownOperatorIsNamedWithItsNodeAndTheSupportedList() throws IOException {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("bad_unknown_operator.onnx")), new Shape(1, 6, 6)));
		assertTrue(e.getMessage().startsWith("node 'hardmax' (Hardmax): operator Hardmax is not supported; supported: Add, " +
			"AveragePool, "), e.getMessage());
		assertTrue(e.getMessage().contains(String.join(", ", OnnxNetworks.supportedOperators())), e.getMessage());
	}

	@Test
	void anImageOfOtherChannelsIsRefusedNamingBothCounts() throws IOException {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("residual.onnx")), new Shape(3, 12, 10)));
		assertTrue(e.getMessage().startsWith("The model's input 'input' [1, 4, height, width] takes 4 channels (C), but the image " +
			"has 3"), e.getMessage());
	}

	@Test
	void aFixedSpatialSizeMustBeTheImagesSize() throws IOException {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("flatten_head.onnx")), new Shape(2, 6, 5)));
		assertTrue(e.getMessage().startsWith("The model's input 'input' [1, 2, 5, 5] takes 5 width (W), but the image has 6"),
			e.getMessage());
	}

	@Test
	void anInputWithNoSpatialSizeIsRefused() throws IOException {
		// test_softmax_example: input 'x' [1, 3], no height or width
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("../node/test_softmax_example/model.onnx")), new Shape(3, 4, 4)));
		assertTrue(e.getMessage().startsWith("The model's input 'x' [1, 3] takes one value per channel (1 x 1), but was given 4 x 4"),
			e.getMessage());
		final IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("../node/test_relu/model.onnx").resolveSibling(
				"../test_maxpool_3d_default/model.onnx")), new Shape(3, 32, 32)));
		assertTrue(rank.getMessage().startsWith("The model's input 'x' [1, 3, 32, 32, 32] takes volumes [N, C, D, H, W] (a 3D " +
			"network), but was given planes of 3 x 32 x 32"), rank.getMessage());
	}

	@Test
	void aMissingInitializerIsRefusedByTheReader() {
		final OnnxFormatException e = assertThrows(OnnxFormatException.class,
			() -> OnnxNetworks.load(OnnxModel.read(Paths.get("src", "test", "resources", "onnx", "reader", "bad",
				"missing_initializer.onnx")), new Shape(1, 8, 8)));
		assertTrue(e.getMessage().contains("a missing initializer?"), e.getMessage());
	}

	@Test
	void asymmetricPaddingIsRefusedNamingTheAttribute() throws IOException {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("bad_asymmetric_pads.onnx")), new Shape(1, 6, 6)));
		assertEquals("node 'conv' (Conv): its padding (top 1, left 1, bottom 0, right 0) is asymmetric; supported: top = bottom " +
			"and left = right", e.getMessage());
	}

	@Test
	void attributesOutOfRangeAreRefusedNamingNodeAttributeAndAllowedValues() throws IOException {
		assertEquals("node 'conv' (Conv): strides [0, 0] is out of range; allowed: 1 to 536870911", refusal("bad_zero_stride.onnx"));
		assertEquals("node 'conv' (Conv): pads [-1, -1, -1, -1] has -1; allowed: 0 <= pad <= 536870911",
			refusal("bad_negative_pads.onnx"));
		assertEquals("node 'pool' (MaxPool): kernel_shape [1099511627776, 1099511627776] is out of range; allowed: 1 to 536870911",
			refusal("bad_huge_pool.onnx"));
		assertTrue(refusal("bad_huge_resize.onnx").startsWith("node 'resize' (Resize): Output 6000000x6000000 is too large for " +
			"ImageJ (at most 2147483647 pixels per plane)"), refusal("bad_huge_resize.onnx"));
	}

	private static String refusal(final String model) throws IOException {
		final OnnxModel m = OnnxModel.read(NETWORKS.resolve(model));
		return assertThrows(IllegalArgumentException.class, () -> OnnxNetworks.load(m, new Shape(1, 6, 6))).getMessage();
	}

	@Test
	void theNetworkModelOfAClassifierNamesItsOutputAndSaysItIsAVector() throws IOException {
		final OnnxNetworkModel model = OnnxNetworkModel.read(NETWORKS.resolve("classifier.onnx"));
		assertEquals("classifier.onnx", model.source());
		assertEquals(3, model.inputChannels());
		assertEquals(Collections.singletonList("output"), model.outputs());
		assertTrue(model.isVector("output"));
		assertEquals(Collections.singletonList("output"), model.network(new Shape(3, 16, 16)).outputs());
		assertTrue(model.describe().contains("17 nodes"), model.describe());
		assertTrue(model.describe().contains("Softmax=1"), model.describe());
		final OnnxNetworkModel unet = OnnxNetworkModel.read(NETWORKS.resolve("unet_transpose_o13.onnx"));
		assertEquals(false, unet.isVector("output"));
		assertEquals(Collections.singletonList("output"), unet.network(new Shape(1, 20, 12)).outputs());
		assertThrows(IllegalArgumentException.class, () -> unet.isVector("nothing"));
	}

	@Test
	void theMainJobsCellUNetGivesPyTorchsOutputOnCellPng() throws IOException {
		// make_cell_unet.py: cell.png (550 x 660, 8-bit gray) padded by reflection at the right and bottom to 552 x 660,
		// PyTorch's output cropped back
		final java.awt.image.Raster r = javax.imageio.ImageIO.read(Paths.get("src", "main", "resources", "samples", "cell.png")
			.toFile()).getRaster();
		final int w = r.getWidth(), h = r.getHeight(), pw = w + (-w & 3), ph = h + (-h & 3);
		final float[] plane = new float[pw * ph];
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				plane[y * pw + x] = r.getSample(x < w ? x : 2 * (w - 1) - x, y < h ? y : 2 * (h - 1) - y, 0);
		final Shape shape = new Shape(1, pw, ph);
		final OnnxNetwork net = OnnxNetworkModel.read(Paths.get("src", "main", "resources", "models", "cell_unet.onnx")).imported(shape);
		final float[] out = net.network().run(Collections.singletonList(new FeatureMaps(shape, new float[][] { plane })), null)
			.get("cell").plane(0);
		final Tensor expected = WeightFile.read(Paths.get("src", "test", "resources", "fixtures", "cell_unet", "output.npy"), null);
		assertArrayEquals(new int[] { h, w }, expected.shape());
		double max = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				max = Math.max(max, Math.abs(out[y * pw + x] - expected.data()[y * w + x]));
		assertTrue(max <= 1e-4, "max |difference| " + max);
	}

	@Test
	void anInitializerLargerThanTheFoldersCapImports(@org.junit.jupiter.api.io.TempDir final Path temp) throws IOException {
		// 16,781,312 weights (more than the 2^24 values a computed constant may hold) in a sparse file of zeros
		final Path model = Files.copy(NETWORKS.resolve("big_head/model.onnx"), temp.resolve("model.onnx"));
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(temp.resolve("head.bin").toFile(), "rw")) {
			f.setLength(4L * 4096 * 4097);
		}
		final Shape shape = new Shape(4097, 1, 1);
		final OnnxNetwork net = OnnxNetworks.load(OnnxModel.read(model), shape);
		assertArrayEquals(new long[] { 1, 4096 }, net.outputs().get(0).dims());
		final float[][] ones = new float[4097][1];
		for (final float[] p : ones)
			p[0] = 1;
		final FeatureMaps y = net.network().run(Collections.singletonList(new FeatureMaps(shape, ones)), null).get("y");
		assertEquals(4096, y.shape().channels());
		for (int c = 0; c < 4096; c++)
			assertEquals(0f, y.plane(c)[0], 0);
	}
}

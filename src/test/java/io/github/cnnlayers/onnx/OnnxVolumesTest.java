package io.github.cnnlayers.onnx;

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
 * 3D networks from ONNX: the 3D U-Nets of src/test/python/make_unet3d_fixtures.py (Conv3d, BatchNormalization,
 * ReLU, MaxPool3d, ConvTranspose3d or trilinear Resize, Concat, Sigmoid on [N, C, D, H, W]) against PyTorch.
 */
class OnnxVolumesTest {

	static final Path NETWORKS = Paths.get("src", "test", "resources", "onnx", "networks3d");

	/** Every 3D U-Net within 1e-4 of PyTorch, with ONNX's output dims [1, 1, D, H, W]. */
	@TestFactory
	List<DynamicTest> everyUNetGivesPyTorchsOutput() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String line : Files.readAllLines(NETWORKS.resolve("cases.txt"), StandardCharsets.UTF_8)) {
			final String[] f = line.split(" ");
			tests.add(DynamicTest.dynamicTest(f[0], () -> {
				final double error = maxError(NETWORKS.resolve(f[1]), NETWORKS.resolve(f[2]), NETWORKS.resolve(f[3]));
				System.out.println(f[0] + ": max |difference| " + error);
				assertTrue(error <= 1e-4, f[0] + ": max |difference| " + error);
			}));
		}
		assertEquals(2, tests.size());
		return tests;
	}

	/** @return the largest |difference| between the network's output and PyTorch's */
	static double maxError(final Path model, final Path input, final Path output) throws IOException {
		final Tensor x = WeightFile.read(input, null);
		final Tensor y = WeightFile.read(output, null);
		final int[] d = x.shape();
		final Shape shape = Shape.volume(d[1], d[4], d[3], d[2]);
		final OnnxNetwork net = OnnxNetworks.load(OnnxModel.read(model), shape);
		final int n = shape.channelSize();
		final float[][] volumes = new float[d[1]][n];
		for (int c = 0; c < d[1]; c++)
			System.arraycopy(x.data(), c * n, volumes[c], 0, n);
		final Map<String, FeatureMaps> out = net.network().run(Collections.singletonList(new FeatureMaps(shape, volumes)), null);
		final OnnxNetwork.Output o = net.outputs().get(0);
		final long[] dims = o.dims();
		assertEquals(y.rank(), dims.length, "rank of " + o);
		for (int i = 0; i < dims.length; i++)
			assertEquals(y.dim(i), dims[i], "dims of " + o);
		final FeatureMaps got = out.get(o.tensor());
		assertTrue(got.shape().isVolume());
		final int size = got.shape().channelSize();
		double max = 0;
		for (int c = 0; c < got.shape().channels(); c++)
			for (int i = 0; i < size; i++)
				max = Math.max(max, Math.abs(got.plane(c)[i] - y.data()[c * size + i]));
		return max;
	}

	/** A 3D network given planes, or a 2D network given volumes, is refused naming what it takes. */
	@Test
	void planesAndVolumesAreNotMixed() throws IOException {
		final OnnxModel unet = OnnxModel.read(NETWORKS.resolve("unet3d_transposed.onnx"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxNetworks.load(unet, new Shape(2, 16, 12)));
		assertTrue(e.getMessage().contains("takes volumes [N, C, D, H, W]"), e.getMessage());
		final IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> OnnxNetworks.load(unet, Shape.volume(3, 16, 12, 8)));
		assertTrue(c.getMessage().contains("channels (C)"), c.getMessage());
	}
}

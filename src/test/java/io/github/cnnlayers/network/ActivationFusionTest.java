package io.github.cnnlayers.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvTranspose2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.onnx.OnnxModel;
import io.github.cnnlayers.onnx.OnnxNetworks;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Activations fused into the convolutions before them ({@link ActivationFusion}) give the very floats of the network
 * as added, each activation a node of its own ({@link Network#unfused()}); a convolution whose tensor something else
 * reads, or that is an output, keeps its node.
 */
class ActivationFusionTest {

	private static final Path NETWORKS = Paths.get("src", "test", "resources", "onnx", "networks");

	@TestFactory
	List<DynamicTest> onnxFixturesGiveTheSameFloatsFusedAndUnfused() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String line : Files.readAllLines(NETWORKS.resolve("cases.txt"), StandardCharsets.UTF_8)) {
			final String[] f = line.split(" ");
			tests.add(DynamicTest.dynamicTest(f[0], () -> {
				final Tensor x = WeightFile.read(NETWORKS.resolve(f[2]), null);
				final int[] d = x.shape();
				final Shape shape = new Shape(d[1], d[3], d[2]);
				final float[][] planes = new float[d[1]][];
				for (int c = 0; c < d[1]; c++)
					planes[c] = Arrays.copyOfRange(x.data(), c * shape.planeSize(), (c + 1) * shape.planeSize());
				final Network fused = OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve(f[1])), shape).network();
				final Network unfused = fused.unfused();
				assertSame(unfused.run(Collections.singletonList(new FeatureMaps(shape, planes)), null),
					fused.run(Collections.singletonList(new FeatureMaps(shape, planes)), null));
			}));
		}
		return tests;
	}

	/** A fixture U-Net's ReLU right after a convolution goes into it; those after a batch norm stay. */
	@Test
	void aUNetFixtureLosesTheReluAfterItsConvolution() throws IOException {
		final Network fused = OnnxNetworks.load(OnnxModel.read(NETWORKS.resolve("unet_transpose_o13.onnx")), new Shape(1, 32, 32)).network();
		assertEquals(fused.unfused().nodes().size() - 1, fused.nodes().size());
		final Network.Node d1 = fused.nodes().get(fused.nodes().size() - 2);
		assertEquals("/d1/d1.1/Relu_output_0", d1.name());
		assertEquals("Conv2D + ReLU", d1.operation().name());
		assertEquals(Collections.singletonList("/Concat_output_0"), d1.inputs());
		assertEquals("ReLU", fused.nodes().get(2).operation().name()); // after /e1/e1.1/BatchNormalization
	}

	@Test
	void aHandBuiltGraphFusesWhereItMayAndGivesTheSameFloats() {
		final Random random = new Random(17);
		final Network.Builder b = Network.builder().input("x");
		b.add("c1", Operation.of(conv(3, 32, 3, random), "Conv2D"), "x"); // direct form (C_in < 32)
		b.add("r1", Operation.of(Activation.leakyRelu(0.1), "Leaky ReLU"), "c1");
		b.add("c2", Operation.of(conv(32, 32, 3, random), "Conv2D"), "r1"); // Winograd form
		b.add("r2", Operation.of(Activation.relu(), "ReLU"), "c2");
		b.add("t2", Operation.of(Activation.tanh(), "Tanh"), "r2"); // a second activation joins the first
		b.add("c3", Operation.of(conv(32, 32, 3, random), "Conv2D"), "t2");
		b.add("r3", Operation.of(Activation.relu(), "ReLU"), "c3");
		b.add("skip", Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), "c3", "r3"); // c3 read twice: kept
		final float[] w = random(random, 32 * 8 * 4);
		b.add("u", Operation.of(ConvTranspose2D.builder(w, 32, 8, 2, 2).stride(2).bias(random(random, 8)).build(), "ConvTranspose2D"), "skip");
		b.add("e", Operation.of(Activation.elu(1), "ELU"), "u");
		b.add("c5", Operation.of(conv(8, 2, 1, random), "Conv2D"), "e");
		b.add("s", Operation.of(Activation.sigmoid(), "Sigmoid"), "c5"); // c5 is an output too: kept
		final Network fused = b.output("s", "c5").build();
		final Network unfused = fused.unfused();

		final List<String> names = new ArrayList<>();
		for (final Network.Node n : fused.nodes())
			names.add(n.name());
		assertEquals(Arrays.asList("r1", "t2", "c3", "r3", "skip", "e", "c5", "s"), names);
		assertEquals(12, unfused.nodes().size());
		assertEquals("Conv2D + ReLU + Tanh", fused.nodes().get(1).operation().name());
		assertEquals(Arrays.asList("r1"), fused.nodes().get(1).inputs());

		final Shape shape = new Shape(3, 37, 29); // odd sizes: the Winograd form's last tiles are partial
		final FeatureMaps x = FeatureMaps.zeros(shape);
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < shape.planeSize(); i++)
				x.plane(c)[i] = (float) random.nextGaussian();
		final Map<String, FeatureMaps> got = fused.run(Collections.singletonList(x), null);
		assertSame(unfused.run(Collections.singletonList(x), null), got);
		assertFalse(fused.plan(Collections.singletonList(shape)).shapes().containsKey("c1"));
		// every activation changed something: a ReLU that did nothing would prove nothing
		boolean negative = false;
		for (final float v : got.get("c5").plane(0))
			negative |= v < 0;
		assertTrue(negative);
	}

	/** A convolution and its ReLU fused: the peak is the input, the output and the convolution's working memory. */
	@Test
	void aFusedNodesPeakHoldsNoConvolutionTensor() {
		final Conv2D conv = conv(3, 8, 3, new Random(1));
		final Network net = Network.builder().input("x").add("c", Operation.of(conv, "Conv2D"), "x")
			.add("r", Operation.of(Activation.relu(), "ReLU"), "c").build();
		final Shape in = new Shape(3, 40, 30);
		final long expected = in.bytes() + new Shape(8, 40, 30).bytes() + (long) conv.workingBytes(40, 30);
		assertEquals(expected, net.plan(Collections.singletonList(in)).peakBytes());
		// unfused, the ReLU's output joins the convolution's, the input being freed
		assertEquals(2 * new Shape(8, 40, 30).bytes(), net.unfused().plan(Collections.singletonList(in)).peakBytes());
	}

	private static void assertSame(final Map<String, FeatureMaps> expected, final Map<String, FeatureMaps> actual) {
		assertEquals(expected.keySet(), actual.keySet());
		for (final String name : expected.keySet()) {
			final FeatureMaps e = expected.get(name), a = actual.get(name);
			assertEquals(e.shape(), a.shape(), name);
			for (int c = 0; c < e.shape().channels(); c++)
				assertArrayEquals(e.plane(c), a.plane(c), 0f, name + " channel " + c);
		}
	}

	private static Conv2D conv(final int cin, final int cout, final int k, final Random random) {
		return Conv2D.learned(new ConvWeights(random(random, cout * cin * k * k), cout, cin, k, k, random(random, cout), "conv"), "conv")
			.padding(k / 2).border(BorderMode.ZERO).build();
	}

	private static float[] random(final Random random, final int n) {
		final float[] w = new float[n];
		for (int i = 0; i < n; i++)
			w[i] = (float) (random.nextGaussian() * 0.3);
		return w;
	}
}

package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import static io.github.cnnlayers.weights.Fixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The parity fixtures, read with this package's readers, agree with a plain textbook convolution written here:
 * so the files, their documented layouts and conv_cases.txt fit together before the real convolution uses them.
 */
class FixtureChainTest {

	/** Cross-correlation of x [C_in, h, w] as PyTorch's conv2d with a padding mode; returns [C_out, ho, wo]. */
	static float[] convolve(float[] x, int h, int w, ConvWeights k, int groups, int stride, int py, int px,
		int dilation, String mode, int[] outSize)
	{
		int co = k.outChannels(), cig = k.inChannelsPerGroup(), kh = k.kernelHeight(), kw = k.kernelWidth();
		int ho = (h + 2 * py - dilation * (kh - 1) - 1) / stride + 1;
		int wo = (w + 2 * px - dilation * (kw - 1) - 1) / stride + 1;
		outSize[0] = ho;
		outSize[1] = wo;
		float[] bias = k.bias();
		float[] out = new float[co * ho * wo];
		for (int o = 0; o < co; o++) {
			int g = o / (co / groups);
			for (int oy = 0; oy < ho; oy++)
				for (int ox = 0; ox < wo; ox++) {
					double sum = bias == null ? 0 : bias[o];
					for (int i = 0; i < cig; i++)
						for (int ky = 0; ky < kh; ky++)
							for (int kx = 0; kx < kw; kx++) {
								int iy = oy * stride - py + ky * dilation, ix = ox * stride - px + kx * dilation;
								int sy = border(iy, h, mode), sx = border(ix, w, mode);
								if (sy < 0 || sx < 0) continue; // zero padding
								sum += (double) k.weight(o, i, ky, kx) * x[((g * cig + i) * h + sy) * w + sx];
							}
					out[(o * ho + oy) * wo + ox] = (float) sum;
				}
		}
		return out;
	}

	/** The index a padding mode reads for position i of an axis of length n; -1 for a zero. */
	private static int border(int i, int n, String mode) {
		if (i >= 0 && i < n) return i;
		switch (mode) {
			case "zeros": return -1;
			case "replicate": return Math.max(0, Math.min(n - 1, i));
			case "reflect": return i < 0 ? -i : 2 * (n - 1) - i;
			case "circular": return ((i % n) + n) % n;
			default: throw new IllegalArgumentException(mode);
		}
	}

	private static List<Map<String, String>> cases(String file) throws IOException {
		List<Map<String, String>> cases = new ArrayList<>();
		for (String line : Files.readAllLines(path(file), StandardCharsets.UTF_8)) {
			if (line.trim().isEmpty() || line.startsWith("#")) continue;
			Map<String, String> c = new HashMap<>();
			for (String kv : line.trim().split("\\s+")) {
				String[] p = kv.split("=", 2);
				c.put(p[0], p[1]);
			}
			cases.add(c);
		}
		return cases;
	}

	private static void assertClose(float[] expected, float[] actual, String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-5 + 1e-5 * Math.abs(expected[i]), what + " at " + i);
	}

	@Test
	void convolutionCasesMatchTheirListing() throws IOException {
		List<Map<String, String>> cases = cases("conv/conv_cases.txt");
		assertEquals(15, cases.size());
		for (Map<String, String> c : cases) {
			String id = c.get("id");
			int cin = Integer.parseInt(c.get("in_channels")), cout = Integer.parseInt(c.get("out_channels"));
			int groups = Integer.parseInt(c.get("groups"));
			int h = Integer.parseInt(c.get("height")), w = Integer.parseInt(c.get("width"));
			boolean bias = Boolean.parseBoolean(c.get("bias"));
			Tensor x = WeightFile.read(path("conv/" + id + "_input.npy"), null);
			assertArrayEquals(new int[] { 1, cin, h, w }, x.shape(), id);
			ConvWeights k = WeightFile.convolution(path("conv/" + id + "_weight.npy"), null,
				bias ? path("conv/" + id + "_bias.npy") : null);
			assertArrayEquals(new int[] { cout, cin / groups, Integer.parseInt(c.get("kernel_h")),
				Integer.parseInt(c.get("kernel_w")) }, k.shape(), id);
			int[] size = new int[2];
			float[] y = convolve(x.data(), h, w, k, groups, Integer.parseInt(c.get("stride")),
				Integer.parseInt(c.get("padding_y")), Integer.parseInt(c.get("padding_x")),
				Integer.parseInt(c.get("dilation")), c.get("padding_mode"), size);
			Tensor expected = WeightFile.read(path("conv/" + id + "_output.npy"), null);
			assertArrayEquals(new int[] { 1, cout, Integer.parseInt(c.get("out_height")),
				Integer.parseInt(c.get("out_width")) }, expected.shape(), id);
			assertArrayEquals(new int[] { expected.dim(2), expected.dim(3) }, size, id);
			assertClose(expected.data(), y, id);
		}
	}

	@Test
	void batchNormCasesMatchTheFormula() throws IOException {
		for (Map<String, String> c : cases("conv/bn_cases.txt")) {
			String id = c.get("id");
			double eps = Double.parseDouble(c.get("eps"));
			int channels = Integer.parseInt(c.get("channels"));
			BatchNormWeights bn = new BatchNormWeights(WeightFile.read(path("conv/" + id + "_weight.npy"), null).data(),
				WeightFile.read(path("conv/" + id + "_bias.npy"), null).data(),
				WeightFile.read(path("conv/" + id + "_running_mean.npy"), null).data(),
				WeightFile.read(path("conv/" + id + "_running_var.npy"), null).data(), id);
			assertEquals(channels, bn.channels());
			float[] x = WeightFile.read(path("conv/" + id + "_input.npy"), null).data();
			float[] expected = WeightFile.read(path("conv/" + id + "_output.npy"), null).data();
			assertClose(expected, batchNorm(x, bn, eps), id);
		}
	}

	private static float[] batchNorm(float[] x, BatchNormWeights bn, double eps) {
		int plane = x.length / bn.channels();
		float[] scale = bn.scale(eps), shift = bn.shift(eps), y = new float[x.length];
		for (int i = 0; i < x.length; i++)
			y[i] = x[i] * scale[i / plane] + shift[i / plane];
		return y;
	}

	private static float[] relu(float[] x) {
		float[] y = new float[x.length];
		for (int i = 0; i < x.length; i++) y[i] = Math.max(0, x[i]);
		return y;
	}

	@Test
	void sequentialModelLayerByLayer() {
		Path model = path("seq/seq_model.safetensors");
		Tensor input = WeightFile.read(path("seq/input.npy"), null);
		assertArrayEquals(new int[] { 2, 24, 20 }, input.shape());
		int[] size = new int[2];
		float[] y0 = convolve(input.data(), 24, 20, WeightFile.convolution(model, "0", null), 1, 1, 1, 1, 1, "zeros", size);
		assertClose(WeightFile.read(path("seq/after_0.npy"), null).data(), y0, "after_0");
		float[] y1 = batchNorm(y0, WeightFile.batchNorm(model, "1"), 1e-5);
		assertClose(WeightFile.read(path("seq/after_1.npy"), null).data(), y1, "after_1");
		float[] y2 = relu(y1);
		assertClose(WeightFile.read(path("seq/after_2.npy"), null).data(), y2, "after_2");
		float[] y3 = new float[4 * 12 * 10];
		for (int c = 0; c < 4; c++)
			for (int y = 0; y < 12; y++)
				for (int x = 0; x < 10; x++) {
					float m = Float.NEGATIVE_INFINITY;
					for (int dy = 0; dy < 2; dy++)
						for (int dx = 0; dx < 2; dx++)
							m = Math.max(m, y2[(c * 24 + 2 * y + dy) * 20 + 2 * x + dx]);
					y3[(c * 12 + y) * 10 + x] = m;
				}
		assertClose(WeightFile.read(path("seq/after_3.npy"), null).data(), y3, "after_3");
		float[] y4 = convolve(y3, 12, 10, WeightFile.convolution(model, "4", null), 1, 1, 1, 1, 1, "zeros", size);
		Tensor after4 = WeightFile.read(path("seq/after_4.npy"), null);
		assertArrayEquals(new int[] { 3, 12, 10 }, after4.shape());
		assertClose(after4.data(), y4, "after_4");
	}

	@Test
	void shippedEdgeNetworkIsAbsoluteSobelSum() {
		Path model = Fixtures.resource("/models/learned_edges.safetensors");
		Tensor input = WeightFile.read(path("edges/input.npy"), null);
		assertArrayEquals(new int[] { 1, 12, 16 }, input.shape());
		int[] size = new int[2];
		float[] gradients = relu(convolve(input.data(), 12, 16, WeightFile.convolution(model, "edges.0", null), 1, 1,
			1, 1, 1, "zeros", size));
		float[] y = convolve(gradients, 12, 16, WeightFile.convolution(model, "edges.2", null), 1, 1, 0, 0, 1, "zeros",
			size);
		float[] expected = WeightFile.read(path("edges/output.npy"), null).data();
		assertClose(expected, y, "edges");
		float max = 0;
		for (float v : expected) max = Math.max(max, v);
		assertTrue(max > 1, "the test image has edges");
	}
}

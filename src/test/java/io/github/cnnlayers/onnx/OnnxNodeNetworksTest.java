package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Shape;

/**
 * Runs ONNX's official backend node cases ({@code src/test/resources/onnx/node/}) through {@link OnnxNetworks} and
 * {@code Network.run}, one sample of the batch at a time, against their expected outputs at the backend runner's
 * tolerances (rtol 1e-3, atol 1e-7). The cases listed in {@code node-skipped.txt} must be refused with the reason
 * listed there; every other case must pass.
 */
class OnnxNodeNetworksTest {

	static final Path NODE = Paths.get("src", "test", "resources", "onnx", "node");
	static final Path SKIPPED = Paths.get("src", "test", "resources", "onnx", "node-skipped.txt");

	@TestFactory
	List<DynamicTest> everyCaseRunsOrIsRefusedForItsListedReason() throws IOException {
		final Map<String, String> skipped = skipped();
		final List<DynamicTest> tests = new ArrayList<>();
		for (final String name : cases()) {
			final String reason = skipped.get(name);
			tests.add(DynamicTest.dynamicTest(name + (reason == null ? "" : " (refused)"), () -> {
				if (reason == null)
					runCase(NODE.resolve(name));
				else {
					final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runCase(NODE.resolve(name)));
					assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
				}
			}));
		}
		return tests;
	}

	@Test
	void theSkipListNamesOnlyCopiedCasesAndLeavesMostOfTheSupportedOperatorsRunning() throws IOException {
		final List<String> cases = cases();
		final Map<String, String> skipped = skipped();
		for (final String s : skipped.keySet())
			assertTrue(cases.contains(s), s);
		assertTrue(cases.size() - skipped.size() >= 118, "cases run: " + (cases.size() - skipped.size()));
	}

	static List<String> cases() throws IOException {
		final List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> d = Files.newDirectoryStream(NODE, "test_*")) {
			for (final Path p : d)
				names.add(p.getFileName().toString());
		}
		Collections.sort(names);
		return names;
	}

	/** @return case -> the reason the importer gives (a fragment of its message) */
	static Map<String, String> skipped() throws IOException {
		final Map<String, String> s = new TreeMap<>();
		for (final String line : Files.readAllLines(SKIPPED, StandardCharsets.UTF_8)) {
			if (line.isEmpty() || line.startsWith("#"))
				continue;
			final int tab = line.indexOf('\t');
			s.put(line.substring(0, tab), line.substring(tab + 1));
		}
		return s;
	}

	/** Imports a case with input 0 as the image and the other inputs fixed, runs every sample, compares every output. */
	static void runCase(final Path folder) throws IOException {
		final OnnxModel model = OnnxModel.read(folder.resolve("model.onnx"));
		final List<OnnxValueInfo> fed = model.graph().runtimeInputs();
		final Path data = folder.resolve("test_data_set_0");
		if (fed.isEmpty()) {
			OnnxNetworks.load(model, Collections.<String, Shape> emptyMap(), Collections.<String, OnnxTensor> emptyMap());
			throw new AssertionError("a model of no input imported");
		}
		final OnnxTensor image = OnnxTensor.read(data.resolve("input_0.pb"));
		final long[] d = image.dims();
		final Map<String, Shape> images = new LinkedHashMap<>();
		images.put(fed.get(0).name(), d.length == 4 ? new Shape((int) d[1], d[3], d[2])
			: d.length == 3 ? new Shape((int) d[1], d[2], 1) : d.length == 2 ? new Shape((int) d[1], 1, 1) : new Shape(1, 1, 1));
		final Map<String, OnnxTensor> fixed = new LinkedHashMap<>();
		for (int i = 1; i < fed.size(); i++)
			fixed.put(fed.get(i).name(), OnnxTensor.read(data.resolve("input_" + i + ".pb")));
		final OnnxNetwork net = OnnxNetworks.load(model, images, fixed);
		final float[] x = image.floats();
		final Shape shape = images.values().iterator().next();
		final int n = (int) d[0];
		final int per = x.length / n;
		final List<OnnxTensor> expected = new ArrayList<>();
		for (int o = 0; o < net.outputs().size(); o++)
			expected.add(OnnxTensor.read(data.resolve("output_" + o + ".pb")));
		for (int s = 0; s < n; s++) {
			final float[][] planes = new float[shape.channels()][shape.planeSize()];
			for (int c = 0; c < planes.length; c++)
				System.arraycopy(x, s * per + c * shape.planeSize(), planes[c], 0, shape.planeSize());
			final Map<String, FeatureMaps> out = net.network().run(Collections.singletonList(new FeatureMaps(shape, planes)), null);
			for (int o = 0; o < expected.size(); o++) {
				final OnnxNetwork.Output output = net.outputs().get(o);
				final long[] e = expected.get(o).dims();
				assertEquals(e[0], n, "batch of output " + output);
				assertEquals(Arrays.toString(Arrays.copyOfRange(e, 1, e.length)),
					Arrays.toString(Arrays.copyOfRange(output.dims(), 1, output.dims().length)), "dims of " + output);
				final float[] want = expected.get(o).floats();
				final FeatureMaps got = out.get(output.tensor());
				final int size = got.shape().planeSize();
				final int block = want.length / n;
				assertEquals(block, size * got.shape().channels(), "values of " + output);
				for (int c = 0; c < got.shape().channels(); c++)
					for (int i = 0; i < size; i++) {
						final float w = want[s * block + c * size + i], g = got.plane(c)[i];
						if (!(Math.abs(g - w) <= 1e-7 + 1e-3 * Math.abs(w) || Float.isNaN(w) && Float.isNaN(g)))
							throw new AssertionError(folder.getFileName() + " sample " + s + " output " + output.name() + " channel " + c +
								" index " + i + ": expected " + w + ", got " + g);
					}
			}
		}
	}
}

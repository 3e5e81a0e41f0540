package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The fixtures of src/test/python/make_new_layer_fixtures.py (PyTorch's numbers, see its docstring), read
 * with the project's .npy reader, and the comparison the new layers' tests share.
 */
final class NewLayerFixtures {

	private NewLayerFixtures() {}

	/** A file under fixtures/new_layers/. */
	static Path path(final String name) {
		final URL url = NewLayerFixtures.class.getResource("/fixtures/new_layers/" + name);
		if (url == null)
			throw new IllegalStateException("missing fixture " + name + "; run src/test/python/make_new_layer_fixtures.py");
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The tensor of {@code name}.npy. */
	static Tensor tensor(final String name) {
		return WeightFile.read(path(name + ".npy"), null);
	}

	/** The values of {@code name}.npy in C order. */
	static float[] values(final String name) {
		return tensor(name).data();
	}

	/** The cases of {@code <layer>_cases.txt}: one key/value map per line, in file order. */
	static List<Map<String, String>> cases(final String layer) throws IOException {
		final List<Map<String, String>> cases = new ArrayList<>();
		for (final String line : Files.readAllLines(path(layer + "_cases.txt"), StandardCharsets.UTF_8)) {
			if (line.trim().isEmpty() || line.startsWith("#"))
				continue;
			final Map<String, String> c = new LinkedHashMap<>();
			for (final String kv : line.trim().split("\\s+")) {
				final String[] p = kv.split("=", 2);
				c.put(p[0], p[1]);
			}
			cases.add(c);
		}
		if (cases.isEmpty())
			throw new IllegalStateException("no cases in " + layer + "_cases.txt");
		return cases;
	}

	/** The C planes of a [1, C, H, W] array as float images over copies of its values. */
	static List<ArrayImg<FloatType, FloatArray>> planes(final float[] data, final int c, final int h, final int w) {
		final List<ArrayImg<FloatType, FloatArray>> planes = new ArrayList<>();
		for (int i = 0; i < c; i++) {
			final float[] p = new float[h * w];
			System.arraycopy(data, i * h * w, p, 0, h * w);
			planes.add(ArrayImgs.floats(p, w, h));
		}
		return planes;
	}

	/** {@code c} new zero planes of w x h. */
	static List<ArrayImg<FloatType, FloatArray>> zeros(final int c, final long w, final long h) {
		final List<ArrayImg<FloatType, FloatArray>> planes = new ArrayList<>();
		for (int i = 0; i < c; i++)
			planes.add(ArrayImgs.floats(w, h));
		return planes;
	}

	/** The planes' values concatenated in C order ([C, H, W]). */
	static float[] flatten(final List<ArrayImg<FloatType, FloatArray>> planes) {
		final int n = planes.get(0).update(null).getCurrentStorageArray().length;
		final float[] out = new float[planes.size() * n];
		for (int i = 0; i < planes.size(); i++)
			System.arraycopy(planes.get(i).update(null).getCurrentStorageArray(), 0, out, i * n, n);
		return out;
	}

	/**
	 * Asserts {@code |actual - expected| <= rel * |expected| + abs} element-wise, NaN where NaN is expected,
	 * equal infinities, and with {@code signedZeros} the sign of an expected zero.
	 */
	static void assertClose(final float[] expected, final float[] actual, final double rel, final double abs,
		final boolean signedZeros, final String what)
	{
		if (expected.length != actual.length)
			fail(what + ": " + actual.length + " values, expected " + expected.length);
		for (int i = 0; i < expected.length; i++) {
			final float e = expected[i];
			final float a = actual[i];
			final boolean ok;
			if (Float.isNaN(e) || Float.isInfinite(e))
				ok = Float.compare(e, a) == 0;
			else if (e == 0 && signedZeros && a == 0)
				ok = Float.compare(e, a) == 0;
			else
				ok = Math.abs((double) a - e) <= rel * Math.abs(e) + abs;
			if (!ok)
				fail(what + ": at index " + i + " expected " + e + " but was " + a + " (tolerance " + rel + " relative + " +
					abs + ")");
		}
	}

	/** Asserts bit-for-bit equality of the values, NaN equal to NaN, zeros with their sign. */
	static void assertExact(final float[] expected, final float[] actual, final String what) {
		assertArrayEquals(expected, actual, what);
	}
}

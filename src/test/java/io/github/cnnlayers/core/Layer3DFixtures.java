package io.github.cnnlayers.core;

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

import io.github.cnnlayers.weights.WeightFile;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The fixtures of src/test/python/make_3d_fixtures.py (PyTorch's numbers, see its docstring), read with the
 * project's .npy reader, as volumes of the 3D layers.
 */
final class Layer3DFixtures {

	private Layer3DFixtures() {}

	private static Path path(final String name) {
		final URL url = Layer3DFixtures.class.getResource("/fixtures/layers3d/" + name);
		if (url == null)
			throw new IllegalStateException("missing fixture " + name + "; run src/test/python/make_3d_fixtures.py");
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The values of {@code name}.npy in C order. */
	static float[] values(final String name) {
		return WeightFile.read(path(name + ".npy"), null).data();
	}

	/** One case of a {@code <layer>_cases.txt}: its keys and values. */
	static final class Case {

		final Map<String, String> keys;

		Case(final Map<String, String> keys) {
			this.keys = keys;
		}

		String id() {
			return keys.get("id");
		}

		int integer(final String key) {
			return Integer.parseInt(keys.get(key));
		}

		double number(final String key) {
			return Double.parseDouble(keys.get(key));
		}

		boolean flag(final String key) {
			return Boolean.parseBoolean(keys.get(key));
		}

		String text(final String key) {
			return keys.get(key);
		}

		/** The three keys {@code <prefix>z <prefix>y <prefix>x} (or the names given) as z, y, x. */
		PerAxis3D zyx(final String z, final String y, final String x) {
			return PerAxis3D.of(integer(z), integer(y), integer(x));
		}

		@Override
		public String toString() {
			return id();
		}
	}

	/** The cases of {@code <layer>_cases.txt}, in file order. */
	static List<Case> cases(final String layer) throws IOException {
		final List<Case> cases = new ArrayList<>();
		for (final String line : Files.readAllLines(path(layer + "_cases.txt"), StandardCharsets.UTF_8)) {
			if (line.trim().isEmpty() || line.startsWith("#"))
				continue;
			final Map<String, String> c = new LinkedHashMap<>();
			for (final String kv : line.trim().split("\\s+")) {
				final String[] p = kv.split("=", 2);
				c.put(p[0], p[1]);
			}
			cases.add(new Case(c));
		}
		if (cases.isEmpty())
			throw new IllegalStateException("no cases in " + layer + "_cases.txt");
		return cases;
	}

	/** The C volumes of a [1, C, D, H, W] array as float images (x, y, z) over copies of its values. */
	static List<ArrayImg<FloatType, FloatArray>> volumes(final float[] data, final int c, final int d, final int h, final int w) {
		final int n = d * h * w;
		if (data.length != c * n)
			throw new IllegalStateException(data.length + " values, expected " + c + "x" + d + "x" + h + "x" + w);
		final List<ArrayImg<FloatType, FloatArray>> volumes = new ArrayList<>();
		for (int i = 0; i < c; i++) {
			final float[] v = new float[n];
			System.arraycopy(data, i * n, v, 0, n);
			volumes.add(ArrayImgs.floats(v, w, h, d));
		}
		return volumes;
	}

	/** {@code c} new zero volumes of w x h x d. */
	static List<ArrayImg<FloatType, FloatArray>> zeros(final int c, final long[] whd) {
		final List<ArrayImg<FloatType, FloatArray>> volumes = new ArrayList<>();
		for (int i = 0; i < c; i++)
			volumes.add(ArrayImgs.floats(whd[0], whd[1], whd[2]));
		return volumes;
	}

	/** The volumes' values concatenated in C order ([C, D, H, W]). */
	static float[] flatten(final List<ArrayImg<FloatType, FloatArray>> volumes) {
		final int n = volumes.get(0).update(null).getCurrentStorageArray().length;
		final float[] out = new float[volumes.size() * n];
		for (int i = 0; i < volumes.size(); i++)
			System.arraycopy(volumes.get(i).update(null).getCurrentStorageArray(), 0, out, i * n, n);
		return out;
	}
}

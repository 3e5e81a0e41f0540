package io.github.cnnlayers.weights;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The fixture files of src/test/python/make_fixtures.py, and the value formulas its docstring documents. */
final class Fixtures {

	private Fixtures() {
	}

	/** A file under src/test/resources/fixtures/, e.g. {@code readers/npy_f4_le.npy}. */
	static Path path(String relative) {
		return resource("/fixtures/" + relative);
	}

	/** A file on the class path, e.g. {@code /models/learned_edges.safetensors}. */
	static Path resource(String absolute) {
		URL url = Fixtures.class.getResource(absolute);
		if (url == null) throw new IllegalStateException("missing resource " + absolute);
		try {
			return Paths.get(url.toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** ramp(shape, offset): {@code (i - n / 2) * 0.25 + offset} for C-order index i of n values. */
	static float[] ramp(int n, double offset) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = (float) ((i - n / 2) * 0.25 + offset);
		return a;
	}

	/** int_ramp(shape): {@code i - n / 2}, or {@code i} when unsigned. */
	static float[] intRamp(int n, boolean unsigned) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = unsigned ? i : i - n / 2;
		return a;
	}
}

package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The layers chained by their macro contracts in a real ImageJ with the built jar installed:
 * Conv2D, Leaky ReLU and Max Pooling on a stack, ReLU, and an 8-bit image ReLU leaves alone, checked
 * against nested-loop formulas written here. Conv2D's own keys are covered by {@link Conv2DMacroIT}.
 */
class LayersMacroIT {

	/** Parses lines "key=v1 v2 v3 ..." printed by the macros. */
	private static Map<String, String> lines(final String out) {
		final Map<String, String> m = new HashMap<>();
		for (final String line : out.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0)
				m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return m;
	}

	private static double[] numbers(final String s) {
		final String[] t = s.trim().split("\\s+");
		final double[] v = new double[t.length];
		for (int i = 0; i < t.length; i++)
			v[i] = Double.parseDouble(t[i]);
		return v;
	}

	/** Cross-correlation with zero or replicate border, straight from the definition. */
	private static double[] conv(final double[] img, final int w, final int h, final double[] k, final int kw, final int kh,
		final int s, final int p, final boolean replicate, final int ow, final int oh)
	{
		final double[] out = new double[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double sum = 0;
				for (int j = 0; j < kh; j++)
					for (int i = 0; i < kw; i++) {
						int xi = x * s - p + i, yi = y * s - p + j;
						if (replicate) {
							xi = Math.max(0, Math.min(w - 1, xi));
							yi = Math.max(0, Math.min(h - 1, yi));
						}
						else if (xi < 0 || yi < 0 || xi >= w || yi >= h)
							continue;
						sum += k[j * kw + i] * img[yi * w + xi];
					}
				out[y * ow + x] = sum;
			}
		return out;
	}

	@Test
	void conv2dThenLeakyReluThenMaxPoolingOnAStack() throws Exception {
		final int w = 9, h = 8, n = 3;
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"function dump(key) { s = ''; for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) s = s + d2s(getPixel(x, y), 6) + ' '; } print(key + '=' + s); }",
			"newImage('chain', '32-bit black', " + w + ", " + h + ", " + n + ");",
			"for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) setPixel(x, y, 10 * sin(0.7 * x + 1.3 * y + z)); }",
			"run('Conv2D...', 'kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] preset=[custom] stride=1 padding=1 border=zero dilation=1 bias=0.5 stack');",
			"run('Leaky ReLU...', 'alpha=0.1 stack');",
			"run('Max Pooling...', 'size=2 stride=2 padding=0 stack');",
			"print('title=' + getTitle()); print('size=' + getWidth() + ' ' + getHeight() + ' ' + bitDepth() + ' ' + nSlices);",
			"dump('pooled');",
			"selectImage('chain-conv2d'); run('ReLU', 'stack'); dump('relu');",
			"newImage('bytes', '8-bit ramp', 4, 4, 1); run('ReLU'); print('bytetitle=' + getTitle());");
		final Map<String, String> m = lines(RealImageJ.runMacro(macro, null, Duration.ofSeconds(180)));
		assertEquals("chain-conv2d-maxpool", m.get("title"));
		assertEquals("4 4 32 3", m.get("size"));
		final double[] lap = { -1, -1, -1, -1, 8, -1, -1, -1, -1 };
		final double[] pooled = numbers(m.get("pooled"));
		final double[] relu = numbers(m.get("relu"));
		for (int z = 1; z <= n; z++) {
			final double[] plane = new double[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					plane[y * w + x] = (float) (10 * Math.sin(0.7 * x + 1.3 * y + z));
			final double[] c = conv(plane, w, h, lap, 3, 3, 1, 1, false, w, h);
			for (int i = 0; i < c.length; i++)
				c[i] += 0.5;
			for (int i = 0; i < c.length; i++)
				assertEquals(Math.max(0, c[i]), relu[(z - 1) * w * h + i], 1e-3, "relu plane " + z);
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 4; x++) {
					double max = Double.NEGATIVE_INFINITY;
					for (int j = 0; j < 2; j++)
						for (int i = 0; i < 2; i++) {
							final double v = c[(2 * y + j) * w + 2 * x + i];
							max = Math.max(max, v > 0 ? v : 0.1 * v);
						}
					assertEquals(max, pooled[(z - 1) * 16 + y * 4 + x], 1e-3, "pooled plane " + z + " (" + x + "," + y + ")");
				}
		}
		assertEquals("bytes", m.get("bytetitle"));
	}

	/**
	 * The three layers added through the registry, by their macro contracts in a real ImageJ: Sigmoid and
	 * Tanh in place on a 32-bit stack, against their definitions; Min Pooling against Image > Transform >
	 * Bin with Min on the same image; and Sigmoid on an 8-bit image stops the macro with its message.
	 */
	@Test
	void sigmoidTanhAndMinPoolingByTheirMacroLines() throws Exception {
		final int w = 7, h = 6, n = 2;
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"function dump(key) { s = ''; for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) s = s + d2s(getPixel(x, y), 9) + ' '; } print(key + '=' + s); }",
			"function make(t) { newImage(t, '32-bit black', " + w + ", " + h + ", " + n + "); for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) setPixel(x, y, 3 * sin(0.9 * x - 1.1 * y + z)); } }",
			"make('s'); run('Sigmoid', 'stack'); dump('sigmoid');",
			"make('t'); run('Tanh', 'stack'); dump('tanh');",
			"make('m'); run('Min Pooling...', 'size=2 stride=2 padding=0 stack'); print('mintitle=' + getTitle()); dump('minpool');",
			"make('b'); run('Bin...', 'x=2 y=2 bin=Min'); dump('binmin');",
			"newImage('bytes', '8-bit ramp', 4, 4, 1); print('before=8-bit');",
			"run('Sigmoid'); print('after=not stopped');");
		final java.nio.file.Path file = java.nio.file.Files.createTempDirectory("cnnlayers-macros").resolve("layers.ijm");
		java.nio.file.Files.write(file, macro.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		// the driver closes the error dialog a macro error opens, and prints its text
		final String out = RealImageJ.runJava(RealImageJ.Install.standard(), MacroErrorDriver.class.getName(),
			java.util.Collections.singletonList(file.toString()), Duration.ofSeconds(180));
		final Map<String, String> m = lines(out);
		final double[] sig = numbers(m.get("sigmoid"));
		final double[] tanh = numbers(m.get("tanh"));
		for (int z = 1; z <= n; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double v = (float) (3 * Math.sin(0.9 * x - 1.1 * y + z));
					final int i = (z - 1) * w * h + y * w + x;
					assertEquals(1 / (1 + Math.exp(-v)), sig[i], 1e-6, "sigmoid");
					assertEquals(Math.tanh(v), tanh[i], 1e-6, "tanh");
				}
		assertEquals("m-minpool", m.get("mintitle"));
		assertEquals(m.get("binmin"), m.get("minpool"), "Min Pooling equals Bin Min");
		assertEquals("8-bit", m.get("before"));
		assertEquals(null, m.get("after"), "the macro stops at the failing command:\n" + out);
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("dialog: ") && out.contains("Sigmoid needs a 32-bit image"), out);
	}

	/**
	 * A command that fails for any reason, wherever it fails, stops the macro, so the next in-place command
	 * can never change the source: a result too large for ImageJ's 2 GB (a 2048 x 2048 x 200 8-bit stack
	 * makes 3.2 GB of 32-bit planes), a padding whose size overflows 32 bits, and weights too big for the
	 * 2 GB heap while the options are read (a real 1.2 GB {@code .npy}, held twice while the layer is built;
	 * the file is sparse, so it takes no disk): on d16d3a3 its out-of-memory error let the macro go on. Each
	 * macro prints a line after the failing command, which must never appear.
	 */
	@Test
	void anyFailureStopsTheMacroBeforeTheNextCommand() throws Exception {
		final java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cnnlayers-macros");
		final java.nio.file.Path big = sparseNpy(dir.resolve("big.npy"), 300_000_000);
		final String[][] macros = {
			{ "weights", "setBatchMode(true); newImage('gray', '32-bit ramp', 64, 48, 1); " +
				"run('Conv2D...', 'weights=[" + big + "] padding=same'); print('after weights: ' + getTitle()); run('ReLU');" },
			{ "memory", "setBatchMode(true); newImage('big', '8-bit ramp', 2048, 2048, 200); " +
				"run('Conv2D...', 'preset=edge stack'); print('after memory: ' + getTitle()); run('ReLU', 'stack');" },
			{ "overflow", "setBatchMode(true); newImage('small', '32-bit ramp', 80, 64, 1); run('Subtract...', 'value=0.5'); " +
				"run('Conv2D...', 'padding=2000000000'); print('after overflow: ' + getTitle()); run('ReLU');" } };
		final java.util.List<String> files = new java.util.ArrayList<>();
		for (final String[] m : macros) {
			final java.nio.file.Path f = dir.resolve(m[0] + ".ijm");
			java.nio.file.Files.write(f, m[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
			files.add(f.toString());
		}
		final String out = RealImageJ.runJava(RealImageJ.Install.standard(), MacroErrorDriver.class.getName(), files,
			Duration.ofSeconds(240));
		org.junit.jupiter.api.Assertions.assertFalse(out.contains("after memory"), out);
		org.junit.jupiter.api.Assertions.assertFalse(out.contains("after overflow"), out);
		org.junit.jupiter.api.Assertions.assertFalse(out.contains("after weights"), out);
		// the weight reader's check of the declared size against the free heap refuses it before allocating; where
		// the check passes and the copies do not fit, it is a real out-of-memory: either stops the macro
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("out of memory (Java's maximum heap is") ||
			out.contains("big.npy") && out.contains("MB"), out);
		java.nio.file.Files.delete(big);
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("and row buffers need") && out.contains("of memory, but only"), out);
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("Padding 2000000000 makes a padded image"), out);
	}

	/**
	 * Writes a float32 {@code .npy} of shape [n, 1, 1, 1] (n output channels of 1 x 1 kernels on one input
	 * channel) whose data are zeros in a sparse file: the header by hand, the data by setting the length.
	 */
	private static java.nio.file.Path sparseNpy(final java.nio.file.Path file, final long n) throws java.io.IOException {
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", 1, 1, 1), }";
		final StringBuilder padded = new StringBuilder(header);
		while ((10 + padded.length() + 1) % 64 != 0)
			padded.append(' ');
		padded.append('\n');
		header = padded.toString();
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
			f.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8) });
			f.write(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			f.setLength(f.getFilePointer() + 4 * n);
		}
		return file;
	}
}

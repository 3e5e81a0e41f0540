package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code Plugins > CNN Layers > Conv2D...} end to end: macros run in a real ImageJ (under Xvfb, the
 * packaged jar in its plugins folder) build small images with known pixels, call the command with the
 * documented macro keys, and print the active image (title, size, type, planes, every pixel) and the
 * source afterwards. The expected numbers come from a plain nested-loop cross-correlation written
 * here, from PyTorch's definitions, independent of the plugin's code.
 * <p>
 * Several checks share one ImageJ launch, as each launch costs seconds.
 */
class Conv2DMacroIT {

	/** ImageJ starts in a few seconds; the watchdog only turns a macro error (a modal dialog) into a failure. */
	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	/** The output is 32-bit float, the reference double: allow float rounding on sums of a few dozen terms. */
	private static final double TOLERANCE = 1e-3;

	/**
	 * Macro helpers. {@code fill} makes an image from a flat array of values (planes after each other,
	 * rows top to bottom); {@code dump} prints the active image as
	 * {@code key=title|width|height|bitDepth|nSlices|v v v ...} and restores its current slice.
	 */
	private static final String HELPERS = String.join("\n",
		"function fill(title, type, w, h, values) {",
		"  n = w * h; newImage(title, type, w, h, values.length / n);",
		"  for (z = 1; z <= nSlices; z++) { setSlice(z); for (i = 0; i < n; i++) setPixel(i % w, floor(i / w), values[(z - 1) * n + i]); }",
		"  setSlice(1);",
		"}",
		"function dump(key) {",
		"  current = getSliceNumber();",
		"  s = key + '=' + getTitle() + '|' + getWidth() + '|' + getHeight() + '|' + bitDepth() + '|' + nSlices + '|';",
		"  for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) s = s + d2s(getPixel(x, y), 6) + ' '; }",
		"  setSlice(current);",
		"  print(s);",
		"}",
		"setBatchMode(true);");

	// ---------------------------------------------------------------- the reference

	/** One image as printed by the macro's {@code dump}, or as computed by the reference. */
	static final class Image {

		final String title;
		final int width, height, bitDepth, slices;
		final double[] values;

		Image(final String title, final int width, final int height, final int bitDepth, final int slices, final double[] values) {
			this.title = title;
			this.width = width;
			this.height = height;
			this.bitDepth = bitDepth;
			this.slices = slices;
			this.values = values;
		}

		static Image parse(final String line) {
			final String[] f = line.split("\\|", -1);
			if (f.length != 6)
				throw new IllegalArgumentException("not a dump line: " + line);
			final String v = f[5].trim();
			final double[] values = v.isEmpty() ? new double[0] : java.util.Arrays.stream(v.split("\\s+"))
				.mapToDouble(Double::parseDouble).toArray();
			return new Image(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
				Integer.parseInt(f[4]), values);
		}
	}

	/** A 2D kernel, row-major, odd sides. */
	static final class K {

		final int w, h;
		final double[] v;

		K(final int w, final int h, final double... v) {
			if (v.length != w * h)
				throw new IllegalArgumentException("kernel size");
			this.w = w;
			this.h = h;
			this.v = v;
		}

		/** @return the kernel as macro text, rows separated by the two characters {@code \n} */
		String macroText() {
			final StringBuilder sb = new StringBuilder();
			for (int y = 0; y < h; y++) {
				if (y > 0)
					sb.append("\\n");
				for (int x = 0; x < w; x++)
					sb.append(x > 0 ? " " : "").append(number(v[y * w + x]));
			}
			return sb.toString();
		}

		K divided(final double d) {
			final double[] n = new double[v.length];
			for (int i = 0; i < n.length; i++)
				n[i] = v[i] / d;
			return new K(w, h, n);
		}
	}

	/**
	 * PyTorch's {@code F.conv2d(F.pad(img, mode), k, stride, dilation) + bias} on one plane, by the
	 * definition: {@code out[y][x] = bias + sum_{j,i} k[j][i] * in[y*S - Py + j*D][x*S - Px + i*D]}, the
	 * kernel not flipped, and out-of-image reads resolved by the border mode.
	 */
	static double[] crossCorrelate(final double[] img, final int w, final int h, final K k, final int stride,
		final int padX, final int padY, final int dilation, final String border, final double bias, final int[] outSize)
	{
		final int ow = outputSize(w, k.w, stride, padX, dilation);
		final int oh = outputSize(h, k.h, stride, padY, dilation);
		outSize[0] = ow;
		outSize[1] = oh;
		final double[] out = new double[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double sum = bias;
				for (int j = 0; j < k.h; j++)
					for (int i = 0; i < k.w; i++) {
						final int xi = index(x * stride - padX + i * dilation, w, border);
						final int yi = index(y * stride - padY + j * dilation, h, border);
						if (xi >= 0 && yi >= 0)
							sum += k.v[j * k.w + i] * img[yi * w + xi];
					}
				out[y * ow + x] = sum;
			}
		return out;
	}

	/** @return {@code floor((N + 2P - D*(K-1) - 1) / S) + 1} */
	static int outputSize(final int n, final int k, final int s, final int p, final int d) {
		return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;
	}

	/** @return the source index that padded index {@code i} reads, or -1 for a zero */
	static int index(final int i, final int n, final String border) {
		if (i >= 0 && i < n)
			return i;
		switch (border) {
			case "zero":
				return -1;
			case "replicate":
				return i < 0 ? 0 : n - 1;
			case "reflect": // d c b | a b c d | c b a
				return i < 0 ? -i : 2 * (n - 1) - i;
			case "circular":
				return Math.floorMod(i, n);
			default:
				throw new IllegalArgumentException(border);
		}
	}

	// ---------------------------------------------------------------- helpers

	/** Reproducible pixel values: multiples of 0.25 (exact in float and in {@code d2s(v, 6)}) in [-5, 5]. */
	private static double[] quarters(final long seed, final int n) {
		final Random r = new Random(seed);
		final double[] v = new double[n];
		for (int i = 0; i < n; i++)
			v[i] = (r.nextInt(41) - 20) / 4.0;
		return v;
	}

	/** Reproducible whole pixel values in [0, max]. */
	private static double[] wholes(final long seed, final int n, final int max) {
		final Random r = new Random(seed);
		final double[] v = new double[n];
		for (int i = 0; i < n; i++)
			v[i] = r.nextInt(max + 1);
		return v;
	}

	/** @return {@code newArray(v1, v2, ...)} */
	private static String array(final double[] v) {
		return "newArray(" + java.util.Arrays.stream(v).mapToObj(Conv2DMacroIT::number).collect(Collectors.joining(", ")) + ")";
	}

	private static String number(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
	}

	/** Runs a macro (helpers prepended) in a real ImageJ; returns the dump lines by key. */
	private static Map<String, Image> run(final String... macroLines) throws Exception {
		final String macro = HELPERS + "\n" + String.join("\n", macroLines) + "\nprint('done=|0|0|0|0|');\n";
		final long start = System.nanoTime();
		final String out = RealImageJ.runMacro(macro, null, TIMEOUT);
		System.out.printf(Locale.ROOT, "Conv2DMacroIT: ImageJ ran the macro in %.1f s%n", (System.nanoTime() - start) / 1e9);
		final Map<String, Image> m = new LinkedHashMap<>();
		for (final String line : out.split("\\r?\\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0 && line.indexOf('|') > eq)
				m.put(line.substring(0, eq).trim(), Image.parse(line.substring(eq + 1)));
		}
		if (!m.containsKey("done"))
			fail("The macro did not reach its end. Output:\n" + out);
		return m;
	}

	private static Image get(final Map<String, Image> m, final String key) {
		final Image i = m.get(key);
		assertNotNull(i, "the macro printed no '" + key + "' line; printed: " + m.keySet());
		return i;
	}

	/** Checks one printed image against its title, size, type, planes and per-plane expected pixels. */
	private static List<Executable> expect(final Image actual, final String what, final String title, final int width,
		final int height, final int bitDepth, final int slices, final Supplier<double[]> values)
	{
		final List<Executable> checks = new ArrayList<>();
		checks.add(() -> assertEquals(title, actual.title, what + ": title"));
		checks.add(() -> assertEquals(width + "x" + height + "x" + slices + " " + bitDepth + "-bit", actual.width + "x" +
			actual.height + "x" + actual.slices + " " + actual.bitDepth + "-bit", what + ": size and type"));
		checks.add(() -> {
			final double[] e = values.get();
			assertEquals(e.length, actual.values.length, what + ": number of pixels");
			for (int i = 0; i < e.length; i++) {
				final int plane = i / (width * height), x = i % width, y = i % (width * height) / width;
				assertEquals(e[i], actual.values[i], TOLERANCE * Math.max(1, Math.abs(e[i])), what + ": pixel (" + x + "," +
					y + ") of plane " + (plane + 1));
			}
		});
		return checks;
	}

	// ---------------------------------------------------------------- the tests

	/**
	 * Single images: the README's contract line (3x3 edge kernel, padding 1, zero border, a zero-sum
	 * kernel left as is by {@code normalize}) on a 5x5, an asymmetric kernel that would show a flip,
	 * stride 2 on a 7x7, every border in upper/mixed case, padding "x,y" and default "same", dilation,
	 * bias, normalize, presets (in any case, replacing the kernel text), titles and the source afterwards.
	 */
	@Test
	void conv2dOnSingleImages() throws Exception {
		final double[] a = quarters(1, 25); // 5x5
		final double[] b = quarters(2, 49); // 7x7
		final double[] c = wholes(3, 30, 255); // 6x5, 8-bit
		final K edge = new K(3, 3, -1, -1, -1, -1, 8, -1, -1, -1, -1);
		final K asym = new K(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		final K lap = new K(3, 3, 0, 1, 0, 1, -4, 1, 0, 1, 0);
		final K row = new K(3, 1, 1, 2, 1);
		final K tall = new K(1, 3, 1, -2, 3);
		final K sobelX = new K(3, 3, -1, 0, 1, -2, 0, 2, -1, 0, 1);
		final K gauss5 = new K(5, 5, 1, 4, 6, 4, 1, 4, 16, 24, 16, 4, 6, 24, 36, 24, 6, 4, 16, 24, 16, 4, 1, 4, 6, 4, 1)
			.divided(256);
		final K box = new K(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1).divided(9);
		final Map<String, Image> m = run(
			"fill('five.tif', '32-bit black', 5, 5, " + array(a) + ");",
			// the README's macro line, verbatim
			"run(\"Conv2D...\", \"kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] preset=[custom] stride=1 padding=1 border=zero dilation=1 bias=0 normalize stack\");",
			"dump('contract');",
			"selectImage('five.tif'); dump('five-after-contract');",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] preset=[custom] stride=1 padding=1 border=zero dilation=1 bias=0');",
			"dump('asym');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] padding=1 border=REPLICATE');",
			"dump('replicate');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] padding=2 border=Reflect');",
			"dump('reflect');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] padding=2 border=CIRCULAR bias=-1.5');",
			"dump('circular');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + row.macroText() + "] padding=2,0 normalize');",
			"dump('padxy');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + tall.macroText() + "]');",
			"dump('default-same');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[" + lap.macroText() + "] dilation=2 padding=same border=replicate');",
			"dump('dilated-same');",
			"selectImage('five.tif');",
			"run('Conv2D...', 'kernel=[1 2 3] preset=[SOBEL X]');",
			"dump('preset-replaces-kernel');",
			"selectImage('five.tif'); dump('five-after');",
			"fill('seven', '32-bit black', 7, 7, " + array(b) + ");",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] stride=2 padding=1 border=zero');",
			"dump('stride2');",
			"selectImage('seven');",
			"run('Conv2D...', 'preset=[Gaussian 5x5] stride=2 padding=0');",
			"dump('stride2-gauss5-valid');",
			"selectImage('seven');",
			"run('Conv2D...', 'kernel=[" + lap.macroText() + "] stride=3 padding=1 dilation=2 border=reflect');",
			"dump('stride3-dilated');",
			"selectImage('seven'); dump('seven-after');",
			"fill('bytes.png', '8-bit black', 6, 5, " + array(c) + ");",
			"run('Conv2D...', 'preset=[box BLUR] border=replicate');",
			"dump('bytes-box');",
			"selectImage('bytes.png'); dump('bytes-after');");

		final int[] size = new int[2];
		final List<Executable> checks = new ArrayList<>();
		checks.addAll(expect(get(m, "contract"), "README line on 5x5", "five-conv2d", 5, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, edge, 1, 1, 1, 1, "zero", 0, size)));
		checks.addAll(expect(get(m, "five-after-contract"), "source after the README line", "five.tif", 5, 5, 32, 1, () -> a));
		checks.addAll(expect(get(m, "asym"), "asymmetric kernel, not flipped", "five-conv2d", 5, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, asym, 1, 1, 1, 1, "zero", 0, size)));
		checks.addAll(expect(get(m, "replicate"), "border=REPLICATE", "five-conv2d", 5, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, asym, 1, 1, 1, 1, "replicate", 0, size)));
		checks.addAll(expect(get(m, "reflect"), "border=Reflect padding=2", "five-conv2d", 7, 7, 32, 1,
			() -> crossCorrelate(a, 5, 5, asym, 1, 2, 2, 1, "reflect", 0, size)));
		checks.addAll(expect(get(m, "circular"), "border=CIRCULAR padding=2 bias=-1.5", "five-conv2d", 7, 7, 32, 1,
			() -> crossCorrelate(a, 5, 5, asym, 1, 2, 2, 1, "circular", -1.5, size)));
		checks.addAll(expect(get(m, "padxy"), "padding=2,0 (x,y), 1x3 row kernel normalized", "five-conv2d", 7, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, row.divided(4), 1, 2, 0, 1, "zero", 0, size)));
		checks.addAll(expect(get(m, "default-same"), "3x1 column kernel, default padding same", "five-conv2d", 5, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, tall, 1, 0, 1, 1, "zero", 0, size)));
		checks.addAll(expect(get(m, "dilated-same"), "dilation=2 padding=same", "five-conv2d", 5, 5, 32, 1,
			() -> crossCorrelate(a, 5, 5, lap, 1, 2, 2, 2, "replicate", 0, size)));
		checks.addAll(expect(get(m, "preset-replaces-kernel"), "preset=[SOBEL X] replaces kernel=[1 2 3]", "five-conv2d", 5, 5,
			32, 1, () -> crossCorrelate(a, 5, 5, sobelX, 1, 1, 1, 1, "zero", 0, size)));
		checks.addAll(expect(get(m, "five-after"), "5x5 source after all runs", "five.tif", 5, 5, 32, 1, () -> a));
		// floor((7 + 2*1 - 1*(3-1) - 1) / 2) + 1 = 4
		checks.addAll(expect(get(m, "stride2"), "stride 2 padding 1 on 7x7", "seven-conv2d", 4, 4, 32, 1,
			() -> crossCorrelate(b, 7, 7, asym, 2, 1, 1, 1, "zero", 0, size)));
		// floor((7 + 0 - 4 - 1) / 2) + 1 = 2
		checks.addAll(expect(get(m, "stride2-gauss5-valid"), "gaussian 5x5 stride 2 padding 0 on 7x7", "seven-conv2d", 2, 2, 32,
			1, () -> crossCorrelate(b, 7, 7, gauss5, 2, 0, 0, 1, "zero", 0, size)));
		// floor((7 + 2 - 2*2 - 1) / 3) + 1 = 2
		checks.addAll(expect(get(m, "stride3-dilated"), "stride 3 dilation 2 reflect on 7x7", "seven-conv2d", 2, 2, 32, 1,
			() -> crossCorrelate(b, 7, 7, lap, 3, 1, 1, 2, "reflect", 0, size)));
		checks.addAll(expect(get(m, "seven-after"), "7x7 source after all runs", "seven", 7, 7, 32, 1, () -> b));
		checks.addAll(expect(get(m, "bytes-box"), "8-bit source, preset=[box BLUR]", "bytes-conv2d", 6, 5, 32, 1,
			() -> crossCorrelate(c, 6, 5, box, 1, 1, 1, 1, "replicate", 0, size)));
		checks.addAll(expect(get(m, "bytes-after"), "8-bit source after", "bytes.png", 6, 5, 8, 1, () -> c));
		assertAll("Conv2D on single images in a real ImageJ", checks);
	}

	/**
	 * A 3-slice 16-bit stack: {@code stack} convolves every slice into a 3-slice 32-bit result; without
	 * it only the current slice; the source stack is unchanged, and the result is the active image.
	 */
	@Test
	void conv2dOnAStack() throws Exception {
		final int w = 6, h = 5, n = 3;
		final double[] s = wholes(4, w * h * n, 1000);
		final K sharpen = new K(3, 3, 0, -1, 0, -1, 5, -1, 0, -1, 0);
		final K asym = new K(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		final Map<String, Image> m = run(
			"fill('stack.tif', '16-bit black', " + w + ", " + h + ", " + array(s) + ");",
			"setSlice(2);",
			"run('Conv2D...', 'kernel=[" + asym.macroText() + "] preset=[custom] stride=1 padding=1 border=zero dilation=1 bias=0.25 stack');",
			"dump('all');",
			"selectImage('stack.tif'); dump('source-after-all');",
			"print('current=' + getSliceNumber() + '|0|0|0|0|');",
			"run('Conv2D...', 'preset=[Sharpen] border=replicate');",
			"dump('current-only');",
			"selectImage('stack.tif'); dump('source-after');");

		final int[] size = new int[2];
		final List<Executable> checks = new ArrayList<>();
		checks.addAll(expect(get(m, "all"), "stack, 3 slices", "stack-conv2d", w, h, 32, n, () -> {
			final double[] e = new double[w * h * n];
			for (int z = 0; z < n; z++) {
				final double[] plane = new double[w * h];
				System.arraycopy(s, z * w * h, plane, 0, w * h);
				System.arraycopy(crossCorrelate(plane, w, h, asym, 1, 1, 1, 1, "zero", 0.25, size), 0, e, z * w * h, w * h);
			}
			return e;
		}));
		checks.addAll(expect(get(m, "source-after-all"), "source stack after 'stack'", "stack.tif", w, h, 16, n, () -> s));
		checks.add(() -> assertEquals("2", get(m, "current").title, "the source's current slice before the run without 'stack'"));
		final double[] slice2 = java.util.Arrays.copyOfRange(s, w * h, 2 * w * h);
		checks.addAll(expect(get(m, "current-only"), "no 'stack': current slice 2 only", "stack-conv2d", w, h, 32, 1,
			() -> crossCorrelate(slice2, w, h, sharpen, 1, 1, 1, 1, "replicate", 0, size)));
		checks.addAll(expect(get(m, "source-after"), "source stack after both runs", "stack.tif", w, h, 16, n, () -> s));
		assertAll("Conv2D on a stack in a real ImageJ", checks);
	}
}

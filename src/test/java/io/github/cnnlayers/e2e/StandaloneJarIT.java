package io.github.cnnlayers.e2e;

import io.github.cnnlayers.core.ConvWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * {@code CNN_Layers-<version>-standalone.jar}: the plugin with ImgLib2 inside, relocated under
 * {@code io.github.cnnlayers.shaded}, for plain ImageJ 1.x. Its content is checked, and it runs Conv2D,
 * ReLU and Max Pooling as the only file in {@code plugins/} of ImageJ 1.54p and of ImageJ 1.52i, and beside
 * an ImgLib2 jar in {@code plugins/jars/} as in Fiji.
 */
class StandaloneJarIT {

	private static final int W = 9, H = 8;

	private static final String MACRO = String.join("\n",
		"setBatchMode(true);",
		"newImage('in', '32-bit black', " + W + ", " + H + ", 1);",
		"for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) setPixel(x, y, 10 * sin(0.7 * x + 1.3 * y));",
		"run('Conv2D...', 'preset=edge');",
		"print('conv=' + getTitle());",
		"run('ReLU');",
		"run('Max Pooling...', 'size=2');",
		"print('title=' + getTitle());",
		"print('size=' + getWidth() + ' ' + getHeight() + ' ' + bitDepth() + ' ' + nSlices);",
		"s = ''; for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) s = s + d2s(getPixel(x, y), 6) + ' ';",
		"print('pooled=' + s);");

	/** Runs {@link #MACRO} and checks it against Conv2D (edge kernel, zero padding 1), ReLU, 2×2 max pooling here. */
	private static void layersGiveTheReferenceValues(final RealImageJ.Install install) throws Exception {
		final String out = RealImageJ.runMacro(install, MACRO, null, Duration.ofSeconds(120));
		final Map<String, String> m = new HashMap<>();
		for (final String line : out.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0)
				m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		assertEquals("in-conv2d", m.get("conv"), out);
		assertEquals("in-conv2d-maxpool", m.get("title"), out);
		assertEquals("4 4 32 1", m.get("size"), out);
		final double[] in = new double[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				in[y * W + x] = (float) (10 * Math.sin(0.7 * x + 1.3 * y));
		final double[] relu = new double[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				double sum = 0;
				for (int j = -1; j <= 1; j++)
					for (int i = -1; i <= 1; i++) {
						final int xi = x + i, yi = y + j;
						if (xi >= 0 && yi >= 0 && xi < W && yi < H)
							sum += (i == 0 && j == 0 ? 8 : -1) * in[yi * W + xi];
					}
				relu[y * W + x] = Math.max(0, sum);
			}
		final String[] pooled = m.get("pooled").split("\\s+");
		assertEquals(16, pooled.length, out);
		for (int y = 0; y < 4; y++)
			for (int x = 0; x < 4; x++) {
				final double max = Math.max(Math.max(relu[2 * y * W + 2 * x], relu[2 * y * W + 2 * x + 1]),
					Math.max(relu[(2 * y + 1) * W + 2 * x], relu[(2 * y + 1) * W + 2 * x + 1]));
				assertEquals(max, Double.parseDouble(pooled[y * 4 + x]), 1e-3, "(" + x + "," + y + ")\n" + out);
			}
	}

	private static Path standalone() {
		return RealImageJ.property("cnnlayers.standalone.jar");
	}

	@Test
	void aloneInImageJ154() throws Exception {
		layersGiveTheReferenceValues(RealImageJ.Install.of(RealImageJ.property("ij.jar"), Arrays.asList(standalone()),
			Collections.emptyList()));
	}

	@Test
	void aloneInImageJ152() throws Exception {
		layersGiveTheReferenceValues(RealImageJ.Install.of(RealImageJ.property("ij.old.jar"), Arrays.asList(standalone()),
			Collections.emptyList()));
	}

	/** As in a Fiji that ships ImgLib2: both copies on the plugin class path, no clash. */
	@Test
	void besideImgLib2InPluginsJars() throws Exception {
		layersGiveTheReferenceValues(RealImageJ.Install.of(RealImageJ.property("ij.jar"), Arrays.asList(standalone()),
			Arrays.asList(RealImageJ.property("imglib2.jar"))));
	}

	/**
	 * The learned layers from the standalone jar alone in ImageJ 1.52i: a Keras .h5 layer (read by the
	 * relocated jhdf, slf4j, commons-lang3 and compress-lzf) gives the result of the same weights written as
	 * a plain .npy (read without jhdf), channel by channel.
	 */
	@Test
	void kerasWeightsThroughTheRelocatedHdf5Reader() throws Exception {
		final Path h5 = java.nio.file.Paths.get(StandaloneJarIT.class.getResource("/fixtures/readers/keras2_weights.h5").toURI());
		final io.github.cnnlayers.core.ConvWeights w = io.github.cnnlayers.weights.WeightFile.convolution(h5, "conv2d_1", null);
		final Path dir = java.nio.file.Files.createTempDirectory("cnnlayers-standalone");
		final Path npy = dir.resolve("w.npy");
		final Path bias = dir.resolve("b.npy");
		writeNpy(npy, w.weights(), w.outChannels(), w.inChannelsPerGroup(), w.kernelHeight(), w.kernelWidth());
		writeNpy(bias, w.bias(), w.outChannels());
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"function sums() { s = ''; for (c = 1; c <= nSlices; c++) { setSlice(c); getStatistics(area, mean); s = s + d2s(mean, 6) + ' '; } return s; }",
			"newImage('two', '32-bit ramp', 12, 10, " + w.inChannelsPerGroup() + ");",
			"run('Stack to Hyperstack...', 'order=xyczt(default) channels=" + w.inChannelsPerGroup() + " slices=1 frames=1 display=Grayscale');",
			"id = getImageID();",
			"run('Conv2D...', 'weights=[" + h5 + "] tensor=conv2d_1 padding=same stack');",
			"print('h5=' + sums()); print('channels=' + nSlices);",
			"selectImage(id);",
			"run('Conv2D...', 'weights=[" + npy + "] biases=[" + bias + "] padding=same stack');",
			"print('npy=' + sums());");
		final String out = RealImageJ.runMacro(RealImageJ.Install.of(RealImageJ.property("ij.old.jar"), Arrays.asList(standalone()),
			Collections.emptyList()), macro, null, Duration.ofSeconds(120));
		final Map<String, String> m = new HashMap<>();
		for (final String line : out.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0)
				m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		assertEquals(String.valueOf(w.outChannels()), m.get("channels"), out);
		assertNotNull(m.get("h5"), out);
		assertEquals(w.outChannels(), m.get("h5").split("\\s+").length, out);
		assertEquals(m.get("npy"), m.get("h5"), out);
	}

	/** Writes a little-endian float32 C-order .npy file. */
	private static void writeNpy(final Path file, final float[] data, final int... shape) throws IOException {
		final StringBuilder dims = new StringBuilder();
		for (final int d : shape)
			dims.append(d).append(", ");
		final StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }");
		while ((10 + header.length() + 1) % 64 != 0)
			header.append(' ');
		header.append('\n');
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * data.length)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
		b.putShort((short) header.length()).put(header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		for (final float v : data)
			b.putFloat(v);
		java.nio.file.Files.write(file, b.array());
	}

	/** Names of class files that every class, relocated or not, must be under. */
	private static final Pattern OWN = Pattern.compile("^io/github/cnnlayers/(?!scijava/).*\\.class$");

	/** An ImgLib2 or SciJava class name in a class file that the relocation missed. */
	private static final Pattern UNRELOCATED = Pattern.compile("(?<!shaded[/.])(net[/.]imglib2[/.]|org[/.]scijava[/.])");

	@Test
	void holdsThePluginAndRelocatedLibrariesOnlyInJava8Bytecode() throws IOException {
		final Path jar = standalone();
		assertTrue(jar.getFileName().toString().matches("CNN_Layers-.+-standalone\\.jar"), jar.toString());
		final List<String> problems = new ArrayList<>();
		int imglib2 = 0;
		try (JarFile j = new JarFile(jar.toFile())) {
			assertNotNull(j.getEntry("plugins.config"), "plugins.config at the jar root");
			assertNotNull(j.getEntry("io/github/cnnlayers/plugins/Requirements.class"));
			assertFalse(j.getManifest().getMainAttributes().containsKey(new java.util.jar.Attributes.Name("Class-Path")),
				"no Class-Path to unrelocated jars");
			for (final Enumeration<? extends ZipEntry> e = j.entries(); e.hasMoreElements();) {
				final ZipEntry entry = e.nextElement();
				final String name = entry.getName();
				if (name.startsWith("META-INF/json/") || name.startsWith("META-INF/services/") && !name.contains("cnnlayers"))
					problems.add("SciJava index or unrelocated service: " + name);
				if (!name.endsWith(".class"))
					continue;
				if (!OWN.matcher(name).matches())
					problems.add("outside io/github/cnnlayers/ (missing relocation?) or SciJava facade: " + name);
				if (name.startsWith("io/github/cnnlayers/shaded/net/imglib2/"))
					imglib2++;
				final byte[] b = bytes(j.getInputStream(entry));
				final int major = (b[6] & 0xff) << 8 | b[7] & 0xff;
				if (major > 52)
					problems.add("class file version " + major + " (> Java 8): " + name);
				if (UNRELOCATED.matcher(new String(b, StandardCharsets.ISO_8859_1)).find())
					problems.add("refers to unrelocated ImgLib2 or SciJava: " + name);
			}
		}
		assertTrue(imglib2 > 500, "relocated ImgLib2 inside: " + imglib2 + " classes");
		assertEquals(Collections.emptyList(), problems);
	}

	private static byte[] bytes(final InputStream in) throws IOException {
		try (InputStream s = in) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			final byte[] b = new byte[8192];
			for (int n; (n = s.read(b)) > 0;)
				out.write(b, 0, n);
			return out.toByteArray();
		}
	}
}

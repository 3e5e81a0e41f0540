package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Shape;

/**
 * Bounded memory: in a JVM of its own with a 96 MB heap, a depth-3, 8-feature U-Net over a 768 x 768 8-bit image
 * (its whole-image plan holds well over 96 MB) is refused with tile=0 for memory, and completes with tile=auto in
 * tiles; the result equals the whole image's run here (in this JVM's larger heap) bit for bit.
 */
class TiledHeapTest {

	@TempDir
	Path dir;

	@Test
	void anImageThatDoesNotFitWholeCompletesInTilesWithTheWholeImagesValues() throws Exception {
		final NetworkModel model = TiledHeapMain.model();
		final Shape shape = new Shape(1, TiledHeapMain.SIDE, TiledHeapMain.SIDE);
		final long peak = model.network(shape).plan(Collections.singletonList(shape)).peakBytes();
		assertTrue(peak > 96L << 20, "the whole image's plan needs more than the child's heap: " + peak);
		final File result = dir.resolve("out.raw").toFile();
		final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		final Process p = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"), TiledHeapMain.class.getName(),
			result.toString()).redirectErrorStream(true).start();
		final byte[] buffer = new byte[1 << 16];
		int n = 0;
		for (int r; n < buffer.length && (r = p.getInputStream().read(buffer, n, buffer.length - n)) > 0;)
			n += r;
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the tiled run in a 96 MB heap did not end within 300 s");
		}
		final String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
		assertFalse(text.contains("OutOfMemoryError"), text);
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.contains("WHOLE: ") && text.contains(" of memory, but only "), "tile=0 refused for memory: " + text);
		assertTrue(text.contains("AUTO: ") && text.contains(" tiles of "), "tile=auto ran in tiles: " + text);

		final FeatureMaps in = FeatureMaps.zeros(shape);
		final byte[] px = (byte[]) TiledHeapMain.image().getProcessor().getPixels();
		for (int i = 0; i < px.length; i++)
			in.plane(0)[i] = px[i] & 0xff;
		final FeatureMaps expected = model.network(shape).run(Collections.singletonList(in), null).get("out");
		assertEquals(2L * 4 * shape.planeSize(), result.length());
		try (DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(new FileInputStream(result)))) {
			for (int c = 0; c < 2; c++) {
				final float[] actual = new float[shape.planeSize()];
				for (int i = 0; i < actual.length; i++)
					actual[i] = data.readFloat();
				assertArrayEquals(expected.plane(c), actual, "channel " + c);
			}
		}
	}
}

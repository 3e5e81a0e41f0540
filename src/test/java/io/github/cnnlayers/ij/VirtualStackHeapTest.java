package io.github.cnnlayers.ij;

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
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;

/**
 * A virtual stack is read one plane at a time: in a JVM of its own with a 100 MB heap, Run Network over a folder of
 * 224 TIFF planes of 256 x 256, 32-bit (56 MB, which with its 56 MB result would not fit in the heap), through a
 * depth-2 U-Net completes, and every plane of the result equals the network run on that plane alone in this JVM, bit
 * for bit.
 */
class VirtualStackHeapTest {

	private static final int SIDE = 256, PLANES = 224, HEAP_MB = 100;

	@TempDir
	Path dir;

	@Test
	void aVirtualStackLargerThanTheHeapLeavesIsRunPlaneByPlane() throws Exception {
		final long planeBytes = 4L * SIDE * SIDE;
		assertTrue(2 * PLANES * planeBytes > (long) HEAP_MB << 20, "the stack in memory and its result would not fit in the heap");
		final File planes = dir.resolve("planes").toFile();
		VirtualStackHeapMain.write(planes, SIDE, PLANES, 32);
		final File result = dir.resolve("out.raw").toFile();
		final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		final Process p = new ProcessBuilder(java, "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
			VirtualStackHeapMain.class.getName(), "run", planes.toString(), "2", "4", "auto", result.toString()).redirectErrorStream(true)
				.start();
		final byte[] buffer = new byte[1 << 16];
		int n = 0;
		for (int r; n < buffer.length && (r = p.getInputStream().read(buffer, n, buffer.length - n)) > 0;)
			n += r;
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the run in a " + HEAP_MB + " MB heap did not end within 300 s");
		}
		final String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
		assertFalse(text.contains("OutOfMemoryError"), text);
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.contains("VIRTUAL: true, " + PLANES + " planes"), text);
		assertTrue(text.contains("DONE: " + PLANES + " planes"), text);

		final Shape shape = new Shape(1, SIDE, SIDE);
		final Network network = VirtualStackHeapMain.model(2, 4).network(shape);
		assertEquals(PLANES * planeBytes, result.length());
		try (DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(new FileInputStream(result)))) {
			for (int z = 0; z < PLANES; z++) {
				final FeatureMaps in = new FeatureMaps(shape, new float[][] { (float[]) VirtualStackHeapMain.plane(z, SIDE, 32).getPixels() });
				final float[] expected = network.run(Collections.singletonList(in), null).get("out").plane(0);
				for (int i = 0; i < expected.length; i++) {
					final float actual = data.readFloat();
					if (Float.floatToIntBits(actual) != Float.floatToIntBits(expected[i]))
						throw new AssertionError("plane " + z + ", pixel " + i + ": " + actual + " != " + expected[i]);
				}
			}
		}
	}
}

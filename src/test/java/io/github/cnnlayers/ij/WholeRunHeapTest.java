package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * tile=0 is refused cleanly where it would run out of memory: in a JVM of its own with a 128 MB heap, a depth-3
 * U-Net over a 768 x 768 image (a 108 MB plan, which with its 4.5 MB result passed the plain check of 124 MB free and
 * then died of OutOfMemoryError, the garbage collector keeping its large planes in whole regions) is refused by the
 * run's memory rule ({@link HeapBudget#forRun}) with a message naming the memory needed and free and tile=auto /
 * tile=N; the source image is unchanged.
 */
class WholeRunHeapTest {

	@Test
	void tileZeroIsRefusedBeforeItRunsOutOfMemory() throws Exception {
		final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		final Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
			WholeRunHeapMain.class.getName(), "768").redirectErrorStream(true).start();
		final byte[] buffer = new byte[1 << 16];
		int n = 0;
		for (int r; n < buffer.length && (r = p.getInputStream().read(buffer, n, buffer.length - n)) > 0;)
			n += r;
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the run in a 128 MB heap did not end within 300 s");
		}
		final String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.contains("PLAN: 113255424"), "the plan the old check let through: " + text);
		assertFalse(text.contains("OUT OF MEMORY") || text.contains("OutOfMemoryError"), text);
		assertTrue(text.contains("WHOLE: The network's tensors (109 MB at most per sample"), text);
		assertTrue(text.contains(" need 221 MB of memory, but only "), "the plan twice and the result: " + text);
		assertTrue(text.contains(" are free;") && text.contains("(tile=auto or tile=N)"), text);
		assertTrue(text.contains("SOURCE UNCHANGED: true"), text);
	}
}

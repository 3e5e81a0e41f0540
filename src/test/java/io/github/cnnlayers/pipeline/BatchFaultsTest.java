package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/**
 * Faults that need a process of their own: the pipeline killed ({@code kill -9}) while it writes, and
 * a batch with an image too big for a small heap.
 */
class BatchFaultsTest {

	@TempDir
	Path dir;

	private static List<String> names(final Path folder) throws IOException {
		final List<String> names = new ArrayList<>();
		for (final Path p : TestImages.list(folder))
			names.add(p.getFileName().toString());
		return names;
	}

	@Test
	void killedWhileWritingLeavesNoPartialFileUnderAFinalNameAndARerunCompletes() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 16, 1);
		final int size = 6000; // 144 MB of 32-bit pixels: writing its ReLU takes a while
		TestImages.sparseFloatTiff(in.resolve("big.tif").toFile(), size, size);
		final Map<String, String> inputs = TestImages.digests(in);
		final Path out = dir.resolve("out");
		final Subprocess p = Subprocess.start(dir.resolve("logs"), Arrays.asList("-Xmx1g"), "--input", in.toString(), "--output",
			out.toString(), "ReLU");
		String temporary = null;
		final long deadline = System.nanoTime() + 120_000_000_000L;
		try {
			while (temporary == null && p.process.isAlive() && System.nanoTime() < deadline) {
				for (final String n : names(out))
					if (n.contains("big_relu")) // its temporary file (or, without atomic writes, the final file) is being written
						temporary = n;
				if (temporary == null)
					Thread.sleep(2);
			}
		}
		finally {
			p.kill(); // kill -9, while the big TIFF is being written
		}
		if (temporary == null)
			fail("never saw big_relu being written before the process ended or 120 s passed\n" + p);
		// every file under a final name is complete: it opens with its full pixel count
		for (final String n : names(out)) {
			if (n.startsWith(ImageFiles.TEMPORARY_PREFIX))
				continue; // a killed run may leave its temporary file, never a partial final one
			ImageFiles.checkTiffComplete(out.resolve(n).toFile());
			final ImagePlus imp = IJ.openImage(out.resolve(n).toString());
			assertNotNull(imp, n + " opens");
			if (n.startsWith("big_relu"))
				assertEquals((long) size * size, (long) imp.getWidth() * imp.getHeight(), n + " has its full pixel count");
			if (n.startsWith("a_relu"))
				assertEquals(16 * 16, imp.getWidth() * imp.getHeight(), n);
		}
		assertTrue(temporary.startsWith(ImageFiles.TEMPORARY_PREFIX), "written under a temporary name first: " + temporary);
		assertEquals(inputs, TestImages.digests(in), "inputs untouched");

		// a second run completes, and the inputs are still untouched
		final Subprocess again = Subprocess.start(dir.resolve("logs"), Arrays.asList("-Xmx1g"), "--input", in.toString(),
			"--output", out.toString(), "ReLU");
		assertEquals(0, again.waitFor(120), again.toString());
		final ImagePlus big = IJ.openImage(out.resolve("big_relu.tif").toString());
		assertEquals(size, big.getWidth());
		assertEquals(size, big.getHeight());
		assertTrue(names(out).containsAll(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif", "big_montage.png",
			"big_relu.png", "big_relu.tif")), names(out).toString());
		assertEquals(inputs, TestImages.digests(in), "the second run removed or changed no input");
	}

	@Test
	void anImageTooBigForTheHeapFailsWithAMemoryMessageAndTheBatchGoesOn() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 20, 1);
		TestImages.sparseFloatTiff(in.resolve("b_big.tif").toFile(), 8000, 8000); // 256 MB of pixels
		TestImages.smallTiff(in.resolve("c.tif").toFile(), 20, 3);
		final Path out = dir.resolve("out");
		final Subprocess p = Subprocess.start(dir.resolve("logs"), Arrays.asList("-Xmx256m"), "--input", in.toString(), "--output",
			out.toString(), "ReLU");
		final int code = p.waitFor(120);
		final String stdout = p.out();
		assertEquals(PipelineRunner.FAILED, code, p.toString());
		assertTrue(stdout.contains("[1/3] a.tif ... done in"), p.toString());
		final String failed = stdout.lines().filter(l -> l.startsWith("[2/3] b_big.tif ... FAILED: ")).findFirst().orElse(null);
		assertNotNull(failed, p.toString());
		assertTrue(failed.contains("out of memory (Java's maximum heap is "), failed);
		assertTrue(failed.contains(io.github.cnnlayers.ij.HeapBudget.HOW_TO_GIVE_MORE), failed);
		assertTrue(stdout.contains("[3/3] c.tif ... done in"), p.toString());
		assertTrue(stdout.contains("Wrote 6 files to "), "the summary\n" + p);
		assertTrue(p.err().contains("Error: 1 of 3 images failed (see above)."), p.toString());
		assertFalse(p.err().contains("OutOfMemoryError"), "no raw trace\n" + p);
		assertEquals(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif", "c_montage.png", "c_relu.png", "c_relu.tif"),
			names(out), "nothing of the big image, no temporary file");

		// far too big: refused before ImageJ's reader allocates, saying how much is needed and free
		final Subprocess small = Subprocess.start(dir.resolve("logs"), Arrays.asList("-Xmx128m"), "--input",
			in.resolve("b_big.tif").toString(), "--output", out.toString(), "ReLU");
		assertEquals(PipelineRunner.FAILED, small.waitFor(120), small.toString());
		assertTrue(small.err().matches("(?s)Error: cannot open " + java.util.regex.Pattern.quote(in.resolve("b_big.tif").toString()) +
			": its pixels need 245 MB, more than the \\d+ MB Java has free; out of memory \\(Java's maximum heap is \\d+ MB\\); " +
			"give ImageJ more memory.*"), small.toString());
	}

}

package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Outputs under faults, in-process: a really full disk (a tiny tmpfs), a truncated input TIFF, an
 * output folder that is the input folder, and the table of exit codes.
 */
class OutputSafetyTest {

	@TempDir
	Path dir;

	/** A folder with a small image, a 32-bit noise image (big outputs) and another small one. */
	private Path smallBigSmall() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 16, 1);
		TestImages.noiseTiff(in.resolve("b.tif").toFile(), 150, 2);
		TestImages.smallTiff(in.resolve("c.tif").toFile(), 16, 3);
		return in;
	}

	private static List<String> names(final Path folder) throws IOException {
		final List<String> names = new ArrayList<>();
		for (final Path p : TestImages.list(folder))
			names.add(p.getFileName().toString());
		return names;
	}

	private static void assertNoTemporaryFiles(final Path folder) throws IOException {
		for (final String n : names(folder))
			assertFalse(n.startsWith(ImageFiles.TEMPORARY_PREFIX), "leftover temporary file " + n);
	}

	@Test
	void aFullDiskFailsTheImageThatDoesNotFitLeavesOnlyCompleteFilesAndTheBatchGoesOn() throws Exception {
		final Path in = smallBigSmall();
		final Path reference = dir.resolve("reference");
		assertEquals(0, Run.of("--input", in.toString(), "--output", reference.toString(), "ReLU").code);
		try (TinyDisk disk = TinyDisk.mount(dir.resolve("full"), "100k")) {
			final Run r = Run.of("--input", in.toString(), "--output", disk.dir.toString(), "ReLU");
			assertEquals(PipelineRunner.FAILED, r.code, r.toString());
			assertTrue(r.out.contains("[1/3] a.tif ... done in"), r.out);
			assertTrue(r.out.contains("[2/3] b.tif ... FAILED: could not write " + disk.dir.resolve("b_relu")), r.out);
			assertTrue(r.out.contains("No space left on device"), r.out);
			assertTrue(r.out.contains("[3/3] c.tif ... done in"), "the space of b's discarded files is free again\n" + r.out);
			assertTrue(r.err.contains("1 of 3 images failed"), r.err);
			// every file under a final name is complete: byte for byte what a run on a roomy disk writes
			final List<String> present = names(disk.dir);
			assertEquals(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif", "c_montage.png", "c_relu.png", "c_relu.tif"),
				present, "b's files all or nothing: none");
			final Map<String, String> expected = TestImages.digests(reference);
			for (final String n : present) {
				assertEquals(expected.get(n), TestImages.sha256(disk.dir.resolve(n)), n + " complete");
				assertNotNull(IJ.openImage(disk.dir.resolve(n).toString()), n + " opens");
			}
			assertNoTemporaryFiles(disk.dir);
		}
	}

	@Test
	void aFullDiskOnASingleImageExitsWithFailureAndLeavesNothing() throws Exception {
		try (TinyDisk disk = TinyDisk.mount(dir.resolve("full"), "100k")) {
			final Run r = Run.of("--output", disk.dir.toString()); // the demo on cell.png: a 1.4 MB TIFF first
			assertEquals(PipelineRunner.FAILED, r.code, r.toString());
			assertTrue(r.err.startsWith("Error: could not write " + disk.dir.resolve("cell_conv2d.tif") + ": No space left on device"),
				r.err);
			assertFalse(r.out.contains("Done"), r.out);
			assertEquals(Arrays.asList(), names(disk.dir), "nothing partial, nothing temporary");
		}
	}

	@Test
	void aTruncatedInputTiffFailsWithTheReasonAndTheOthersAreDone() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 20, 1);
		final Path whole = TestImages.noiseTiff(dir.resolve("whole.tif").toFile(), 64, 2).toPath();
		final byte[] bytes = Files.readAllBytes(whole);
		Files.write(in.resolve("b_cut.tif"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
		TestImages.smallTiff(in.resolve("c.tif").toFile(), 20, 3);
		final Path out = dir.resolve("out");
		final Run r = Run.of("--input", in.toString(), "--output", out.toString(), "ReLU");
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertTrue(r.out.contains("[1/3] a.tif ... done in"), r.out);
		assertTrue(r.out.contains("[2/3] b_cut.tif ... FAILED: " + in.resolve("b_cut.tif") + " is truncated: its pixel data needs "),
			r.out);
		assertTrue(r.out.contains("[3/3] c.tif ... done in"), r.out);
		assertTrue(r.out.contains("Wrote 6 files to "), "the summary\n" + r.out);
		assertTrue(r.err.contains("Error: 1 of 3 images failed (see above)."), r.err);
		for (final String n : names(out))
			assertFalse(n.startsWith("b_cut"), "nothing written for the truncated image: " + n);
	}

	@Test
	void anOutputOverAnInputIsRefusedBeforeAnythingIsWritten() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 20, 1);
		TestImages.smallTiff(in.resolve("a_relu.tif").toFile(), 20, 2); // the user's own file, which ReLU of a.tif would replace
		final Map<String, String> before = TestImages.digests(in);
		final Run r = Run.of("--input", in.toString(), "--output", in.toString(), "ReLU");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code, r.toString());
		assertTrue(r.err.startsWith("Error: the output " + in.resolve("a_relu.tif") + " of a.tif would overwrite the input " +
			in.resolve("a_relu.tif") + "; inputs are never overwritten"), r.err);
		assertEquals("", r.out, "nothing started");
		assertEquals(before, TestImages.digests(in), "every input byte-identical, nothing written");
	}

	@Test
	void anOutputFolderThatIsTheInputFolderTakesOnlyTheImagesThatWereThereBefore() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TestImages.smallTiff(in.resolve("a.tif").toFile(), 20, 1);
		TestImages.smallTiff(in.resolve("b.tif").toFile(), 20, 2);
		final Map<String, String> before = TestImages.digests(in);
		final Run r = Run.of("--input", in.toString(), "--output", in.toString(), "ReLU");
		assertEquals(0, r.code, r.toString());
		// a_relu.tif etc. appear before b.tif is processed; the list of inputs was made before the first write
		assertTrue(r.out.contains("Input:  folder " + in.toAbsolutePath() + ": 2 images"), r.out);
		assertTrue(r.out.contains("[1/2] a.tif ... done in"), r.out);
		assertTrue(r.out.contains("[2/2] b.tif ... done in"), r.out);
		assertFalse(r.out.contains("_relu.tif ..."), "an output processed as an input\n" + r.out);
		assertTrue(r.out.contains("Done: 2 images"), r.out);
		assertEquals(Arrays.asList("a.tif", "a_montage.png", "a_relu.png", "a_relu.tif", "b.tif", "b_montage.png", "b_relu.png",
			"b_relu.tif"), names(in), "outputs beside the inputs");
		for (final Map.Entry<String, String> e : before.entrySet())
			assertEquals(e.getValue(), TestImages.sha256(in.resolve(e.getKey())), e.getKey() + " unchanged");
		final ImagePlus relu = IJ.openImage(in.resolve("a_relu.tif").toString());
		assertArrayEquals((byte[]) IJ.openImage(in.resolve("a.tif").toString()).getProcessor().getPixels(),
			(byte[]) relu.getProcessor().getPixels(), "ReLU leaves an 8-bit image as it is");
		// running again in the same folder would now write over its own earlier outputs, which are inputs now
		final Run again = Run.of("--input", in.toString(), "--output", in.toString(), "ReLU");
		assertEquals(PipelineRunner.USAGE_ERROR, again.code, again.toString());
		assertTrue(again.err.contains("would overwrite the input " + in.resolve("a_relu.tif")), again.err);
	}

	@Test
	void exitCodesAreTheDocumentedTable() throws IOException {
		final Path good = TestImages.smallTiff(dir.resolve("good.tif").toFile(), 20, 1).toPath();
		final Path bad = dir.resolve("bad.tif");
		Files.write(bad, "not a TIFF".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		final Path out = dir.resolve("out");

		final Run done = Run.of("--input", good.toString(), "--output", out.toString(), "ReLU");
		assertEquals(0, done.code, "0: done\n" + done);

		final Run unreadable = Run.of("--input", bad.toString(), "--output", out.toString(), "ReLU");
		assertEquals(1, unreadable.code, "1: an image could not be read, processed or written\n" + unreadable);
		assertEquals(PipelineRunner.FAILED, 1);

		final Run missing = Run.of("--input", dir.resolve("missing.tif").toString(), "--output", out.toString(), "ReLU");
		assertEquals(2, missing.code, "2: input not found is a bad command line, not an unreadable image\n" + missing);
		assertEquals(PipelineRunner.USAGE_ERROR, 2);
		assertTrue(missing.err.startsWith("Error: input not found: "), missing.err);

		assertTrue(PipelineRunner.USAGE.contains("Exit codes: 0 done; 1 an image could not be read, processed or written " +
			"(the others go on);\n2 bad command line, input not found, or an output that would overwrite an input (nothing written)."),
			"--help states the same table");
	}
}

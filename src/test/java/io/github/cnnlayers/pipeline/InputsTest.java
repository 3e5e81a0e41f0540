package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line takes as input, and what it says about what it leaves out (issue 20 items 8
 * and 10): an input given twice is run once, entries of a folder that look like images and are left
 * out are named with the reason, and unreadable inputs and outputs get our message alone.
 */
class InputsTest {

	@TempDir
	Path dir;

	private File out() {
		return dir.resolve("out").toFile();
	}

	private int outputs() {
		final String[] names = out().list();
		return names == null ? 0 : names.length;
	}

	@Test
	void aFileGivenTwiceIsRunOnceAndTheLogSaysSo() {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		final File a = TestImages.smallTiff(new File(in, "a.tif"), 8, 1);
		final String same = in.getPath() + File.separator + "." + File.separator + ".." + File.separator + "in" + File.separator + "a.tif";
		final Run r = Run.of("--input", a.getPath(), "--input", same, "--input", in.getPath(), "--output", out().getPath(), "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Input " + a.getAbsolutePath() + " is given 3 times; it is run once"), r.out);
		assertTrue(r.out.contains("[1/1] "), r.out);
		assertFalse(r.out.contains("[2/"), r.out);
		assertEquals(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif"), sortedOutputs());
	}

	@Test
	void twoFilesOfOneNameFromTwoFoldersAreNamedApart() {
		final File x = dir.resolve("x").toFile();
		final File y = dir.resolve("y").toFile();
		assertTrue(x.mkdir() && y.mkdir());
		TestImages.smallTiff(new File(x, "a.tif"), 8, 1);
		TestImages.smallTiff(new File(y, "a.tif"), 8, 2);
		final Run r = Run.of("--input", x.getPath(), "--input", y.getPath(), "--output", out().getPath(), "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Input:  2 inputs: 2 images"), r.out);
		assertEquals(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif", "a_tif_montage.png", "a_tif_relu.png", "a_tif_relu.tif"),
			sortedOutputs());
	}

	private java.util.List<String> sortedOutputs() {
		final java.util.List<String> names = Arrays.asList(out().list());
		Collections.sort(names);
		return names;
	}

	@Test
	void hiddenImagesAndDanglingLinksInAFolderAreNamedWithTheReason() throws IOException {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		TestImages.smallTiff(new File(in, "a.tif"), 8, 1);
		TestImages.smallTiff(new File(in, ".x.tif"), 8, 2);
		Files.createSymbolicLink(new File(in, "b.tif").toPath(), dir.resolve("gone.tif"));
		assertTrue(new File(in, "c.tif").mkdir());
		Files.write(new File(in, "notes.txt").toPath(), "no image".getBytes(StandardCharsets.UTF_8));
		final Run r = Run.of("--input", in.getPath(), "--output", out().getPath(), "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Skipped: " + new File(in, ".x.tif").getPath() + ": a hidden file (its name starts with a dot)\n"), r.out);
		assertTrue(r.out.contains("Skipped: " + new File(in, "b.tif").getPath() + ": a link to a file that does not exist\n"), r.out);
		assertTrue(r.out.contains("Skipped: " + new File(in, "c.tif").getPath() + ": not a regular file (a folder, pipe or device)\n"), r.out);
		assertFalse(r.out.contains("notes.txt"), "a file that does not look like an image is not mentioned\n" + r.out);
		assertTrue(r.out.contains(": 1 image\n"), r.out);
		assertEquals(3, outputs());
	}

	@Test
	void anOutputFolderThatCannotBeCreatedSaysWhichAndWhy() throws IOException {
		final File file = dir.resolve("plain.txt").toFile();
		Files.write(file.toPath(), "x".getBytes(StandardCharsets.UTF_8));
		final Run r = Run.of("--output", new File(file, "sub").getPath(), "ReLU");
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertEquals("Error: cannot create the output folder " + new File(file, "sub").getAbsolutePath() + ": " + file.getAbsolutePath() +
			" exists and is not a folder; give a folder you may write with --output\n", r.err);
		assumeTrue(new File("/proc/self").exists(), "a Linux /proc");
		final Run proc = Run.of("--output", "/proc/foo", "ReLU");
		assertEquals(PipelineRunner.FAILED, proc.code, proc.toString());
		assertEquals("Error: cannot create the output folder /proc/foo: the folder /proc does not allow new folders (a read-only or " +
			"virtual filesystem?); give a folder you may write with --output\n", proc.err);
	}

	@Test
	void anEmptyOrUnknownInputGetsOurMessageAloneNotImageJsLine() throws Exception {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		Files.write(new File(in, "empty.tif").toPath(), new byte[0]);
		Files.write(new File(in, "junk.png").toPath(), "not a PNG".getBytes(StandardCharsets.UTF_8));
		TestImages.smallTiff(new File(in, "ok.tif"), 8, 1);
		final Subprocess p = Subprocess.start(dir.resolve("logs"), Collections.singletonList("-Xmx256m"), "--input", in.getPath(),
			"--output", out().getPath(), "ReLU");
		assertEquals(PipelineRunner.FAILED, p.waitFor(120), p.toString());
		final String all = p.out() + p.err();
		assertFalse(all.contains("Unsupported format"), all);
		assertTrue(p.out().contains("[1/3] empty.tif ... FAILED: cannot open " + new File(in, "empty.tif").getPath() +
			": the file is empty (0 bytes)\n"), all);
		assertTrue(p.out().contains("[2/3] junk.png ... FAILED: cannot open " + new File(in, "junk.png").getPath() +
			": not an image ImageJ can read (unknown format; allowed: "), all);
		assertTrue(p.out().contains("[3/3] ok.tif ... done"), all);
	}
}

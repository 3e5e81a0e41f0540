package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

/** One image into a folder: the command line's files, byte for byte; all or nothing; the command line's names. */
class ImageJobTest {

	@TempDir
	Path dir;

	private static final String[] STEPS = { "Conv2D... preset=[sobel x] stride=2", "Leaky ReLU... alpha=0.1", "Max Pooling... size=2" };

	@Test
	void writesTheCommandLinesFilesInItsOrder() throws IOException {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		final ShortProcessor sp = new ShortProcessor(30, 22);
		final Random rnd = new Random(3);
		for (int i = 0; i < 30 * 22; i++)
			sp.set(i, rnd.nextInt(4096));
		final File image = new File(in, "a.tif");
		assertTrue(new FileSaver(new ImagePlus("a", sp)).saveAsTiff(image.getPath()));
		final File cli = dir.resolve("cli").toFile();
		final List<String> args = new ArrayList<>(Arrays.asList("--input", in.getPath(), "--output", cli.getPath()));
		args.addAll(Arrays.asList(STEPS));
		assertEquals(0, Run.of(args.toArray(new String[0])).code);

		final Pipeline pipeline = Pipeline.parse(STEPS);
		final File out = dir.resolve("job").toFile();
		final ImageJob.Outcome o = ImageJob.run(pipeline, image, "a", out);
		assertTrue(o.ok(), o.error());
		assertNull(o.error());
		final List<String> names = new ArrayList<>();
		for (final File f : o.files())
			names.add(f.getName());
		assertEquals(ImageJob.outputFileNames(pipeline, "a"), names);
		assertEquals(7, names.size());
		final String[] cliFiles = cli.list();
		Arrays.sort(cliFiles);
		final List<String> sorted = new ArrayList<>(names);
		sorted.sort(null);
		assertEquals(Arrays.asList(cliFiles), sorted);
		for (final String n : names)
			assertArrayEquals(Files.readAllBytes(new File(cli, n).toPath()), Files.readAllBytes(new File(out, n).toPath()), n);
	}

	@Test
	void aFailureLeavesNoFilesAndTheCommandLinesMessage() throws IOException {
		final File image = dir.resolve("tiny.tif").toFile();
		assertTrue(new FileSaver(new ImagePlus("tiny", new ShortProcessor(3, 3))).saveAsTiff(image.getPath()));
		final File out = dir.resolve("job").toFile();
		final ImageJob.Outcome o = ImageJob.run(Pipeline.parse("Conv2D... preset=[sobel x]", "Max Pooling... size=4"), image, "tiny", out);
		assertFalse(o.ok());
		assertTrue(o.error().startsWith("Step 2 (Max Pooling...): on tiny_conv2d (3x3): "), o.error());
		assertTrue(o.files().isEmpty());
		assertEquals(0, out.list().length, "the conv2d files written before the failure are gone");

		final Pipeline relu = Pipeline.parse("ReLU");
		final ImageJob.Outcome refused = ImageJob.run(() -> ImageFiles.open(image), Arrays.asList(relu), Arrays.asList(OutputNames.of(relu,
			"tiny")), new OutputFolder(out), imp -> {
				throw new IOException("no room for " + imp.getWidth() + "x" + imp.getHeight());
			});
		assertEquals("no room for 3x3", refused.error());
		assertEquals(0, out.list().length);
	}

	@Test
	void namesAsTheCommandLinesFolderBatch() {
		assertEquals(Arrays.asList("a", "a_tif", "b", "b_png", "b_png_2", "c"), ImageJob.inputNames(Arrays.asList("a.png", "a.tif", "b.png",
			"b.png", "b.png", "c")));
		assertTrue(ImageJob.isImageFileName("x.TIF"));
		assertFalse(ImageJob.isImageFileName(".x.tif"));
		assertFalse(ImageJob.isImageFileName("notes.txt"));
	}

	@Test
	void theOverwriteCheckComparesPathsByTheRunnersKeyAndNamesBoth() {
		final Pipeline relu = Pipeline.parse("ReLU");
		final List<List<OutputNames>> names = new ArrayList<>();
		for (final OutputNames n : OutputNames.plan(Arrays.asList("cell", "A", "a_relu"), relu))
			names.add(Arrays.asList(n));
		final List<String> inputs = Arrays.asList(null, "/in/A.tif", "/in/a_relu.tif");
		final List<String> labels = Arrays.asList("cell.png (embedded sample)", "A.tif", "a_relu.tif");
		assertNull(ImageJob.overwrittenInput(inputs, labels, names, f -> "/out/" + f, p -> p), "another folder");
		assertNull(ImageJob.overwrittenInput(inputs, labels, names, f -> "/in/" + f, p -> p), "compared as given, /in/a_relu.tif is no output");
		assertEquals("the output /in/A_relu.tif of A.tif would overwrite the input /in/a_relu.tif; inputs are never overwritten: " +
			"choose another --output folder", ImageJob.overwrittenInput(inputs, labels, names, f -> "/in/" + f,
				p -> p.toLowerCase(java.util.Locale.ROOT)));
	}
}

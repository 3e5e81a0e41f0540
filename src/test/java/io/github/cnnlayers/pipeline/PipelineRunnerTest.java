package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** The command line: custom steps, batch folders, and clear errors with the right exit codes. */
class PipelineRunnerTest {

	@TempDir
	Path dir;

	private File out() {
		return dir.resolve("out").toFile();
	}

	private String[] files() {
		final String[] names = out().list();
		if (names == null)
			return new String[0];
		Arrays.sort(names);
		return names;
	}

	/** A folder with two small images (8-bit PNG, calibrated 16-bit TIFF) and a file that is no image. */
	private File folderOfTwoImages() throws IOException {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		final Random rnd = new Random(42);
		final ByteProcessor bp = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++)
			bp.set(i, rnd.nextInt(256));
		assertTrue(new FileSaver(new ImagePlus("b", bp)).saveAsPng(new File(in, "b.png").getPath()));
		final ShortProcessor sp = new ShortProcessor(24, 20);
		for (int i = 0; i < 24 * 20; i++)
			sp.set(i, rnd.nextInt(4096));
		final ImagePlus a = new ImagePlus("a", sp);
		final Calibration cal = a.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("micron");
		assertTrue(new FileSaver(a).saveAsTiff(new File(in, "a.tif").getPath()));
		Files.write(new File(in, "notes.txt").toPath(), "not an image".getBytes(StandardCharsets.UTF_8));
		assertTrue(new File(in, "sub").mkdir());
		return in;
	}

	@Test
	void batchOnAFolderRunsEveryImageInNameOrderWithAProgressLine() throws IOException {
		final File in = folderOfTwoImages();
		final Run r = Run.of("--input", in.getPath(), "--output", out().getPath(), "--step", "Conv2D... preset=[sobel x] stride=2",
			"--step", "Leaky ReLU... alpha=0.1", "--step", "Max Pooling... size=2");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Input:  folder " + in.getAbsolutePath() + ": 2 images"), r.out);
		assertTrue(r.out.matches("(?s).*\n\\[1/2\\] a\\.tif \\.\\.\\. done in \\d+ ms \\(24x20 16-bit; conv2d \\d+ ms, leakyrelu \\d+ ms, " +
			"maxpooling \\d+ ms; 7 files\\)\n\\[2/2\\] b\\.png \\.\\.\\. done in \\d+ ms .*"), r.out);
		assertTrue(r.out.contains("Done: 2 images in"), r.out);
		assertEquals(Arrays.asList("a_conv2d.png", "a_conv2d.tif", "a_conv2d_leakyrelu.png", "a_conv2d_leakyrelu.tif",
			"a_conv2d_leakyrelu_maxpooling.png", "a_conv2d_leakyrelu_maxpooling.tif", "a_montage.png",
			"b_conv2d.png", "b_conv2d.tif", "b_conv2d_leakyrelu.png", "b_conv2d_leakyrelu.tif",
			"b_conv2d_leakyrelu_maxpooling.png", "b_conv2d_leakyrelu_maxpooling.tif", "b_montage.png"), Arrays.asList(files()));
		final ImagePlus a = IJ.openImage(new File(out(), "a_conv2d_leakyrelu_maxpooling.tif").getPath());
		assertEquals(6, a.getWidth(), "24 -> conv stride 2 -> 12 -> pool 2 -> 6");
		assertEquals(5, a.getHeight());
		assertEquals(32, a.getBitDepth());
		assertEquals(2.0, a.getCalibration().pixelWidth, 1e-9, "0.5 x stride 2 x pool 2");
		assertEquals("micron", a.getCalibration().getUnit(), "the unit of the input, as ImageJ reads it");
		final ImagePlus b = IJ.openImage(new File(out(), "b_conv2d.tif").getPath());
		assertEquals(20, b.getWidth());
		assertEquals(15, b.getHeight());
		assertEquals("pixel", b.getCalibration().getUnit(), "uncalibrated input");
		assertEquals(2.0, b.getCalibration().pixelWidth, 1e-9, "one output pixel spans two input pixels");
	}

	@Test
	void batchGoesOnAfterABadImageAndFailsAtTheEnd() throws IOException {
		final File in = folderOfTwoImages();
		Files.write(new File(in, "a_broken.png").toPath(), "no PNG".getBytes(StandardCharsets.UTF_8));
		final Run r = Run.of("--input", in.getPath(), "--output", out().getPath(), "ReLU");
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertTrue(r.out.contains("[2/3] a_broken.png ... FAILED: cannot open "), r.out);
		assertTrue(r.out.contains("[1/3] a.tif ... done in"), r.out);
		assertTrue(r.out.contains("note: step 1: ReLU left the 16-bit image unchanged"), r.out);
		assertTrue(r.out.contains("[3/3] b.png ... done in"), r.out);
		assertTrue(r.err.contains("1 of 3 images failed"), r.err);
		assertTrue(new File(out(), "b_relu.tif").isFile());
	}

	@Test
	void customStepsOnOneFileWriteEveryStepsResult() throws IOException {
		final File in = folderOfTwoImages();
		final Run r = Run.of("-i", new File(in, "b.png").getPath(), "-o", out().getPath(), "Conv2D... preset=[gaussian 3x3]",
			"Average Pooling... size=2");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Pipeline: 2 steps, each on the previous result"), r.out);
		assertTrue(r.out.contains("  2. Average Pooling... size=2\n       average, size 2, stride 2, padding 0, floor, padded pixels not counted"), r.out);
		assertEquals(Arrays.asList("b_conv2d.png", "b_conv2d.tif", "b_conv2d_avgpooling.png", "b_conv2d_avgpooling.tif",
			"b_montage.png"), Arrays.asList(files()));
	}

	@Test
	void anActivationThatChangesNothingIsReportedAsANote() throws IOException {
		final File in = folderOfTwoImages();
		final Run r = Run.of("--input", new File(in, "b.png").getPath(), "--output", out().getPath(), "--step", "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("note: ReLU left the 8-bit image unchanged"), r.out);
	}

	@Test
	void rgbSampleGivesThreeChannelFeatureMapsAndColourViews() {
		final Run r = Run.of("--sample", "ihc", "--output", out().getPath(), "Conv2D... preset=[box blur] stride=4", "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("ihc.png (embedded sample): 512 x 512 pixels, RGB, 1 plane, uncalibrated"), r.out);
		final ImagePlus conv = IJ.openImage(new File(out(), "ihc_conv2d_relu.tif").getPath());
		assertEquals(128, conv.getWidth());
		assertEquals(3, conv.getNChannels());
		assertEquals(32, conv.getBitDepth());
		final ImagePlus png = IJ.openImage(new File(out(), "ihc_conv2d_relu.png").getPath());
		assertEquals(24, png.getBitDepth(), "the three channels merged back into colour");
	}

	@Test
	void unknownStepExitsWithUsageErrorAndWritesNothing() {
		final Run r = Run.of("--output", out().getPath(), "--step", "Conv2D...", "--step", "Softmax3D");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code, r.toString());
		assertTrue(r.err.startsWith("Error: Step 2: unknown command in \"Softmax3D\"; known commands: \"Conv2D...\", \"Batch Norm...\", \"ReLU\", " +
			"\"Leaky ReLU...\", \"Sigmoid\", \"Tanh\", \"Max Pooling...\", \"Average Pooling...\", \"Min Pooling...\""), r.err);
		assertTrue(r.err.contains("Run with --help"), r.err);
		assertEquals("", r.out);
		assertFalse(out().exists(), "nothing written");
	}

	@Test
	void badOptionExitsWithThePluginsMessage() {
		final Run r = Run.of("--output", out().getPath(), "Conv2D... border=mirror");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code, r.toString());
		assertTrue(r.err.startsWith("Error: Step 1 (Conv2D...): Unknown border \"mirror\"; allowed: zero, replicate, reflect, circular"),
			r.err);
	}

	@Test
	void badCommandLinesExitWithUsageError() throws IOException {
		Run r = Run.of("--input", dir.resolve("missing.tif").toString());
		assertEquals(PipelineRunner.USAGE_ERROR, r.code);
		assertTrue(r.err.startsWith("Error: input not found: " + dir.resolve("missing.tif").toFile().getAbsolutePath()), r.err);
		r = Run.of("--colour");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code);
		assertTrue(r.err.startsWith("Error: unknown option \"--colour\""), r.err);
		r = Run.of("--output");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code);
		assertTrue(r.err.startsWith("Error: --output needs a value"), r.err);
		r = Run.of("--sample", "lena");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code);
		assertTrue(r.err.startsWith("Error: Unknown sample \"lena\"; known samples: cell, ihc"), r.err);
		final File empty = dir.resolve("empty").toFile();
		assertTrue(empty.mkdir());
		r = Run.of("--input", empty.getPath());
		assertEquals(PipelineRunner.USAGE_ERROR, r.code);
		assertTrue(r.err.startsWith("Error: no image files in folder"), r.err);
	}

	@Test
	void unreadableImageExitsWithFailure() throws IOException {
		final File bad = dir.resolve("bad.tif").toFile();
		Files.write(bad.toPath(), "not a TIFF".getBytes(StandardCharsets.UTF_8));
		final Run r = Run.of("--input", bad.getPath(), "--output", out().getPath());
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertTrue(r.err.startsWith("Error: cannot open " + bad.getPath()), r.err);
	}

	@Test
	void outputThatIsAFileExitsWithFailure() throws IOException {
		final File f = dir.resolve("file").toFile();
		Files.write(f.toPath(), new byte[1]);
		final Run r = Run.of("--output", f.getPath());
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertTrue(r.err.contains("exists and is not a folder"), r.err);
	}

	@Test
	void helpPrintsTheUsage() {
		final Run r = Run.of("--help");
		assertEquals(0, r.code);
		assertTrue(r.out.startsWith("Usage: java -cp <classpath> io.github.cnnlayers.pipeline.PipelineRunner"), r.out);
		assertTrue(r.out.contains("\"Average Pooling...\""), r.out);
	}

	@Test
	void samplesOpenCalibratedFromTheJar() {
		final ImagePlus cell = Samples.image("cell");
		assertEquals("cell.png", cell.getTitle());
		assertEquals(550, cell.getWidth());
		assertEquals(660, cell.getHeight());
		assertEquals(8, cell.getBitDepth());
		assertEquals(0.107, cell.getCalibration().pixelWidth, 0);
		assertEquals(0.107, cell.getCalibration().pixelHeight, 0);
		assertEquals("\u00b5m", cell.getCalibration().getUnit());
		final ImagePlus ihc = Samples.image("IHC.png");
		assertEquals(24, ihc.getBitDepth());
		assertEquals(512, ihc.getWidth());
		assertFalse(ihc.getCalibration().scaled());
		assertNotNull(Samples.class.getResource("/samples/PROVENANCE.md"));
	}

	@Test
	void montageLabelsArePainted() {
		final ByteProcessor gray = new ByteProcessor(50, 40);
		gray.setColor(128);
		gray.fill();
		final Montage m = new Montage().add(gray, "first", "50x40").add(gray.resize(25, 20), "second");
		final ij.process.ColorProcessor cp = m.build();
		assertEquals(null, m.warning());
		assertEquals(40 + 10 + 2 * 18 + 4 + 10, cp.getHeight(), "margins, two label lines, panels at 40 pixels");
		int dark = 0;
		for (int y = 0; y < 10 + 2 * 18; y++)
			for (int x = 0; x < cp.getWidth(); x++)
				if ((cp.get(x, y) & 0xff) < 100)
					dark++;
		assertTrue(dark > 30, "label text drawn: " + dark + " dark pixels");
	}
}

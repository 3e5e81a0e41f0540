package io.github.cnnlayers.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.pipeline.PipelineRunner;

/**
 * The Spark job's outputs (issue 20 items 2, 6, 8, local mode): no two results share a file, a re-run
 * whose steps or weights differ refuses instead of skipping stale files, and an input listed twice is
 * run once.
 */
class SparkOutputsTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void startSpark() {
		System.setProperty("java.awt.headless", "true");
		SparkPipelineTest.sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkOutputsTest")
			.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
			.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
		SparkPipelineTest.sc.setLogLevel("ERROR");
	}

	@AfterAll
	static void stopSpark() {
		if (SparkPipelineTest.sc != null)
			SparkPipelineTest.sc.stop();
		SparkPipelineTest.sc = null;
	}

	/** A folder with a 32-bit 4x2 TIFF a.tif: -10 on the left half, 10 on the right. */
	private File signedImage() {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdirs());
		final FloatProcessor fp = new FloatProcessor(4, 2, new float[] { -10, -10, 10, 10, -10, -10, 10, 10 });
		assertTrue(new FileSaver(new ImagePlus("a", fp)).saveAsTiff(new File(in, "a.tif").getPath()));
		return in;
	}

	private static float pixel(final File file) {
		final ImagePlus imp = IJ.openImage(file.getPath());
		assertTrue(imp != null, file + " opens");
		return imp.getProcessor().getf(0, 0);
	}

	/** Writes a little-endian float32 C-order .npy file. */
	static void npy(final File file, final float[] data, final int... shape) throws IOException {
		final StringBuilder dims = new StringBuilder();
		for (final int d : shape)
			dims.append(d).append(", ");
		final StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }");
		while ((10 + header.length() + 1) % 64 != 0)
			header.append(' ');
		header.append('\n');
		final ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
		b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
		for (final float v : data)
			b.putFloat(v);
		Files.write(file.toPath(), b.array());
	}

	@Test
	void twoBranchesOfOneCommandKeepBothResultsAndTheManifestListsEachFileOnce() throws IOException {
		final File in = signedImage();
		final File out = dir.resolve("out").toFile();
		final SparkPipelineTest.Result r = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), "--step",
			"Leaky ReLU... alpha=0.1", "--step", "@0 Leaky ReLU... alpha=0.5");
		assertEquals(0, r.code, r.toString());
		assertEquals(-1f, pixel(new File(out, "a_leakyrelu_step1.tif")), 1e-6f);
		assertEquals(-5f, pixel(new File(out, "a_leakyrelu_step2.tif")), 1e-6f);
		final String[] row = SparkPipelineTest.manifest(out).get("a.tif");
		assertEquals("a_leakyrelu_step1.tif;a_leakyrelu_step1.png;a_leakyrelu_step2.tif;a_leakyrelu_step2.png;a_montage.png", row[2]);
		long bytes = 0;
		for (final String f : row[2].split(";"))
			bytes += new File(out, f).length();
		assertEquals(bytes, Long.parseLong(row[3]), "the bytes of five different files");
	}

	@Test
	void aRerunWithOtherStepsOrWeightsRefusesAndNamesOverwrite() throws IOException {
		final File in = signedImage();
		final File out = dir.resolve("out").toFile();
		final File w = dir.resolve("w.npy").toFile();
		npy(w, new float[] { 2 }, 1, 1, 1, 1);
		final String conv = "Conv2D... weights=[" + w.getPath() + "] padding=0";
		final SparkPipelineTest.Result first = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), conv,
			"Leaky ReLU... alpha=0.1");
		assertEquals(0, first.code, first.toString());
		final File result = new File(out, "a_conv2d_leakyrelu.tif");
		assertEquals(-2f, pixel(result), 1e-6f, "-10 * 2 * 0.1");

		final SparkPipelineTest.Result same = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), conv,
			"Leaky ReLU... alpha=0.1");
		assertEquals(0, same.code, same.toString());
		assertTrue(same.out.contains("Summary: 0 done, 0 failed, 1 skipped of 1 image"), same.toString());

		final SparkPipelineTest.Result alpha = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), conv,
			"Leaky ReLU... alpha=0.5");
		assertEquals(PipelineRunner.USAGE_ERROR, alpha.code, alpha.toString());
		assertTrue(alpha.err.contains("--overwrite"), alpha.toString());
		assertEquals(-2f, pixel(result), 1e-6f, "nothing written");
		final String recipe = SparkPipelineTest.manifest(out).get("a.tif")[6];
		assertTrue(recipe.contains("w.npy 132 bytes sha256:") && recipe.contains("alpha=0.1"), recipe);
		assertTrue(alpha.err.contains("its files were made by: " + recipe), alpha.toString());

		npy(w, new float[] { 3 }, 1, 1, 1, 1); // same name, same size, new content
		final SparkPipelineTest.Result weights = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), conv,
			"Leaky ReLU... alpha=0.1");
		assertEquals(PipelineRunner.USAGE_ERROR, weights.code, weights.toString());
		assertTrue(weights.err.contains("--overwrite"), weights.toString());
		assertEquals(recipe, SparkPipelineTest.manifest(out).get("a.tif")[6], "the manifest is not rewritten by a refused run");

		final SparkPipelineTest.Result overwrite = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), conv,
			"Leaky ReLU... alpha=0.5", "--overwrite");
		assertEquals(0, overwrite.code, overwrite.toString());
		assertEquals(-15f, pixel(result), 1e-6f, "-10 * 3 * 0.5");
		assertFalse(SparkPipelineTest.manifest(out).get("a.tif")[6].equals(recipe));
	}

	@Test
	void outputsThatNoManifestAccountsForAreNotSkipped() throws IOException {
		final File in = signedImage();
		final File out = dir.resolve("out").toFile();
		assertEquals(0, SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), "ReLU").code);
		assertTrue(new File(out, SparkPipeline.MANIFEST).delete());
		final SparkPipelineTest.Result r = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), "ReLU");
		assertEquals(PipelineRunner.USAGE_ERROR, r.code, r.toString());
		assertTrue(r.err.contains("no row in ") && r.err.contains("--overwrite"), r.toString());
	}

	@Test
	void aPathListedTwiceIsRunOnceAndTheLogSaysSo() throws IOException {
		final File in = signedImage();
		final File list = dir.resolve("list.txt").toFile();
		Files.write(list.toPath(), Arrays.asList("in/a.tif", "in/./a.tif", "in/../in/a.tif", in.getAbsolutePath() + "/a.tif"));
		final File out = dir.resolve("out").toFile();
		final SparkPipelineTest.Result r = SparkPipelineTest.spark("--input", list.getPath(), "--output", out.getPath(), "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("a.tif is given 4 times; it is run once"), r.toString());
		assertTrue(r.out.contains("Summary: 1 done, 0 failed, 0 skipped of 1 image"), r.toString());
		final Map<String, String[]> m = SparkPipelineTest.manifest(out);
		assertEquals(1, m.size());
		assertEquals(2, Files.readAllLines(new File(out, SparkPipeline.MANIFEST).toPath()).size(), "the header and one row");
	}

	@Test
	void anOutputFolderThatCannotBeCreatedSaysWhichAndWhy() throws IOException {
		final File in = signedImage();
		final File file = new File(in, "a.tif");
		final SparkPipelineTest.Result r = SparkPipelineTest.spark("--input", in.getPath(), "--output", new File(file, "out").getPath(), "ReLU");
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertEquals("Error: cannot create the output folder " + new File(file, "out").getAbsolutePath() + ": " + file.getAbsolutePath() +
			" exists and is not a folder; give a folder you may write with --output\n", r.err);
	}

	@Test
	void hiddenImagesInAFolderAreNamed() throws IOException {
		final File in = signedImage();
		Files.copy(new File(in, "a.tif").toPath(), new File(in, ".x.tif").toPath());
		final File out = dir.resolve("out").toFile();
		final SparkPipelineTest.Result r = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains(".x.tif: a hidden file (its name starts with a dot)"), r.toString());
	}
}

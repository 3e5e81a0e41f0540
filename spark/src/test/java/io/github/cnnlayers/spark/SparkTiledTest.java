package io.github.cnnlayers.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.pipeline.PipelineRunner;

/**
 * The Spark job's --tile (issue 18 item 1, local mode): each TIFF input streamed through the steps as one network
 * gives the command line's streamed file bit for bit, one manifest row naming it, the untiled run's recipe; re-runs
 * with and without --tile over one folder skip or run again by the manifest's rules; non-TIFF inputs and steps that
 * cannot be tiled are refused with the command line's messages.
 */
class SparkTiledTest {

	/** Pooling and upsampling (tiles aligned to 2), a 3x3 neighbourhood (a halo): 2D steps that tile exactly. */
	private static final String[] STEPS = { "Average Pooling... size=3 stride=1 padding=1", "Max Pooling... size=2",
		"Upsample... scale=2", "ReLU" };
	private static final String LAST = "_avgpooling_maxpooling_upsample_relu.tif";

	@TempDir
	Path dir;

	@BeforeAll
	static void startSpark() {
		System.setProperty("java.awt.headless", "true");
		SparkPipelineTest.sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkTiledTest")
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

	/** Two 32-bit TIFFs of 100 x 90 and 70 x 130, waves of both signs (neither size a multiple of the tile). */
	private File tiffs() {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdirs());
		final int[][] sizes = { { 100, 90 }, { 70, 130 } };
		for (int k = 0; k < sizes.length; k++) {
			final int w = sizes[k][0], h = sizes[k][1];
			final float[] p = new float[w * h];
			for (int i = 0; i < p.length; i++)
				p[i] = (float) (Math.sin(i % w * 0.3 + k) * Math.cos(i / w * 0.17) * 10);
			assertTrue(new FileSaver(new ImagePlus("t" + k, new FloatProcessor(w, h, p))).saveAsTiff(new File(in, "t" + k + ".tif")
				.getPath()));
		}
		return in;
	}

	private static String[] args(final File in, final File out, final String... more) {
		final String[] a = Arrays.copyOf(new String[] { "--input", in.getPath(), "--output", out.getPath() }, 4 + STEPS.length +
			more.length);
		System.arraycopy(STEPS, 0, a, 4, STEPS.length);
		System.arraycopy(more, 0, a, 4 + STEPS.length, more.length);
		return a;
	}

	private static Set<String> files(final File folder) {
		final String[] names = folder.list();
		return names == null ? new HashSet<String>() : new HashSet<>(Arrays.asList(names));
	}

	@Test
	void aStreamedChainEqualsTheCommandLinesFileAndKeepsTheUntiledRecipe() throws IOException {
		final File in = tiffs();
		final File cli = dir.resolve("cli").toFile();
		final SparkPipelineTest.Result c = SparkPipelineTest.cli(args(in, cli, "--tile", "64"));
		assertEquals(0, c.code, c.toString());
		final File out = dir.resolve("out").toFile();
		final SparkPipelineTest.Result s = SparkPipelineTest.spark(args(in, out, "--tile", "64"));
		assertEquals(0, s.code, s.toString());
		assertTrue(s.out.contains("Summary: 2 done, 0 failed, 0 skipped of 2 images"), s.toString());
		assertEquals(new HashSet<>(Arrays.asList("t0" + LAST, "t1" + LAST, SparkPipeline.MANIFEST)), files(out), "the last step only");
		for (final String t : new String[] { "t0", "t1" }) {
			assertArrayEquals(Files.readAllBytes(new File(cli, t + LAST).toPath()), Files.readAllBytes(new File(out, t + LAST).toPath()),
				t + ": the CLI's streamed file, bit for bit");
			final String[] row = SparkPipelineTest.manifest(out).get(t + ".tif");
			assertEquals(ImageRecord.DONE, row[1]);
			assertEquals(t + LAST, row[2], "one file");
			assertEquals(new File(out, t + LAST).length(), Long.parseLong(row[3]));
		}

		final File untiled = dir.resolve("untiled").toFile();
		assertEquals(0, SparkPipelineTest.spark(args(in, untiled)).code);
		final String recipe = SparkPipelineTest.manifest(untiled).get("t0.tif")[6];
		assertEquals(recipe, SparkPipelineTest.manifest(out).get("t0.tif")[6], "tiling is exact: the recipe is the untiled one");

		final SparkPipelineTest.Result again = SparkPipelineTest.spark(args(in, out, "--tile", "auto"));
		assertEquals(0, again.code, again.toString());
		assertTrue(again.out.contains("Summary: 0 done, 0 failed, 2 skipped of 2 images"), again.toString());

		final SparkPipelineTest.Result whole = SparkPipelineTest.spark(args(in, out)); // only the last step's file: run again
		assertEquals(0, whole.code, whole.toString());
		assertTrue(whole.out.contains("Summary: 2 done, 0 failed, 0 skipped of 2 images"), whole.toString());
		assertEquals(files(untiled), files(out), "every file of the untiled run");
		assertEquals(9, SparkPipelineTest.manifest(out).get("t0.tif")[2].split(";").length);

		final SparkPipelineTest.Result tiledAfter = SparkPipelineTest.spark(args(in, out, "--tile", "64"));
		assertEquals(0, tiledAfter.code, tiledAfter.toString());
		assertTrue(tiledAfter.out.contains("Summary: 0 done, 0 failed, 2 skipped of 2 images"), tiledAfter.toString());
		assertEquals(9, SparkPipelineTest.manifest(out).get("t0.tif")[2].split(";").length, "the skipped row still accounts for " +
			"every file in the folder");
	}

	@Test
	void aNonTiffInputIsRefusedBeforeAnyWorkAndStepsThatCannotBeTiledFailWithTheCommandLinesMessage() throws IOException {
		final File in = tiffs();
		assertTrue(new FileSaver(new ImagePlus("p", new ByteProcessor(80, 80))).saveAsPng(new File(in, "p.png").getPath()));
		final File out = dir.resolve("out").toFile();
		final SparkPipelineTest.Result png = SparkPipelineTest.spark(args(in, out, "--tile", "64"));
		assertEquals(PipelineRunner.USAGE_ERROR, png.code, png.toString());
		assertTrue(png.err.startsWith("Error: --tile streams TIFF files; ") && png.err.contains("p.png is not one (allowed: .tif, .tiff)"),
			png.toString());
		assertTrue(files(out).isEmpty(), "nothing written");
		assertTrue(new File(in, "p.png").delete());

		final SparkPipelineTest.Result zero = SparkPipelineTest.spark(args(in, out, "--tile", "0"));
		assertEquals(PipelineRunner.USAGE_ERROR, zero.code, zero.toString());
		assertTrue(zero.err.contains("tile=0 (the whole image) cannot stream a TIFF file"), zero.toString());

		final SparkPipelineTest.Result norm = SparkPipelineTest.spark("--input", in.getPath(), "--output", out.getPath(), "--tile", "64",
			"ReLU", "Instance Norm...");
		assertEquals(PipelineRunner.FAILED, norm.code, norm.toString());
		final String message = SparkPipelineTest.manifest(out).get("t0.tif")[5];
		assertTrue(message.contains("--tile runs the pipeline as one network: ") && message.contains("Step 2 (Instance Norm...)") &&
			message.contains("statistics per sample") && message.contains("run without --tile"), message);
		assertEquals(new HashSet<>(Arrays.asList(SparkPipeline.MANIFEST)), files(out), "no output");
	}
}

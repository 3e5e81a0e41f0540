package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.cnnlayers.pipeline.PipelineRunner;
import io.github.cnnlayers.pipeline.Samples;

/**
 * Four of the example macros of {@code macros/} ({@code learned_features.ijm} is run by
 * {@link LearnedLayersMacroIT}) in a real ImageJ (under Xvfb, the built jar in its
 * plugins folder, {@code -batch}), their printed summaries and saved files checked; the demo macro's
 * feature maps must equal the headless pipeline's bit for bit.
 */
class MacrosIT {

	@TempDir
	Path dir;

	/** Runs macros/<name> in a real ImageJ with an argument; returns its stdout (fails on timeout or macro error). */
	private static String run(final String macro, final String argument) throws Exception {
		return RealImageJ.runMacroFile(Paths.get("macros", macro), argument);
	}

	@Test
	void pipelineDemoMakesTheFourFeatureMapsOfTheHeadlessPipeline() throws Exception {
		final Path maps = dir.resolve("maps");
		final String out = run("cnn_pipeline_demo.ijm", maps.toString());
		assertTrue(out.contains("cnn_pipeline_demo: cell.png 550x660x1 8-bit 0.1070 \u00b5m/pixel"), out);
		assertTrue(out.contains("cnn_pipeline_demo: cell_conv2d 550x660x1 32-bit 0.1070 \u00b5m/pixel"), out);
		assertTrue(out.contains("cnn_pipeline_demo: cell_conv2d_relu 550x660x1 32-bit 0.1070 \u00b5m/pixel"), out);
		assertTrue(out.contains("cnn_pipeline_demo: cell_conv2d_leakyrelu 550x660x1 32-bit 0.1070 \u00b5m/pixel"), out);
		assertTrue(out.contains("cnn_pipeline_demo: cell_conv2d_leakyrelu_maxpooling 275x330x1 32-bit 0.2140 \u00b5m/pixel"), out);
		final Path headless = dir.resolve("headless");
		assertEquals(0, PipelineRunner.run(new String[] { "--output", headless.toString() }, System.out, System.err));
		for (final String n : new String[] { "cell_conv2d", "cell_conv2d_relu", "cell_conv2d_leakyrelu",
			"cell_conv2d_leakyrelu_maxpooling" })
		{
			final ImagePlus fromMacro = open(maps.resolve(n + ".tif"));
			final ImagePlus fromPipeline = open(headless.resolve(n + ".tif"));
			assertArrayEquals((float[]) fromPipeline.getProcessor().getPixels(), (float[]) fromMacro.getProcessor().getPixels(), n);
			assertEquals(fromPipeline.getCalibration().pixelWidth, fromMacro.getCalibration().pixelWidth, 1e-9, n);
		}
	}

	@Test
	void batchFeatureMapsProcessesEveryImageOfTheFolder() throws Exception {
		final Path in = dir.resolve("in");
		Files.createDirectories(in);
		// FileSaver, not IJ.save: IJ.save goes through IJ.run, which fails headless
		assertTrue(new FileSaver(Samples.image("cell")).saveAsTiff(in.resolve("cell.tif").toString()));
		assertTrue(new FileSaver(Samples.image("ihc")).saveAsPng(in.resolve("ihc.png").toString()));
		Files.write(in.resolve("notes.txt"), new byte[] { 'x' });
		final String out = run("batch_feature_maps.ijm", in.toString());
		assertTrue(Pattern.compile("\\[1/2\\] cell\\.tif \\.\\.\\. 550x660 -> cell_conv2d_leakyrelu_maxpooling\\.tif 275x330 32-bit, done in \\d+ ms")
			.matcher(out).find(), out);
		assertTrue(Pattern.compile("\\[2/2\\] ihc\\.png \\.\\.\\. 512x512 -> ihc_conv2d_leakyrelu_maxpooling\\.tif 256x256 32-bit, done in \\d+ ms")
			.matcher(out).find(), out);
		assertTrue(out.contains("batch_feature_maps: 2 images -> "), out);
		final ImagePlus cell = open(in.resolve("feature_maps").resolve("cell_conv2d_leakyrelu_maxpooling.tif"));
		assertEquals(275, cell.getWidth());
		assertEquals(0.214, cell.getCalibration().pixelWidth, 1e-6);
		final ImagePlus ihc = open(in.resolve("feature_maps").resolve("ihc_conv2d_leakyrelu_maxpooling.tif"));
		assertEquals(3, ihc.getNChannels(), "RGB -> three 32-bit channels");
	}

	@Test
	void batchFeatureMapsReportsAndSkipsBadFilesAndGoesOn() throws Exception {
		final Path in = dir.resolve("in");
		Files.createDirectories(in);
		// the first file is corrupt: open() used to stop the macro ("No Image"), a dialog that never closes
		Files.write(in.resolve("a_corrupt.tif"), "not a TIFF at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertTrue(new FileSaver(Samples.image("cell")).saveAsTiff(in.resolve("cell.tif").toString()));
		// a TIFF cut in the middle of its pixels: ImageJ's reader would fill the rest with zeros
		final Path whole = dir.resolve("whole.tif");
		assertTrue(new FileSaver(new ImagePlus("d", new ij.process.FloatProcessor(64, 64))).saveAsTiff(whole.toString()));
		final byte[] bytes = Files.readAllBytes(whole);
		Files.write(in.resolve("d_truncated.tif"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
		assertTrue(new FileSaver(Samples.image("ihc")).saveAsPng(in.resolve("ihc.png").toString()));
		final String out = run("batch_feature_maps.ijm", in.toString());
		assertTrue(out.contains("[1/4] a_corrupt.tif ... FAILED: cannot open " + in.resolve("a_corrupt.tif")), out);
		assertTrue(Pattern.compile("\\[2/4\\] cell\\.tif \\.\\.\\. 550x660 -> cell_conv2d_leakyrelu_maxpooling\\.tif 275x330 32-bit, done in \\d+ ms")
			.matcher(out).find(), out);
		assertTrue(out.contains("[3/4] d_truncated.tif ... FAILED: " + in.resolve("d_truncated.tif") + " is truncated: its pixel data needs "),
			out);
		assertTrue(Pattern.compile("\\[4/4\\] ihc\\.png \\.\\.\\. 512x512 -> ihc_conv2d_leakyrelu_maxpooling\\.tif 256x256 32-bit, done in \\d+ ms")
			.matcher(out).find(), out);
		assertTrue(Pattern.compile("batch_feature_maps: 2 images -> .* in \\d+ ms; 2 of 4 images FAILED \\(see above\\)").matcher(out)
			.find(), out);
		final Path maps = in.resolve("feature_maps");
		assertEquals(java.util.Arrays.asList("cell_conv2d_leakyrelu_maxpooling.tif", "ihc_conv2d_leakyrelu_maxpooling.tif"),
			list(maps), "no feature map for the bad files");
		assertEquals(275, open(maps.resolve("cell_conv2d_leakyrelu_maxpooling.tif")).getWidth());
	}

	private static java.util.List<String> list(final Path folder) throws java.io.IOException {
		try (java.util.stream.Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
		}
	}

	@Test
	void kernelGalleryHasOneLabelledSlicePerPreset() throws Exception {
		final Path tif = dir.resolve("gallery.tif");
		final String out = run("kernel_gallery.ijm", tif.toString());
		assertTrue(out.contains("kernel_gallery: kernel_gallery of cell.png 550x660x11 32-bit: identity, box blur, gaussian 3x3, " +
			"gaussian 5x5, sharpen, edge, sobel x, sobel y, prewitt x, prewitt y, emboss"), out);
		final ImagePlus g = open(tif);
		assertEquals(11, g.getStackSize());
		assertEquals("edge", g.getStack().getSliceLabel(6));
		final float[] source = (float[]) Samples.image("cell").getProcessor().convertToFloat().getPixels();
		assertArrayEquals(source, (float[]) g.getStack().getProcessor(1).getPixels(), "identity preset");
	}

	@Test
	void runNetworkTiledEqualsWholeAndPyTorch() throws Exception {
		final String out = run("run_network.ijm", dir.toString());
		assertTrue(out.contains("run_network: cell_network 550x660 32-bit; whole vs tiles of 128: largest difference 0"), out);
		final float[] actual = (float[]) open(dir.resolve("cell_network.tif")).getProcessor().getPixels();
		final float[] expected = io.github.cnnlayers.weights.WeightFile.read(Paths.get("src/test/resources/fixtures/cell_unet/output.npy"),
			null).data();
		assertEquals(expected.length, actual.length);
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
		assertTrue(max < 1e-4, "largest difference from PyTorch: " + max);
	}

	private static ImagePlus open(final Path p) {
		assertTrue(Files.isRegularFile(p), p + " exists");
		final ImagePlus imp = IJ.openImage(p.toString());
		assertNotNull(imp, p.toString());
		return imp;
	}
}

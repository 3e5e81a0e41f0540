package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import net.imglib2.img.array.ArrayImgs;

/**
 * The one-command demo on the embedded sample, run once into a temporary folder: the files, their
 * sizes, types and calibration as ImageJ reads them back, and their values against the core
 * operations applied independently to the sample's pixels.
 */
class DemoRunTest {

	private static final String[] NAMES = { "cell_conv2d", "cell_conv2d_relu", "cell_conv2d_leakyrelu",
		"cell_conv2d_leakyrelu_maxpooling" };

	@TempDir
	static Path dir;

	static Run run;
	static float[] source;

	@BeforeAll
	static void runDemo() {
		run = Run.of("--output", dir.resolve("out").toString());
		final ImagePlus cell = Samples.image("cell");
		source = (float[]) cell.getProcessor().convertToFloat().getPixels();
	}

	private static ImagePlus open(final String name) {
		final File f = dir.resolve("out").resolve(name).toFile();
		assertTrue(f.isFile(), name + " exists\n" + run);
		final ImagePlus imp = IJ.openImage(f.getPath());
		assertNotNull(imp, name + " opens in ImageJ");
		return imp;
	}

	private static float[] pixels(final String name) {
		return (float[]) open(name + ".tif").getProcessor().getPixels();
	}

	@Test
	void exitsWithZeroAndWritesNineteenFiles() {
		assertEquals(0, run.code, run.toString());
		assertEquals("", run.err);
		final String[] files = dir.resolve("out").toFile().list();
		assertNotNull(files);
		assertEquals(19, files.length, "the demo's 4 maps x 2 + montage, the learned network's 3 x 2 + montage, the U-Net's 1 x 2 + " +
			"montage: " +
			String.join(", ", files));
		for (final String n : NAMES) {
			assertTrue(new File(dir.resolve("out").toFile(), n + ".tif").isFile(), n + ".tif");
			assertTrue(new File(dir.resolve("out").toFile(), n + ".png").isFile(), n + ".png");
		}
		assertTrue(new File(dir.resolve("out").toFile(), "cell_montage.png").isFile());
	}

	@Test
	void printsWhatItDid() {
		final String out = run.out;
		assertTrue(out.contains("cell.png (embedded sample): 550 x 660 pixels, 8-bit, 1 plane, 0.107 \u00b5m/pixel"), out);
		assertTrue(out.contains("kernel 3x3 [-1 -1 -1; -1 8 -1; -1 -1 -1], stride 1, padding 1, border replicate"), out);
		assertTrue(out.contains("alpha 0.1"), out);
		assertTrue(out.contains("max, size 2, stride 2, padding 0, floor"), out);
		assertTrue(out.matches("(?s).*step 1 Conv2D\\.\\.\\. +550x660 8-bit -> 550x660 32-bit, 0\\.107 \u00b5m/pixel +\\d+ ms +cell_conv2d\n.*"), out);
		assertTrue(out.matches("(?s).*step 4 Max Pooling\\.\\.\\. +550x660 32-bit -> 275x330 32-bit, 0\\.214 \u00b5m/pixel +\\d+ ms +cell_conv2d_leakyrelu_maxpooling\n.*"), out);
		assertTrue(out.contains("note: cell_unet.onnx takes 552 x 660 here, not 550 x 660: the image was padded by reflection"), out);
		assertTrue(out.contains("Wrote 19 files to " + dir.resolve("out").toFile().getAbsolutePath()), out);
		assertTrue(out.contains("cell_montage.png"), out);
	}

	/**
	 * The trained U-Net of the main job gives PyTorch's own output on cell.png (padded by reflection to 552 x 660
	 * and cropped back in both): the fixture from {@code src/main/python/make_cell_unet.py}.
	 */
	@Test
	void theUNetSegmentsTheCellAsPyTorchDoes() {
		final ImagePlus imp = open("cell_unet_network.tif");
		assertEquals(550, imp.getWidth());
		assertEquals(660, imp.getHeight());
		assertEquals(0.107, imp.getCalibration().pixelWidth, 1e-6);
		final float[] actual = (float[]) imp.getProcessor().getPixels();
		final float[] expected = io.github.cnnlayers.weights.WeightFile.read(java.nio.file.Paths.get(
			"src/test/resources/fixtures/cell_unet/output.npy"), null).data();
		double max = 0;
		int cell = 0;
		for (int i = 0; i < expected.length; i++) {
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
			cell += actual[i] > 0.5f ? 1 : 0;
		}
		assertTrue(max < 1e-4, "largest difference from PyTorch: " + max);
		assertTrue(cell > 10_000 && cell < 40_000, "the cell, a disc of about 100 pixels across: " + cell + " pixels over 0.5");
	}

	@Test
	void tiffsAre32BitWithTheSampleCalibration() {
		for (final String n : NAMES) {
			final ImagePlus imp = open(n + ".tif");
			final boolean pooled = n.endsWith("maxpooling");
			assertEquals(32, imp.getBitDepth(), n);
			assertEquals(1, imp.getStackSize(), n);
			assertEquals(pooled ? 275 : 550, imp.getWidth(), n);
			assertEquals(pooled ? 330 : 660, imp.getHeight(), n);
			final Calibration cal = imp.getCalibration();
			assertEquals("\u00b5m", cal.getUnit(), n);
			assertEquals(pooled ? 0.214 : 0.107, cal.pixelWidth, 1e-6, n);
			assertEquals(pooled ? 0.214 : 0.107, cal.pixelHeight, 1e-6, n);
			// pooled pixel 0 is the centre of the first 2x2 window: input x = 0.5 pixel, so origin -0.25 output pixels
			assertEquals(pooled ? -0.25 : 0, cal.xOrigin, 1e-9, n);
		}
	}

	@Test
	void pngViewsAre8BitAndTheMontageIsRgb() {
		for (final String n : NAMES) {
			final ImagePlus png = open(n + ".png");
			assertEquals(8, png.getBitDepth(), n);
			assertEquals(n.endsWith("maxpooling") ? 275 : 550, png.getWidth(), n);
		}
		final ImagePlus montage = open("cell_montage.png");
		assertEquals(24, montage.getBitDepth());
		// five panels side by side at the pooled height (330): 5 x 275 wide plus margins
		assertTrue(montage.getWidth() >= 5 * 275 && montage.getWidth() < 5 * 275 + 200, "montage width " + montage.getWidth());
		assertTrue(montage.getHeight() >= 330 && montage.getHeight() < 330 + 100, "montage height " + montage.getHeight());
	}

	@Test
	void conv2dMatchesTheCoreOpAndANaiveCrossCorrelation() {
		final float[] actual = pixels("cell_conv2d");
		final float[] core = conv2d(source);
		assertEquals(core.length, actual.length);
		for (int i = 0; i < core.length; i++)
			assertEquals(core[i], actual[i], 0f, "pixel " + i);
		// independent of the project's code: edge kernel, replicated border, by hand at a few pixels
		for (final int[] p : new int[][] { { 0, 0 }, { 549, 0 }, { 0, 659 }, { 549, 659 }, { 275, 330 }, { 400, 250 }, { 17, 611 } }) {
			double sum = 0;
			for (int j = -1; j <= 1; j++)
				for (int i = -1; i <= 1; i++) {
					final int x = Math.max(0, Math.min(549, p[0] + i));
					final int y = Math.max(0, Math.min(659, p[1] + j));
					sum += (i == 0 && j == 0 ? 8 : -1) * source[y * 550 + x];
				}
			assertEquals(sum, actual[p[1] * 550 + p[0]], 1e-3, "pixel " + p[0] + "," + p[1]);
		}
	}

	@Test
	void reluAndLeakyReluMatchTheCoreOpsOnTheConv2dResult() {
		final float[] conv = conv2d(source);
		final float[] relu = conv.clone();
		Activation.relu().applyInPlace(ArrayImgs.floats(relu, 550, 660), 0);
		final float[] leaky = conv.clone();
		Activation.leakyRelu(0.1).applyInPlace(ArrayImgs.floats(leaky, 550, 660), 0);
		final float[] actualRelu = pixels("cell_conv2d_relu");
		final float[] actualLeaky = pixels("cell_conv2d_leakyrelu");
		int negatives = 0;
		for (int i = 0; i < conv.length; i++) {
			assertEquals(relu[i], actualRelu[i], 0f, "relu pixel " + i);
			assertEquals(leaky[i], actualLeaky[i], 0f, "leaky pixel " + i);
			assertEquals(Math.max(0, conv[i]), actualRelu[i], 0f, "relu formula, pixel " + i);
			assertEquals(conv[i] > 0 ? conv[i] : 0.1f * conv[i], actualLeaky[i], 1e-6f * Math.max(1, Math.abs(conv[i])),
				"leaky formula, pixel " + i);
			if (conv[i] < 0)
				negatives++;
		}
		assertTrue(negatives > 1000, "the edge map has negative values for the activations to act on: " + negatives);
	}

	@Test
	void maxPoolingMatchesTheCoreOpAndTheMaxOfEachWindow() {
		final float[] leaky = conv2d(source);
		Activation.leakyRelu(0.1).applyInPlace(ArrayImgs.floats(leaky, 550, 660), 0);
		final float[] core = new float[275 * 330];
		new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false).compute(ArrayImgs.floats(leaky, 550, 660), ArrayImgs.floats(core, 275, 330));
		final float[] actual = pixels("cell_conv2d_leakyrelu_maxpooling");
		for (int y = 0; y < 330; y++)
			for (int x = 0; x < 275; x++) {
				final int i = y * 275 + x;
				assertEquals(core[i], actual[i], 0f, "pixel " + x + "," + y);
				final float max = Math.max(Math.max(leaky[2 * y * 550 + 2 * x], leaky[2 * y * 550 + 2 * x + 1]),
					Math.max(leaky[(2 * y + 1) * 550 + 2 * x], leaky[(2 * y + 1) * 550 + 2 * x + 1]));
				assertEquals(max, actual[i], 0f, "window max at " + x + "," + y);
			}
	}

	@Test
	void tiffsOpenWithTheirDataRangeDisplayed() {
		final ImagePlus relu = open("cell_conv2d_relu.tif");
		assertEquals(0, relu.getDisplayRangeMin(), 0, "ReLU result displayed from its own min, not the Conv2D range");
	}

	private static float[] conv2d(final float[] in) {
		final Conv2D.PerPlane conv = Conv2D.perPlane(Kernel.parse("-1 -1 -1\n-1 8 -1\n-1 -1 -1")).padding(1).border(BorderMode.REPLICATE).build();
		final float[] out = new float[in.length];
		conv.compute(ArrayImgs.floats(in.clone(), 550, 660), ArrayImgs.floats(out, 550, 660));
		return out;
	}

	/**
	 * The learned-edges network of the main job: its output is |gx| + |gy| of the sample with Sobel
	 * kernels and zero padding, computed here by a naive loop; its 4 ReLU feature maps are max(+-g, 0).
	 */
	@Test
	void learnedEdgesNetworkIsTheSobelMagnitude() {
		final ImagePlus maps = open("cell_learned_conv2d_relu.tif");
		final ImagePlus out = open("cell_learned_conv2d_relu_conv2d.tif");
		assertEquals(4, maps.getNChannels());
		assertEquals(1, out.getNChannels());
		assertEquals(32, out.getBitDepth());
		assertEquals(Samples.CELL_PIXEL_SIZE, out.getCalibration().pixelWidth, 1e-7);
		final int w = 550, h = 660;
		final int[][] sx = { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } };
		final float[] magnitude = (float[]) out.getProcessor().getPixels();
		for (int y = 0; y < h; y += 7)
			for (int x = 0; x < w; x += 5) {
				double gx = 0, gy = 0;
				for (int j = -1; j <= 1; j++)
					for (int i = -1; i <= 1; i++) {
						final int xx = x + i, yy = y + j;
						final double v = xx < 0 || yy < 0 || xx >= w || yy >= h ? 0 : source[yy * w + xx];
						gx += sx[j + 1][i + 1] * v;
						gy += sx[i + 1][j + 1] * v;
					}
				assertEquals(Math.abs(gx) + Math.abs(gy), magnitude[y * w + x], 1e-3, "(" + x + "," + y + ")");
				assertEquals(Math.max(gx, 0), maps.getStack().getProcessor(1).getf(x, y), 1e-3);
				assertEquals(Math.max(-gy, 0), maps.getStack().getProcessor(4).getf(x, y), 1e-3);
			}
		assertTrue(new File(dir.resolve("out").toFile(), "cell_learned_montage.png").isFile());
	}
}

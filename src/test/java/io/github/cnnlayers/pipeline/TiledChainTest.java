package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.tiff.TiffFile;
import io.github.cnnlayers.tiff.TiledTiffWriter;

/**
 * {@code --tile N} on a chain of steps: the pipeline runs as one network ({@link PipelineNetwork}) streamed from a TIFF
 * into a tiled BigTIFF of the last step's result, which equals the untiled pipeline's last result bit for bit (compared
 * as floats: the untiled run keeps 8-bit through max pooling); steps that cannot be a part of a network of planes, and
 * layers of per-image statistics, are refused with the step named.
 */
public class TiledChainTest {

	private static final String EDGES = "Conv2D... kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] padding=1";

	@TempDir
	Path dir;

	private String[] run(final int expectedCode, final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = PipelineRunner.run(args, new PrintStream(out, true), new PrintStream(err, true));
		final String[] texts = { new String(out.toByteArray(), StandardCharsets.UTF_8), new String(err.toByteArray(),
			StandardCharsets.UTF_8) };
		assertEquals(expectedCode, code, texts[0] + texts[1]);
		return texts;
	}

	private static float[] waves(final int w, final int h, final long seed) {
		final Random r = new Random(seed);
		final float[] p = new float[w * h];
		for (int i = 0; i < p.length; i++)
			p[i] = (float) (0.5 + 0.4 * Math.sin(i % w * 0.05) * Math.cos(i / w * 0.08) + 0.1 * r.nextGaussian());
		return p;
	}

	/** Writes a 32-bit TIFF in tiles of 16, as a large file would be. */
	private static Path floatTiff(final Path file, final int w, final int h, final float[] pixels) throws Exception {
		try (TiledTiffWriter writer = TiledTiffWriter.create(file, w, h, 1, 16)) {
			for (int ty = 0; ty < writer.tilesDown(); ty++)
				for (int tx = 0; tx < writer.tilesAcross(); tx++) {
					final int tw = Math.min(16, w - tx * 16), th = Math.min(16, h - ty * 16);
					final float[] p = new float[tw * th];
					for (int y = 0; y < th; y++)
						System.arraycopy(pixels, (ty * 16 + y) * w + tx * 16, p, y * tw, tw);
					writer.writeTile(0, tx, ty, p);
				}
			writer.commit();
		}
		return file;
	}

	/**
	 * Streams {@code input} through the steps with --tile and runs the same steps untiled on {@code image}; asserts the
	 * last results equal bit for bit.
	 *
	 * @return the command line's report
	 */
	private String assertTiledEqualsUntiled(final Path input, final ImagePlus image, final String tile, final String... steps)
		throws Exception
	{
		final Path outDir = dir.resolve("out-" + input.getFileName());
		final String[] args = new String[6 + steps.length];
		args[0] = "--input";
		args[1] = input.toString();
		args[2] = "--output";
		args[3] = outDir.toString();
		args[4] = "--tile";
		args[5] = tile;
		System.arraycopy(steps, 0, args, 6, steps.length);
		final String[] said = run(0, args);
		final String name = input.getFileName().toString().replaceFirst("\\.tiff?$", "");
		final List<FeatureMap> maps = Pipeline.parse(steps).run(image, name);
		final FeatureMap last = maps.get(maps.size() - 1);
		final ImagePlus want = last.image();
		final Path written = outDir.resolve(last.name() + ".tif");
		assertTrue(Files.exists(written), said[0] + " wrote no " + written.getFileName());
		try (TiffFile tiff = TiffFile.open(written)) {
			assertEquals(want.getStackSize(), tiff.pages().size(), "channels");
			for (int c = 0; c < tiff.pages().size(); c++) {
				final float[] expected = (float[]) want.getStack().getProcessor(c + 1).convertToFloat().getPixels();
				final float[] got = tiff.read(c, 0, 0, want.getWidth(), want.getHeight());
				assertEquals(expected.length, got.length);
				for (int i = 0; i < got.length; i++)
					assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), "channel " + c + " pixel (" +
						i % want.getWidth() + ", " + i / want.getWidth() + ") of " + last.name());
			}
		}
		return said[0];
	}

	@Test
	public void aChainWithPoolingUpsamplingAndAConcatEqualsTheUntiledPipeline() throws Exception {
		final int w = 202, h = 150; // no multiple of the tile
		final float[] p = waves(w, h, 1);
		final Path in = floatTiff(dir.resolve("chain.tif"), w, h, p);
		final String said = assertTiledEqualsUntiled(in, new ImagePlus("chain", new FloatProcessor(w, h, p)), "64", EDGES, "ReLU",
			"Max Pooling... size=2", "Upsample... scale=2 mode=bilinear", "@0 Leaky ReLU... alpha=0.1", "Concat @4 @5",
			"Average Pooling... size=3 stride=1 padding=1");
		assertTrue(said.contains("tiles of 64 x 64"), said);
	}

	@Test
	public void aLearnedConvolutionOverAConcatAndAnAddEqualTheUntiledPipeline() throws Exception {
		final int w = 130, h = 97;
		final float[] p = waves(w, h, 2);
		final Path in = floatTiff(dir.resolve("learned.tif"), w, h, p);
		final float[] weights = new float[3 * 2 * 3 * 3];
		final Random r = new Random(3);
		for (int i = 0; i < weights.length; i++)
			weights[i] = (float) r.nextGaussian();
		final Path npy = dir.resolve("w.npy");
		RecipeTest.npy(npy.toFile(), weights, 3, 2, 3, 3);
		assertTiledEqualsUntiled(in, new ImagePlus("learned", new FloatProcessor(w, h, p)), "64", EDGES, "@0 Max Pooling... size=3 " +
			"stride=1 padding=1", "Concat @1 @2", "Conv2D... weights=[" + npy + "] padding=1 stride=2", "Sigmoid", "Add @5 @4");
	}

	@Test
	public void anEightBitInputThroughMaxPoolingEqualsTheUntiledPipelineAsFloats() throws Exception {
		final int w = 150, h = 120;
		final byte[] b = new byte[w * h];
		new Random(4).nextBytes(b);
		final ImagePlus image = new ImagePlus("bytes", new ByteProcessor(w, h, b));
		final Path in = dir.resolve("bytes.tif");
		assertTrue(new FileSaver(image).saveAsTiff(in.toString()));
		assertTiledEqualsUntiled(in, image, "64", "Max Pooling... size=2", "ReLU", "Max Pooling... size=2 stride=1");
	}

	@Test
	public void aRunNetworkStepInsideAChainEqualsTheUntiledPipeline() throws Exception {
		final int w = 192, h = 128; // multiples of the cell U-Net's size step: no padding either way
		final float[] p = waves(w, h, 5);
		final Path in = floatTiff(dir.resolve("unet.tif"), w, h, p);
		assertTiledEqualsUntiled(in, new ImagePlus("unet", new FloatProcessor(w, h, p)), "64", "Average Pooling... size=3 stride=1 " +
			"padding=1", "Run Network... model=[" + StreamedCommandLineTest.MODEL.toAbsolutePath() + "]", "ReLU", "Add @1 @3");
	}

	@Test
	public void autoTilesEqualTheUntiledPipeline() throws Exception {
		final int w = 100, h = 90;
		final float[] p = waves(w, h, 6);
		final Path in = floatTiff(dir.resolve("auto.tif"), w, h, p);
		assertTiledEqualsUntiled(in, new ImagePlus("auto", new FloatProcessor(w, h, p)), "auto", EDGES, "Max Pooling... size=2",
			"Upsample... scale=2");
	}

	@Test
	public void aChainFittedAsAWholeEqualsTheUntiledPipelineOnTheReflectedImageCroppedBack() throws Exception {
		final int w = 97, h = 70; // odd: the pooled and upsampled branch is 96 wide, so the chain takes 98 x 70
		final float[] p = waves(w, h, 8);
		final Path in = floatTiff(dir.resolve("odd.tif"), w, h, p);
		final String[] steps = { EDGES, "Max Pooling... size=2", "Upsample... scale=2", "Concat @1 @3" };
		final Path outDir = dir.resolve("odd");
		run(0, "--input", in.toString(), "--output", outDir.toString(), "--tile", "64", steps[0], steps[1], steps[2], steps[3]);
		final float[] padded = new float[(w + 1) * h]; // PyTorch's reflect padding by one column: x = w reflects x = w - 2
		for (int y = 0; y < h; y++)
			for (int x = 0; x <= w; x++)
				padded[y * (w + 1) + x] = p[y * w + (x < w ? x : w - 2)];
		final List<FeatureMap> maps = Pipeline.parse(steps).run(new ImagePlus("odd", new FloatProcessor(w + 1, h, padded)), "odd");
		final ImagePlus want = maps.get(3).image();
		try (TiffFile tiff = TiffFile.open(outDir.resolve(maps.get(3).name() + ".tif"))) {
			assertEquals(2, tiff.pages().size());
			for (int c = 0; c < 2; c++) {
				final float[] all = (float[]) want.getStack().getProcessor(c + 1).getPixels();
				final float[] got = tiff.read(c, 0, 0, w, h);
				for (int i = 0; i < got.length; i++)
					assertEquals(Float.floatToIntBits(all[i / w * (w + 1) + i % w]), Float.floatToIntBits(got[i]), "channel " + c +
						" pixel (" + i % w + ", " + i / w + ")");
			}
		}
	}

	@Test
	public void stepsThatCannotBeTiledAreRefusedNamingTheStep() throws Exception {
		final Path in = floatTiff(dir.resolve("a.tif"), 80, 80, waves(80, 80, 7));
		final Path out = dir.resolve("o");
		String[] said = run(PipelineRunner.FAILED, "--input", in.toString(), "--output", out.toString(), "--tile", "64", "ReLU",
			"Max Pooling 3D...");
		assertTrue(said[1].contains("Step 2 (Max Pooling 3D...) cannot be a part of a network of planes: ") && said[1].contains("3D layer"),
			said[1]);
		said = run(PipelineRunner.FAILED, "--input", in.toString(), "--output", out.toString(), "--tile", "64", "ReLU",
			"Instance Norm...");
		assertTrue(said[1].contains("Step 2 (Instance Norm...)") && said[1].contains("statistics per sample") &&
			said[1].contains("run without --tile"), said[1]);
		said = run(PipelineRunner.FAILED, "--input", in.toString(), "--output", out.toString(), "--tile", "64", "ReLU",
			"Global Average Pooling");
		assertTrue(said[1].contains("Step 2 (Global Average Pooling)") && said[1].contains("depends on the whole image"), said[1]);
		assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "nothing written");
	}
}

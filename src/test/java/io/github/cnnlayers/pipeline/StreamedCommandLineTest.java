package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.cnnlayers.ij.ModelRunner;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.onnx.OnnxNetworkModel;
import io.github.cnnlayers.tiff.TiffFile;
import io.github.cnnlayers.tiff.TiledTiffWriter;

/**
 * {@code --tile N} on the command line: a TIFF input streamed through the trained cell U-Net (padded to fit: 300 x
 * 260 is no multiple of its 2^depth) equals ModelRunner's whole-image run bit for bit; other inputs are refused (chains of steps: TiledChainTest).
 */
public class StreamedCommandLineTest {

	static final Path MODEL = Paths.get("src", "main", "resources", "models", "cell_unet.onnx");

	@TempDir
	Path dir;

	private String[] run(int expectedCode, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = PipelineRunner.run(args, new PrintStream(out, true), new PrintStream(err, true));
		String[] texts = { new String(out.toByteArray(), StandardCharsets.UTF_8), new String(err.toByteArray(),
			StandardCharsets.UTF_8) };
		assertEquals(expectedCode, code, texts[0] + texts[1]);
		return texts;
	}

	@Test
	public void aTiffStreamedThroughTheCellUNetEqualsTheWholeRun() throws Exception {
		int w = 300, h = 260;
		float[] pixels = new float[w * h];
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = (float) (0.5 + 0.4 * Math.sin(i % w * 0.05) * Math.cos(i / w * 0.08));
		Path in = dir.resolve("cells.tif");
		try (TiledTiffWriter writer = TiledTiffWriter.create(in, w, h, 1, 16)) {
			for (int ty = 0; ty < writer.tilesDown(); ty++)
				for (int tx = 0; tx < writer.tilesAcross(); tx++) {
					int tw = Math.min(16, w - tx * 16), th = Math.min(16, h - ty * 16);
					float[] p = new float[tw * th];
					for (int y = 0; y < th; y++)
						System.arraycopy(pixels, (ty * 16 + y) * w + tx * 16, p, y * tw, tw);
					writer.writeTile(0, tx, ty, p);
				}
			writer.commit();
		}
		Path outDir = dir.resolve("out");
		String[] said = run(0, "--input", in.toString(), "--output", outDir.toString(), "--tile", "64",
			"Run Network... model=[" + MODEL.toAbsolutePath() + "]");
		assertTrue(said[0].contains("tiles of 64 x 64"), said[0]);
		OnnxNetworkModel model = OnnxNetworkModel.read(MODEL);
		ImagePlus whole = ModelRunner.run(new ImagePlus("cells", new FloatProcessor(w, h, pixels)), model,
			model.outputs().get(0), false, Tiling.WHOLE, null, null).image();
		try (TiffFile tiff = TiffFile.open(outDir.resolve("cells_network.tif"))) {
			assertEquals(whole.getStackSize(), tiff.pages().size());
			for (int c = 0; c < tiff.pages().size(); c++) {
				float[] want = (float[]) whole.getStack().getProcessor(c + 1).convertToFloat().getPixels();
				float[] got = tiff.read(c, 0, 0, whole.getWidth(), whole.getHeight());
				for (int i = 0; i < got.length; i++)
					assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "channel " + c + " pixel " + i);
			}
		}
	}

	@Test
	public void otherInputsAreRefused() throws Exception {
		Path in = dir.resolve("a.tif");
		try (TiledTiffWriter writer = TiledTiffWriter.create(in, 16, 16, 1, 16)) {
			writer.writeTile(0, 0, 0, new float[256]);
			writer.commit();
		}
		String[] said = run(PipelineRunner.USAGE_ERROR, "--input", in.toString(), "--output", dir.resolve("o").toString(),
			"--tile", "0", "ReLU");
		assertTrue(said[1].contains("--tile: tile=0 (the whole image) cannot stream a TIFF file; allowed: auto or N >= 64"), said[1]);
		Path png = dir.resolve("b.png");
		Files.write(png, new byte[] { 1 });
		said = run(PipelineRunner.USAGE_ERROR, "--input", png.toString(), "--output", dir.resolve("o").toString(), "--tile", "64",
			"Run Network... model=[" + MODEL.toAbsolutePath() + "]");
		assertTrue(said[1].contains("--tile streams TIFF files; ") && said[1].contains("(allowed: .tif, .tiff)"), said[1]);
		assertFalse(Files.exists(dir.resolve("o").resolve("a_network.tif")));
	}
}

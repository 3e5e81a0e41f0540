package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.pipeline.PipelineRunner;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The learned layers by their macro lines in a real ImageJ with the built jar: a PyTorch
 * {@code nn.Sequential} (conv - BN - ReLU - max pool - conv, weights in a {@code .safetensors}) chained on
 * a 2-channel hyperstack with Z = 2, against PyTorch's own output stored as a fixture; and the
 * {@code learned_features.ijm} macro against the headless main job.
 */
class LearnedLayersMacroIT {

	@TempDir
	Path dir;

	private static Path fixture(final String relative) throws URISyntaxException {
		return Paths.get(LearnedLayersMacroIT.class.getResource("/fixtures/" + relative).toURI());
	}

	@Test
	void sequentialModelOnATwoChannelHyperstackWithZ() throws Exception {
		// C = 2, Z = 2: z = 1 is PyTorch's input, z = 2 the same input (each (z, t) is one sample of the batch)
		final float[] data = WeightFile.read(fixture("seq/input.npy"), null).data();
		final ImageStack s = new ImageStack(20, 24);
		for (int z = 0; z < 2; z++)
			for (int c = 0; c < 2; c++)
				s.addSlice(new FloatProcessor(20, 24, java.util.Arrays.copyOfRange(data, c * 480, (c + 1) * 480)));
		final ImagePlus in = new ImagePlus("seq", s);
		in.setDimensions(2, 2, 1);
		in.setOpenAsHyperStack(true);
		final Path input = dir.resolve("seq.tif");
		final Path output = dir.resolve("out.tif");
		assertTrue(new FileSaver(in).saveAsTiff(input.toString()));
		final String model = fixture("seq/seq_model.safetensors").toString();
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"open('" + input + "');",
			"run('Conv2D...', 'weights=[" + model + "] tensor=0 stride=1 padding=1 border=zero dilation=1 stack');",
			"run('Batch Norm...', 'weights=[" + model + "] tensor=1 eps=1e-5 stack');",
			"run('ReLU', 'stack');",
			"run('Max Pooling...', 'size=2 stride=2 padding=0 stack');",
			"run('Conv2D...', 'weights=[" + model + "] tensor=4 padding=same stack');",
			"getDimensions(w, h, c, z, t); print('dims=' + w + ' ' + h + ' ' + c + ' ' + z + ' ' + t);",
			"print('title=' + getTitle());",
			"saveAs('Tiff', '" + output + "');");
		final String out = RealImageJ.runMacro(macro, null, Duration.ofSeconds(180));
		assertTrue(out.contains("dims=10 12 3 2 1"), out);
		assertTrue(out.contains("title=seq-conv2d-batchnorm-maxpool-conv2d"), out);
		final ImagePlus result = IJ.openImage(output.toString());
		assertNotNull(result);
		final float[] expected = WeightFile.read(fixture("seq/after_4.npy"), null).data();
		for (int z = 1; z <= 2; z++)
			for (int c = 1; c <= 3; c++) {
				final float[] got = (float[]) result.getStack().getProcessor(result.getStackIndex(c, z, 1)).getPixels();
				for (int i = 0; i < got.length; i++)
					assertEquals(expected[(c - 1) * 120 + i], got[i], 1e-4 * Math.max(1, Math.abs(expected[i])),
						"channel " + c + ", z " + z + ", pixel " + i);
			}
	}

	@Test
	void rgbImageIsThreeInputChannels() throws Exception {
		// a 1x1 layer [1, 3, 1, 1] = (1, 10, 100) on an RGB image: R + 10 G + 100 B
		final Path npy = dir.resolve("rgb.npy");
		final byte[] header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 1, 1), }".getBytes("US-ASCII");
		final int block = 128; // magic, version, header length, header padded with spaces to a multiple of 64
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(block + 12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes("US-ASCII")).put((byte) 1).put((byte) 0).putShort((short) (block - 10)).put(header);
		while (b.position() < block - 1)
			b.put((byte) ' ');
		b.put((byte) '\n').putFloat(1).putFloat(10).putFloat(100);
		Files.write(npy, b.array());
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"newImage('rgb', 'RGB black', 4, 3, 1);",
			"for (y = 0; y < 3; y++) for (x = 0; x < 4; x++) setPixel(x, y, ((x + 1) << 16) | ((y + 2) << 8) | (x + y));",
			"run('Conv2D...', 'weights=[" + npy + "] padding=0');",
			"s = ''; for (y = 0; y < 3; y++) for (x = 0; x < 4; x++) s = s + getPixel(x, y) + ' ';",
			"print('values=' + s); print('bits=' + bitDepth());");
		final String out = RealImageJ.runMacro(macro, null, Duration.ofSeconds(120));
		final StringBuilder expected = new StringBuilder();
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 4; x++)
				expected.append((x + 1) + 10 * (y + 2) + 100 * (x + y)).append(' ');
		assertTrue(out.contains("values=" + expected), out);
		assertTrue(out.contains("bits=32"), out);
	}

	@Test
	void learnedFeaturesMacroEqualsTheMainJob() throws Exception {
		final Path maps = dir.resolve("maps");
		final String out = RealImageJ.runMacroFile(Paths.get("macros", "learned_features.ijm"), maps.toString());
		assertTrue(out.contains("learned_features: cell_learned_features 550x660 4 channels 32-bit"), out);
		assertTrue(out.contains("learned_features: cell_learned_edges 550x660 1 channels 32-bit"), out);
		final Path headless = dir.resolve("headless");
		assertEquals(0, PipelineRunner.run(new String[] { "--output", headless.toString() }, System.out, System.err));
		final ImagePlus fromMacro = IJ.openImage(maps.resolve("cell_learned_edges.tif").toString());
		final ImagePlus fromJob = IJ.openImage(headless.resolve("cell_learned_conv2d_relu_conv2d.tif").toString());
		assertArrayEquals((float[]) fromJob.getProcessor().getPixels(), (float[]) fromMacro.getProcessor().getPixels());
		final ImagePlus features = IJ.openImage(maps.resolve("cell_learned_features.tif").toString());
		assertEquals(4, features.getNChannels());
	}
}

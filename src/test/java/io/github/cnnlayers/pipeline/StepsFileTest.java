package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * A small model as a text file plus its weights: {@code --steps FILE} runs PyTorch's
 * conv - BN - ReLU - max pool - conv (weights in a .safetensors fixture) on a 2-channel image, and the
 * last result equals PyTorch's output.
 */
class StepsFileTest {

	@TempDir
	Path dir;

	@Test
	void aModelAsAStepsFileGivesPyTorchsOutput() throws Exception {
		final Path model = Paths.get(getClass().getResource("/fixtures/seq/seq_model.safetensors").toURI());
		final float[] input = WeightFile.read(Paths.get(getClass().getResource("/fixtures/seq/input.npy").toURI()), null).data();
		final ImageStack s = new ImageStack(20, 24);
		for (int c = 0; c < 2; c++)
			s.addSlice(new FloatProcessor(20, 24, Arrays.copyOfRange(input, c * 480, (c + 1) * 480)));
		final ImagePlus imp = new ImagePlus("x", s);
		imp.setDimensions(2, 1, 1);
		imp.setOpenAsHyperStack(true);
		final Path tif = dir.resolve("x.tif");
		assertTrue(new FileSaver(imp).saveAsTiff(tif.toString()));
		final Path steps = dir.resolve("model.txt");
		Files.write(steps, String.join("\n",
			"# PyTorch nn.Sequential(Conv2d(2, 4, 3, padding=1), BatchNorm2d(4), ReLU(), MaxPool2d(2), Conv2d(4, 3, 3, padding=1))",
			"Conv2D... weights=[" + model + "] tensor=0 padding=same",
			"",
			"Batch Norm... weights=[" + model + "] tensor=1 eps=1e-5",
			"run(\"ReLU\");",
			"Max Pooling... size=2",
			"Conv2D... weights=[" + model + "] tensor=4 padding=1").getBytes(StandardCharsets.UTF_8));
		final Run r = Run.of("--input", tif.toString(), "--output", dir.resolve("out").toString(), "--steps", steps.toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Pipeline: 5 steps, each on the previous result"), r.out);
		final ImagePlus out = IJ.openImage(dir.resolve("out").resolve("x_conv2d_batchnorm_relu_maxpooling_conv2d.tif").toString());
		assertNotNull(out, r.toString());
		assertEquals(3, out.getNChannels());
		final float[] expected = WeightFile.read(Paths.get(getClass().getResource("/fixtures/seq/after_4.npy").toURI()), null).data();
		for (int c = 0; c < 3; c++) {
			final float[] got = (float[]) out.getStack().getProcessor(c + 1).getPixels();
			for (int i = 0; i < got.length; i++)
				assertEquals(expected[c * 120 + i], got[i], 1e-4 * Math.max(1, Math.abs(expected[c * 120 + i])), "channel " + c);
		}
	}

	@Test
	void anUnreadableOrEmptyStepsFileIsAUsageError() throws Exception {
		final Run missing = Run.of("--steps", dir.resolve("none.txt").toString(), "--output", dir.resolve("o").toString());
		assertEquals(PipelineRunner.USAGE_ERROR, missing.code);
		assertTrue(missing.err.contains("cannot read the steps file"), missing.err);
		final Path empty = dir.resolve("empty.txt");
		Files.write(empty, "# nothing\n\n".getBytes(StandardCharsets.UTF_8));
		final Run none = Run.of("--steps", empty.toString(), "--output", dir.resolve("o").toString());
		assertEquals(PipelineRunner.USAGE_ERROR, none.code);
		assertTrue(none.err.contains("holds no step"), none.err);
	}
}

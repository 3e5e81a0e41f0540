package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandModule;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/** Run Network for scripts: a classifier's scores as PyTorch gives them, the input unchanged, and a bad model cancels. */
class RunNetworkCommandTest extends CommandTestBase {

	private static final Path ONNX = Paths.get("src/test/resources/onnx/networks");

	@Test
	void aClassifiersScoresAndACancelledRun() throws Exception {
		final Tensor in = WeightFile.read(ONNX.resolve("classifier_input.npy"), null);
		final ImageStack s = new ImageStack(16, 16);
		for (int c = 0; c < 3; c++) {
			final float[] px = new float[256];
			System.arraycopy(in.data(), c * 256, px, 0, 256);
			s.addSlice(new FloatProcessor(16, 16, px));
		}
		final ImagePlus imp = new ImagePlus("x", s);
		imp.setDimensions(3, 1, 1);
		final float[] before = ((float[]) imp.getStack().getPixels(1)).clone();
		final CommandModule m = run(RunNetworkCommand.class, "input", imp, "model", ONNX.resolve("classifier.onnx").toAbsolutePath().toString());
		final float[][] scores = (float[][]) m.getOutput("scores");
		final float[] expected = WeightFile.read(ONNX.resolve("classifier_output.npy"), null).data();
		assertEquals(1, scores.length);
		for (int k = 0; k < expected.length; k++)
			assertEquals(expected[k], scores[0][k], 1e-4, "class " + k);
		assertNull(m.getOutput("result"));
		assertArrayEquals(before, (float[]) imp.getStack().getPixels(1));
		final CommandModule bad = run(RunNetworkCommand.class, "input", imp, "model", "nothing.txt");
		assertTrue(bad.isCanceled());
		assertTrue(bad.getCancelReason().contains("allowed: .onnx, .h5, .keras"), bad.getCancelReason());
	}
}

package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * Every new single-input command is a pipeline step under its menu label and keys, and each step's result equals
 * the menu command run on the previous step's result.
 */
class NewLayerStepsTest {

	private static float[] all(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] v = new float[n * imp.getStackSize()];
		for (int i = 1; i <= imp.getStackSize(); i++)
			System.arraycopy((float[]) imp.getStack().getProcessor(i).convertToFloat().getPixels(), 0, v, (i - 1) * n, n);
		return v;
	}

	@Test
	void aChainOfEveryNewStepEqualsTheMenuCommandsOneAfterAnother() throws Exception {
		final String weight = Paths.get(getClass().getResource("/fixtures/new_layers/t03_weight.npy").toURI()).toString(); // 1 -> 1, 1x1
		final String[] steps = { "Pad... top=1 bottom=0 left=2 right=1 mode=replicate", "Upsample... scale=2 mode=bilinear",
			"run(\"ConvTranspose2D...\", \"weights=[" + weight + "] stride=2 output_padding=1\");", "GELU", "ELU... alpha=0.5", "silu",
			"Instance Norm... eps=1e-3", "Group Norm... groups=1", "Softmax", "@4 Global Average Pooling", "@4 global max pooling" };
		final Pipeline p = Pipeline.parse(steps);
		final float[] px = new float[7 * 5];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) Math.cos(i * 1.3) * 4;
		final ImagePlus in = new ImagePlus("x", new FloatProcessor(7, 5, px));
		final List<FeatureMap> r = p.run(in, "x");
		final LayerCommand[] commands = { LayerCommand.PAD, LayerCommand.UPSAMPLE, LayerCommand.CONV_TRANSPOSE2D, LayerCommand.GELU,
			LayerCommand.ELU, LayerCommand.SILU, LayerCommand.INSTANCE_NORM, LayerCommand.GROUP_NORM, LayerCommand.SOFTMAX,
			LayerCommand.GLOBAL_AVERAGE_POOLING, LayerCommand.GLOBAL_MAX_POOLING };
		final String[] options = { "top=1 bottom=0 left=2 right=1 mode=replicate", "scale=2 mode=bilinear",
			"weights=[" + weight + "] stride=2 output_padding=1", "", "alpha=0.5", "", "eps=1e-3", "groups=1", "", "", "" };
		ImagePlus previous = in;
		for (int s = 0; s < commands.length; s++) {
			assertEquals(commands[s].label(), p.steps().get(s).label());
			final ImagePlus source = s >= 9 ? r.get(3).image() : previous;
			final ImagePlus expected;
			if (commands[s].inPlace()) {
				expected = source.duplicate();
				commands[s].applyInPlace(expected, options[s] + " stack");
			}
			else
				expected = commands[s].makeNew(source, options[s] + " stack");
			assertArrayEquals(all(expected), all(r.get(s).image()), 0, steps[s]);
			previous = r.get(s).image();
		}
		assertEquals("x_pad_upsample_convtranspose2d_gelu_globalmaxpooling", p.outputNames("x").get(10));
		assertEquals("x_pad_upsample_convtranspose2d_gelu_globalavgpooling", p.outputNames("x").get(9));
		assertEquals(1, r.get(10).image().getWidth());
	}
}

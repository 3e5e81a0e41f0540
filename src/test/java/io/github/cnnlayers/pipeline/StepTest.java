package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;

class StepTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"Conv2D... kernel=[1 2 1\\n2 4 2\\n1 2 1] normalize | CONV2D          | kernel=[1 2 1\\n2 4 2\\n1 2 1] normalize stack",
		"conv2d preset=[sobel x]                         | CONV2D          | preset=[sobel x] stack",
		"ReLU                                            | RELU            | stack",
		"  relu   stack                                  | RELU            | stack",
		"Leaky ReLU... alpha=0.1                         | LEAKY_RELU      | alpha=0.1 stack",
		"LEAKY RELU alpha=0.2 slice                      | LEAKY_RELU      | alpha=0.2 slice",
		"Max Pooling... size=3 stride=2 ceil             | MAX_POOLING     | size=3 stride=2 ceil stack",
		"Average Pooling...                              | AVERAGE_POOLING | stack",
		"run(\"Max Pooling...\", \"size=2 stride=2\");   | MAX_POOLING     | size=2 stride=2 stack",
		"run(\"ReLU\");                                  | RELU            | stack",
		"Sigmoid                                         | SIGMOID         | stack",
		"tanh slice                                      | TANH            | slice",
		"Min Pooling... size=2                           | MIN_POOLING     | size=2 stack",
		"@0 Min Pooling... size=2                        | MIN_POOLING     | size=2 stack" })
	void parsesMenuLabelsAndRecordedLines(final String text, final LayerCommand command, final String options) {
		final Step step = Step.parse(1, text);
		assertEquals(command.label(), step.label());
		assertEquals(options, step.options());
		assertEquals(text.trim(), step.text());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"run(\"Conv2D...\", \"kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] preset=[custom] stride=1 padding=1 border=zero dilation=1 bias=0 normalize stack\");",
		"run(\"ReLU\", \"stack\");",
		"run(\"Leaky ReLU...\", \"alpha=0.01 stack\");",
		"run(\"Max Pooling...\", \"size=2 stride=2 padding=0 ceil stack\");",
		"run(\"Average Pooling...\", \"size=2 stride=2 padding=0 ceil count stack\");" })
	void acceptsTheMacroContractLinesOfTheGuide(final String line) {
		final Step step = Step.parse(1, line);
		assertTrue(step.options().endsWith("stack"), step.options());
		assertTrue(line.contains("\"" + step.label() + "\""), line);
	}

	@Test
	void unknownCommandListsTheKnownOnes() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Step.parse(2, "Conv4D... size=2"));
		assertEquals("Step 2: unknown command in \"Conv4D... size=2\"; known commands: \"Conv2D...\", \"Batch Norm...\", \"ReLU\", " +
			"\"Leaky ReLU...\", \"Sigmoid\", \"Tanh\", \"Max Pooling...\", \"Average Pooling...\", \"Min Pooling...\", " +
			"\"ConvTranspose2D...\", \"Upsample...\", \"ELU...\", \"GELU\", \"SiLU\", \"Softmax\", \"Global Average Pooling\", " +
			"\"Global Max Pooling\", \"Group Norm...\", \"Instance Norm...\", \"Pad...\", \"Conv3D...\", \"ConvTranspose3D...\", " +
			"\"Max Pooling 3D...\", \"Average Pooling 3D...\", \"Min Pooling 3D...\", \"Upsample 3D...\", \"Group Norm 3D...\", \"Instance Norm 3D...\", " +
			"\"Global Average Pooling 3D\", \"Global Max Pooling 3D\", \"Run Network...\", and of two inputs Concat, Add, Multiply (e.g. \"Concat @1 @2\"). Write a step as a menu label followed by its " +
			"macro options, e.g. \"Max Pooling... size=2 stride=2\"", e.getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.parse(1, "run(\"Gaussian Blur...\", \"sigma=2\");"))
			.getMessage().startsWith("Step 1: unknown command"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.parse(1, "ReLUx")).getMessage()
			.startsWith("Step 1: unknown command"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Step.parse(3, "  ")).getMessage()
			.startsWith("Step 3 is empty; known commands: \"Conv2D...\""));
	}

	@Test
	void badOptionsGiveThePluginsOwnMessageWithTheStepNumber() {
		assertEquals("Step 2 (Leaky ReLU...): Leaky ReLU: alpha=abc is not a finite number; allowed: any finite number (default 0.01)",
			assertThrows(IllegalArgumentException.class, () -> Step.parse(2, "Leaky ReLU... alpha=abc")).getMessage());
		assertEquals("Step 1 (Max Pooling...): Max Pooling: unknown option \"sise\"; allowed: size, stride, padding, ceil, stack, slice",
			assertThrows(IllegalArgumentException.class, () -> Step.parse(1, "Max Pooling... sise=2")).getMessage());
		assertEquals("Step 3 (ReLU): ReLU: unknown option \"alpha\"; allowed: stack, slice",
			assertThrows(IllegalArgumentException.class, () -> Step.parse(3, "ReLU alpha=0.1")).getMessage());
		final String kernel = assertThrows(IllegalArgumentException.class, () -> Step.parse(1, "Conv2D... kernel=[1 2\\n3 4]"))
			.getMessage();
		assertTrue(kernel.startsWith("Step 1 (Conv2D...): Kernel size 2x2 has an even side"), kernel);
		final String pad = assertThrows(IllegalArgumentException.class, () -> Step.parse(4, "Max Pooling... size=2 padding=2"))
			.getMessage();
		assertTrue(pad.startsWith("Step 4 (Max Pooling...): ") && pad.contains("allowed: 0 <= padding <= 1"), pad);
	}

	@Test
	void pipelineReportsEveryBadStepAtOnce() {
		final String m = assertThrows(IllegalArgumentException.class,
			() -> Pipeline.parse("Conv2D... stride=0", "ReLU", "Pooling size=2")).getMessage();
		final String[] lines = m.split("\n");
		assertEquals(2, lines.length, m);
		assertTrue(lines[0].startsWith("Step 1 (Conv2D...): Stride 0 is not allowed"), m);
		assertTrue(lines[1].startsWith("Step 3: unknown command in \"Pooling size=2\""), m);
	}

	@Test
	void errorsThatDependOnTheImageNameTheStepAndTheImage() {
		final Step step = Step.parse(2, "Conv2D... kernel=[1 1 1 1 1\\n1 1 1 1 1\\n1 1 1 1 1] padding=0");
		final ImagePlus tiny = new ImagePlus("tiny", new FloatProcessor(3, 3));
		final String m = assertThrows(IllegalArgumentException.class, () -> step.run(tiny, "tiny")).getMessage();
		assertTrue(m.startsWith("Step 2 (Conv2D...): on tiny (3x3): Output width would be empty"), m);
	}

	@Test
	void pipelineChainsStepsAndNamesEveryResult() {
		final FloatProcessor fp = new FloatProcessor(8, 6);
		for (int i = 0; i < 48; i++)
			fp.setf(i, (i % 5) - 2f);
		final ImagePlus imp = new ImagePlus("img.tif", fp);
		final float[] before = ((float[]) fp.getPixels()).clone();
		final List<FeatureMap> maps = Pipeline.parse("Conv2D... preset=identity", "Leaky ReLU... alpha=0.5", "Max Pooling... size=2")
			.run(imp, "img");
		assertEquals(3, maps.size());
		assertEquals("img_conv2d", maps.get(0).name());
		assertEquals("img_conv2d_leakyrelu", maps.get(1).name());
		assertEquals("img_conv2d_leakyrelu_maxpooling", maps.get(2).name());
		assertEquals("img_conv2d_leakyrelu", maps.get(1).image().getTitle());
		assertNotSame(maps.get(0).image(), maps.get(1).image(), "the in-place activation works on a copy");
		final float[] conv = (float[]) maps.get(0).image().getProcessor().getPixels();
		final float[] leaky = (float[]) maps.get(1).image().getProcessor().getPixels();
		for (int i = 0; i < 48; i++) {
			assertEquals(before[i], conv[i], 0f, "identity kernel");
			assertEquals(before[i] > 0 ? before[i] : 0.5f * before[i], leaky[i], 0f);
		}
		assertEquals(4, maps.get(2).image().getWidth());
		assertEquals(3, maps.get(2).image().getHeight());
		assertEquals(before[0], ((float[]) fp.getPixels())[0], 0f, "input untouched");
	}

	@Test
	void activationOnAnImageThatCannotBeNegativeIsANoteNotAnError() {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(4, 4));
		final FeatureMap m = Step.parse(1, "ReLU").run(imp, "b");
		assertEquals("ReLU left the 8-bit image unchanged: it holds no negative values (convert to 32-bit first)", m.note());
		assertNull(Step.parse(1, "ReLU").run(new ImagePlus("f", new FloatProcessor(4, 4)), "f").note());
	}

	@Test
	void stepsDescribeTheParametersInEffect() {
		assertEquals("kernel 3x3 [0 0.125 0; 0.125 0.5 0.125; 0 0.125 0] (normalized), stride 2, padding 1, border zero, " +
			"dilation 1, bias 0", Step.parse(1, "Conv2D... kernel=[0 1 0\\n1 4 1\\n0 1 0] normalize stride=2").describe());
		assertEquals("kernel 5x3 [1 1 1 1 1; 1 1 1 1 1; 1 1 1 1 1], stride 1, padding 2,1, border reflect, dilation 1, bias 0.5",
			Step.parse(1, "Conv2D... kernel=[1 1 1 1 1\\n1 1 1 1 1\\n1 1 1 1 1] border=REFLECT bias=0.5").describe());
		assertEquals("alpha 0.01: f(x) = x > 0 ? x : alpha*x", Step.parse(1, "Leaky ReLU...").describe());
		assertEquals("average, size 3, stride 1, padding 1, ceil, padded pixels counted",
			Step.parse(1, "Average Pooling... size=3 stride=1 padding=1 ceil count").describe());
		assertEquals("Conv2D sobel x 3x3, stride 2", Step.parse(1, "Conv2D... preset=[Sobel X] stride=2").caption());
		assertEquals("Max Pooling 2x2", Step.parse(1, "Max Pooling...").caption());
	}
}

package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;

import ij.ImagePlus;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.KernelPreset;
import net.imglib2.img.array.ArrayImgs;

class Conv2DCommandTest extends CommandTestBase {

	private static final float[] NINE = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

	private static final String ONES = "1 1 1\n1 1 1\n1 1 1";

	@Test
	void onesKernelGivesHandComputedSums() throws Exception {
		final ImagePlus imp = floats("nine.tif", 3, 3, NINE.clone());
		final Snapshot before = new Snapshot(imp);
		final ImagePlus out = result(Conv2DCommand.class, "input", imp, "kernel", ONES);
		// padding "same" = 1, border zero: each output is the sum of the 3x3 neighbourhood inside the image
		assertArrayEquals(new float[] { 12, 21, 16, 27, 45, 33, 24, 39, 28 }, plane(out, 1), 0);
		assertEquals("nine-conv2d", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertNotSame(imp, out);
		before.assertUnchanged();
	}

	@Test
	void strideReplicateBiasAndNormalizeAreHandedOn() throws Exception {
		final ImagePlus imp = floats("n", 3, 3, NINE.clone());
		final Snapshot before = new Snapshot(imp);
		ImagePlus out = result(Conv2DCommand.class, "input", imp, "kernel", ONES, "stride", 2, "padding", "1",
			"border", "replicate", "bias", 0.5);
		// windows centred on (0,0), (2,0), (0,2), (2,2), edge pixels repeated
		assertEquals(2, out.getWidth());
		assertEquals(2, out.getHeight());
		assertArrayEquals(new float[] { 21.5f, 33.5f, 57.5f, 69.5f }, plane(out, 1), 0);
		out = result(Conv2DCommand.class, "input", imp, "kernel", ONES, "normalize", true, "padding", "0");
		assertArrayEquals(new float[] { 5 }, plane(out, 1), 1e-6f); // mean of 1..9
		out = result(Conv2DCommand.class, "input", imp, "kernel", "1 0 -1", "padding", "1,0", "dilation", 1);
		assertArrayEquals(new float[] { -2, -2, 2, -5, -2, 5, -8, -2, 8 }, plane(out, 1), 0);
		before.assertUnchanged();
	}

	@Test
	void presetMatchesTheCoreConvolution() throws Exception {
		final int w = 7, h = 5;
		final float[] px = new float[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) Math.sin(i * 0.7) * 10;
		final ImagePlus imp = floats("p", w, h, px.clone());
		final ImagePlus out = result(Conv2DCommand.class, "input", imp, "preset", "sobel x", "border", "reflect",
			"dilation", 2, "stride", 2);
		final Conv2D.PerPlane conv = Conv2D.perPlane(KernelPreset.SOBEL_X.kernel()).stride(2).padding(2).dilation(2).border(BorderMode.REFLECT).build();
		final long[] size = conv.outputSize(w, h);
		final float[] expected = new float[(int) (size[0] * size[1])];
		conv.compute(ArrayImgs.floats(px, w, h), ArrayImgs.floats(expected, size[0], size[1]));
		assertEquals(size[0], out.getWidth());
		assertEquals(size[1], out.getHeight());
		assertArrayEquals(expected, plane(out, 1), 0);
	}

	@Test
	void defaultsAreTheMacroDefaults() throws Exception {
		final ImagePlus imp = floats("d", 4, 3, 3, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, -8);
		final ImagePlus out = result(Conv2DCommand.class, "input", imp);
		final ImagePlus macro = LayerCommand.CONV2D.makeNew(imp, "");
		assertArrayEquals(plane(macro, 1), plane(out, 1), 0);
		// the default kernel is the edge detector, padding same
		final ImagePlus edge = LayerCommand.CONV2D.makeNew(imp, "preset=edge padding=1");
		assertArrayEquals(plane(edge, 1), plane(out, 1), 0);
	}

	@Test
	void kernelTextMayUseLineBreaksBackslashNOrCommas() throws Exception {
		final ImagePlus imp = floats("k", 3, 3, NINE.clone());
		final float[] expected = plane(result(Conv2DCommand.class, "input", imp, "kernel", "0 1 0\n1 -4 1\n0 1 0"), 1);
		assertArrayEquals(expected, plane(result(Conv2DCommand.class, "input", imp, "kernel", "0 1 0\\n1 -4 1\\n0 1 0"), 1), 0);
		assertArrayEquals(expected, plane(result(Conv2DCommand.class, "input", imp, "kernel", "0,1,0\r\n1,-4,1\r\n0,1,0"), 1), 0);
		// -4 * 5 + 2 + 4 + 6 + 8 at the centre
		assertEquals(0, expected[4], 0);
	}

	@Test
	void stackProcessesEveryPlaneElseTheCurrentOne() throws Exception {
		final ImagePlus imp = floatStack("s", 3, 3, 3, NINE);
		imp.setSlice(2);
		final Snapshot before = new Snapshot(imp);
		final ImagePlus all = result(Conv2DCommand.class, "input", imp, "kernel", ONES, "stack", true);
		assertEquals(3, all.getStackSize());
		final float[] sums = { 12, 21, 16, 27, 45, 33, 24, 39, 28 };
		for (int p = 1; p <= 3; p++) {
			final float[] expected = new float[9];
			for (int i = 0; i < 9; i++)
				expected[i] = sums[i] * p;
			assertArrayEquals(expected, plane(all, p), 0);
		}
		final ImagePlus one = result(Conv2DCommand.class, "input", imp, "kernel", ONES);
		assertEquals(1, one.getStackSize());
		assertArrayEquals(plane(all, 2), plane(one, 1), 0);
		before.assertUnchanged();
	}

	/**
	 * Each row: the command's inputs (name=value; value text, {@code \n} a line break), then the same
	 * in macro options; the command must cancel with exactly the plugin's message.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"kernel=1 1\\n1 1                | kernel=[1 1\\n1 1]",
		"kernel=1 1 1\\n1 x 1\\n1 1 1     | kernel=[1 1 1\\n1 x 1\\n1 1 1]",
		"stride=0                        | stride=0",
		"stride=-2                       | stride=-2",
		"border=mirror                   | border=mirror",
		"preset=blur                     | preset=blur",
		"padding=abc                     | padding=abc",
		"padding=-1                      | padding=-1",
		"dilation=0                      | dilation=0",
		"bias=NaN                        | bias=NaN",
		"padding=9;border=reflect        | padding=9 border=reflect",
		"preset=gaussian 5x5;padding=0;dilation=3 | preset=[gaussian 5x5] padding=0 dilation=3" })
	void invalidParametersCancelWithThePluginsMessage(final String inputs, final String macroOptions) throws Exception {
		final ImagePlus imp = floats("bad", 9, 9, new float[81]);
		Arrays.fill(plane(imp, 1), 1.5f);
		final Snapshot before = new Snapshot(imp);
		final String expected = messageOf(() -> LayerCommand.CONV2D.makeNew(imp, macroOptions.replace("\\n", "\n")));
		final CommandModule module = run(Conv2DCommand.class, inputs(imp, inputs));
		assertCanceled(module, expected);
		before.assertUnchanged();
	}

	@Test
	void documentedMessages() throws Exception {
		final ImagePlus imp = floats("m", 5, 5, new float[25]);
		assertCanceled(run(Conv2DCommand.class, "input", imp, "kernel", "1 1\n1 1"),
			"Kernel size 2x2 has an even side (width 2); allowed: odd widths and heights 1, 3, 5, 7, ... " +
				"(rectangular such as 3x5 is fine)");
		assertCanceled(run(Conv2DCommand.class, "input", imp, "stride", 0),
			"Stride 0 is not allowed; allowed: whole numbers >= 1");
		assertCanceled(run(Conv2DCommand.class, "input", imp, "border", "mirror"),
			"Unknown border \"mirror\"; allowed: zero, replicate, reflect, circular");
		// ']' cannot travel in the options string: a message rather than a confusing parse error
		assertCanceled(run(Conv2DCommand.class, "input", imp, "kernel", "[[1, 2, 1]]"),
			"Conv2D: kernel=[[1, 2, 1]] is not allowed: a value cannot contain ']'; give rows of numbers separated " +
				"by spaces or commas, one row per line, e.g. \"0 -1 0\\n-1 5 -1\\n0 -1 0\"");
		// without pre-processing nothing fills a missing input
		assertCanceled(command.run(Conv2DCommand.class, false, "kernel", "1").get(),
			"Conv2D: no input image; pass one as \"input\"");
		// with it, SciJava's own check comes first
		assertCanceled(run(Conv2DCommand.class, "kernel", "1"), "'input' is required but unset.");
	}

	@Test
	void sciJavaItselfRejectsUnknownNamesAndConvertsNumbers() throws Exception {
		final ImagePlus imp = floats("s", 5, 5, new float[25]);
		// a misspelt parameter name fails at once, before the command runs
		assertEquals("No such input: kernal", messageOf(() -> command.run(Conv2DCommand.class, true, "input", imp,
			"kernal", "1")));
		// whole-number parameters take any number, so that the menu command's rule decides: 2.9 is refused, never
		// truncated to 2, and a value beyond int is named as out of range, never wrapped around
		assertCanceled(run(Conv2DCommand.class, "input", imp, "kernel", "1", "stride", 2.9),
			"Conv2D: stride=2.9 is not a whole number; allowed: whole numbers >= 1");
		assertCanceled(run(Conv2DCommand.class, "input", imp, "kernel", "1", "stride", 1000000000000L),
			"Conv2D: stride=1000000000000 is out of range (at most 2147483647 in size); allowed: whole numbers >= 1");
		assertEquals(3, result(Conv2DCommand.class, "input", imp, "kernel", "1", "stride", "2").getWidth());
		assertEquals(3, result(Conv2DCommand.class, "input", imp, "kernel", "1", "stride", 2L).getWidth());
	}

	@Test
	void choicesAreThePluginsLabels() {
		final CommandInfo info = command.getCommand(Conv2DCommand.class);
		assertEquals(Arrays.asList(KernelPreset.getAllLabels()), info.getInput("preset").getChoices());
		assertEquals(Arrays.asList(BorderMode.getAllLabels()), info.getInput("border").getChoices());
		assertEquals("custom", info.getInput("preset").getDefaultValue());
		assertEquals(io.github.cnnlayers.core.KernelPreset.EDGE.text(), info.getInput("kernel").getDefaultValue());
	}

	/** {@code "a=1;b=x y"} as inputs "input", imp, "a", "1", "b", "x y" (values as text; SciJava converts). */
	static Object[] inputs(final ImagePlus imp, final String spec) {
		final String[] pairs = spec.trim().split(";");
		final Object[] in = new Object[2 + 2 * pairs.length];
		in[0] = "input";
		in[1] = imp;
		for (int i = 0; i < pairs.length; i++) {
			final int eq = pairs[i].indexOf('=');
			in[2 + 2 * i] = pairs[i].substring(0, eq).trim();
			in[3 + 2 * i] = pairs[i].substring(eq + 1).trim().replace("\\n", "\n");
		}
		return in;
	}
}

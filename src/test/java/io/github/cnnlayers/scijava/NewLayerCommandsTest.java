package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * The SciJava commands of the new layers give the menu command's pixels for the same parameters (the menu
 * commands are checked against PyTorch in {@code plugins.NewLayerCommandsTest}), leave their input unchanged,
 * and cancel with the menu command's message.
 */
class NewLayerCommandsTest extends CommandTestBase {

	private static Path fixture(final String name) throws Exception {
		return Paths.get(NewLayerCommandsTest.class.getResource("/fixtures/new_layers/" + name).toURI());
	}

	/** A 32-bit 2-channel hyperstack 5 x 4 with values that differ per pixel and channel, some negative. */
	private static ImagePlus twoChannels() {
		final ImageStack s = new ImageStack(5, 4);
		for (int c = 0; c < 2; c++) {
			final float[] p = new float[20];
			for (int i = 0; i < 20; i++)
				p[i] = (float) Math.sin(i * 0.7 + c) * 3;
			s.addSlice(new FloatProcessor(5, 4, p));
		}
		final ImagePlus imp = new ImagePlus("h", s);
		imp.setDimensions(2, 1, 1);
		return imp;
	}

	private static float[] all(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] v = new float[n * imp.getStackSize()];
		for (int i = 1; i <= imp.getStackSize(); i++)
			System.arraycopy((float[]) imp.getStack().getProcessor(i).convertToFloat().getPixels(), 0, v, (i - 1) * n, n);
		return v;
	}

	private static void sameAsMenuCommand(final LayerCommand menu, final String options, final ImagePlus input, final ImagePlus result) {
		final ImagePlus expected;
		if (menu.inPlace()) {
			expected = input.duplicate();
			menu.applyInPlace(expected, options);
		}
		else
			expected = menu.makeNew(input, options);
		assertEquals(expected.getNChannels(), result.getNChannels(), menu.label());
		assertEquals(expected.getWidth(), result.getWidth(), menu.label());
		assertEquals(expected.getBitDepth(), result.getBitDepth(), menu.label());
		assertArrayEquals(all(expected), all(result), 0, menu.label());
		assertEquals(input.getTitle() + "-" + menu.titleSuffix(), result.getTitle());
	}

	@Test
	void newImageCommandsGiveTheMenuCommandsPixels() throws Exception {
		final ImagePlus in = twoChannels();
		final float[] before = all(in);
		sameAsMenuCommand(LayerCommand.UPSAMPLE, "scale=1.5 mode=bilinear align_corners stack", in,
			result(UpsampleCommand.class, "input", in, "scale", 1.5, "mode", "bilinear", "align_corners", true, "stack", true));
		sameAsMenuCommand(LayerCommand.SOFTMAX, "stack", in, result(SoftmaxCommand.class, "input", in, "stack", true));
		sameAsMenuCommand(LayerCommand.GLOBAL_AVERAGE_POOLING, "stack", in, result(GlobalAveragePoolingCommand.class, "input", in, "stack", true));
		sameAsMenuCommand(LayerCommand.GLOBAL_MAX_POOLING, "stack", in, result(GlobalMaxPoolingCommand.class, "input", in, "stack", true));
		sameAsMenuCommand(LayerCommand.GROUP_NORM, "groups=2 eps=0.01 stack", in,
			result(GroupNormCommand.class, "input", in, "groups", 2, "eps", 0.01, "stack", true));
		sameAsMenuCommand(LayerCommand.INSTANCE_NORM, "stack", in, result(InstanceNormCommand.class, "input", in, "stack", true));
		sameAsMenuCommand(LayerCommand.PAD, "top=2 bottom=0 left=1 right=3 mode=circular stack", in,
			result(PadCommand.class, "input", in, "top", 2, "bottom", 0, "left", 1, "right", 3, "mode", "circular", "stack", true));
		final String w = fixture("t01_weight.npy").toString(), b = fixture("t01_bias.npy").toString();
		sameAsMenuCommand(LayerCommand.CONV_TRANSPOSE2D, "weights=[" + w + "] biases=[" + b + "] stride=2 padding=1 output_padding=1 stack",
			in, result(ConvTranspose2DCommand.class, "input", in, "weights", w, "biases", b, "stride", 2, "padding", 1, "output_padding", 1,
				"stack", true));
		assertArrayEquals(before, all(in), 0, "the input is never changed");
	}

	@Test
	void activationsReturnAChangedCopy() throws Exception {
		final ImagePlus in = twoChannels();
		final float[] before = all(in);
		sameAsMenuCommand(LayerCommand.ELU, "alpha=0.3 stack", in, result(EluCommand.class, "input", in, "alpha", 0.3, "stack", true));
		sameAsMenuCommand(LayerCommand.GELU, "stack", in, result(GeluCommand.class, "input", in, "stack", true));
		sameAsMenuCommand(LayerCommand.SILU, "stack", in, result(SiluCommand.class, "input", in, "stack", true));
		assertArrayEquals(before, all(in), 0, "the input is never changed");
	}

	@Test
	void refusalsCancelWithTheMenuCommandsMessage() throws Exception {
		final ImagePlus bytes = new ImagePlus("b", new ByteProcessor(3, 3));
		assertCanceled(run(GeluCommand.class, "input", bytes), "GELU needs a 32-bit image: its values lie in [-0.17, inf), which the 8-bit " +
			"image cannot hold (they would be rounded); convert it first with Image > Type > 32-bit");
		assertEquals("ELU left the 8-bit image unchanged: it holds no negative values (convert to 32-bit first)",
			run(EluCommand.class, "input", bytes).getOutput("note"));
		assertCanceled(run(UpsampleCommand.class, "input", bytes, "align_corners", true),
			"Upsample: align_corners is not allowed with mode nearest (as in PyTorch); allowed: align_corners with mode bilinear");
		assertCanceled(run(PadCommand.class, "input", bytes, "mode", "reflect", "value", 1),
			"Pad: Value 1.0 is not allowed with pad mode reflect: only mode constant fills with a value; allowed: value 0, or mode constant");
		assertNull(run(ConvTranspose2DCommand.class, "input", bytes).getOutput("result"));
	}
}

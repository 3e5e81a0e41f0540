package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.plugin.filter.Convolver;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.KernelPreset;

class Conv2DPluginTest {

	private static final String K3 = "1 -2 3\n0.5 4 -1\n2 0 -3";

	/** ImageJ's own Convolver (replicate border, same size, cross-correlation) on a float copy of one channel. */
	static float[] convolver(final ImageProcessor ip, final int channel, final String kernel, final boolean normalize) {
		final FloatProcessor fp = (FloatProcessor) ip.toFloat(channel, null).duplicate();
		final Kernel k = Kernel.parse(kernel);
		final Convolver c = new Convolver();
		c.setNormalize(normalize);
		c.convolve(fp, k.weights(), k.width(), k.height());
		return (float[]) fp.getPixels();
	}

	static void assertClose(final float[] expected, final float[] actual, final double tol, final String what) {
		assertEquals(expected.length, actual.length, what + ": length");
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + ": pixel " + i);
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32, 24 })
	void matchesImageJConvolverWithReplicateBorder(final int bitDepth) {
		final ImagePlus imp = new ImagePlus("src.tif", Images.plane(bitDepth, 37, 23, bitDepth));
		final Object[] before = Images.snapshot(imp);
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "kernel=[" + K3 + "] border=replicate");
		assertEquals(32, out.getBitDepth());
		assertEquals(37, out.getWidth());
		assertEquals(23, out.getHeight());
		final int channels = bitDepth == 24 ? 3 : 1;
		assertEquals(channels, out.getNChannels());
		for (int c = 0; c < channels; c++)
			assertClose(convolver(imp.getProcessor(), c, K3, false), (float[]) out.getStack().getPixels(c + 1), 1e-5,
				bitDepth + "-bit channel " + c);
		assertArrayEquals(before, Images.snapshot(imp), "source untouched");
		assertEquals("src-conv2d", out.getTitle());
	}

	@Test
	void matchesImageJConvolverOnEveryPlaneOfAStack() {
		final ImagePlus imp = Images.stack("stack", 16, 20, 15, 3);
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "kernel=[" + K3 + "] border=replicate stack");
		assertEquals(3, out.getStackSize());
		for (int i = 1; i <= 3; i++) {
			assertClose(convolver(imp.getStack().getProcessor(i), 0, K3, false), (float[]) out.getStack().getPixels(i), 1e-5, "plane " + i);
			assertEquals("plane " + i, out.getStack().getSliceLabel(i));
		}
	}

	@Test
	void normalizeMatchesImageJConvolverNormalize() {
		final ImagePlus imp = new ImagePlus("n", Images.plane(32, 16, 16, 5));
		final String k = "1 2 1\n2 4 2\n1 2 1";
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "kernel=[" + k + "] border=replicate normalize");
		assertClose(convolver(imp.getProcessor(), 0, k, true), (float[]) out.getProcessor().getPixels(), 1e-5, "normalized");
	}

	@Test
	void withoutStackOnlyTheCurrentPlaneIsProcessed() {
		final ImagePlus imp = Images.stack("s", 32, 10, 10, 4);
		imp.setSlice(3);
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "preset=identity");
		assertEquals(1, out.getStackSize());
		assertArrayEquals((float[]) imp.getStack().getPixels(3), (float[]) out.getProcessor().getPixels());
	}

	@Test
	void hyperstackDimensionsAndCalibrationAreCarried() {
		final ImagePlus imp = IJ.createHyperStack("hyper", 21, 17, 2, 3, 2, 16);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.25;
		cal.setUnit("micron");
		cal.frameInterval = 2;
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "stride=2 padding=0 stack");
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertEquals(10, out.getWidth()); // floor((21 - 2 - 1) / 2) + 1
		assertEquals(8, out.getHeight());
		final Calibration oc = out.getCalibration();
		assertEquals(1.0, oc.pixelWidth, 1e-12);
		assertEquals(0.5, oc.pixelHeight, 1e-12);
		assertEquals(cal.getUnit(), oc.getUnit());
		assertEquals(2, oc.frameInterval, 0);
		// output pixel 0 sits on input pixel 1 (the centre of its 3x3 window)
		assertEquals(cal.getX(1), oc.getX(0), 1e-12);
		assertEquals(cal.getX(2 * 4 + 1), oc.getX(4), 1e-12);
	}

	@Test
	void presetReplacesKernelTextAndChoicesMatchInAnyCase() {
		final ImagePlus imp = new ImagePlus("p", Images.plane(32, 12, 9, 1));
		final ImagePlus sobel = LayerCommand.CONV2D.makeNew(imp, "kernel=[1 1 1\n1 1 1\n1 1 1] preset=[SOBEL X] border=Replicate");
		assertClose(convolver(imp.getProcessor(), 0, KernelPreset.SOBEL_X.text(), false), (float[]) sobel.getProcessor().getPixels(),
			1e-5, "sobel x");
	}

	@Test
	void defaultsAreTheNotesEdgeKernelSamePaddingZeroBorder() {
		final float[] px = new float[25];
		px[12] = 1; // a single bright pixel in the centre of 5x5
		final ImagePlus imp = new ImagePlus("d", new FloatProcessor(5, 5, px));
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "");
		final float[] o = (float[]) out.getProcessor().getPixels();
		assertEquals(5, out.getWidth());
		assertEquals(8, o[12], 0);
		assertEquals(-1, o[6], 0);
		assertEquals(0, o[0], 0);
	}

	@Test
	void rgbGivesAThreeChannelComposite() {
		final ImagePlus imp = new ImagePlus("rgb", Images.plane(24, 9, 7, 3));
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "preset=identity");
		assertTrue(out.isComposite());
		assertEquals(3, out.getNChannels());
		for (int c = 0; c < 3; c++)
			assertArrayEquals(Images.floats(imp.getProcessor(), c), (float[]) out.getStack().getPixels(c + 1));
	}

	@Test
	void kernelFileIsUsedInsteadOfTheTextAndAMissingFileIsAnError(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
		throws Exception
	{
		final java.nio.file.Path file = dir.resolve("sobel y.txt");
		java.nio.file.Files.write(file, (KernelPreset.SOBEL_Y.text() + "\n").getBytes("UTF-8"));
		final ImagePlus imp = new ImagePlus("f", Images.plane(32, 11, 8, 4));
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "kernel=[1] file=[" + file + "] border=replicate");
		assertClose(convolver(imp.getProcessor(), 0, KernelPreset.SOBEL_Y.text(), false), (float[]) out.getProcessor().getPixels(),
			1e-5, "kernel from file");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(imp, "file=[" + dir.resolve("missing.txt") + "]"));
		assertTrue(e.getMessage().contains("cannot read the kernel file") && e.getMessage().contains("missing.txt"), e.getMessage());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"kernel=[1 1\\n1 1]                       | 2x2",
		"kernel=[1 1 1\\n1 x 1\\n1 1 1]            | \"x\"",
		"kernel=[1 1 1\\n1 1\\n1 1 1]              | row 2 has 2 values",
		"stride=0                                  | Stride 0",
		"stride=1.5                                | stride=1.5 is not a whole number",
		"padding=-1                                | Padding -1",
		"padding=abc                               | padding=abc is not allowed",
		"dilation=0                                | Dilation 0",
		"bias=abc                                  | bias=abc is not a finite number",
		"border=mirror                             | allowed: zero, replicate, reflect, circular",
		"preset=blur                               | Unknown preset \"blur\"",
		"padding=9 border=reflect                  | padding 9 >= width 9",
		"padding=0 preset=[gaussian 5x5] dilation=3 | Output width would be empty",
		"kernal=[1]                                | unknown option \"kernal\"",
		"padding=2000000000                        | Padding 2000000000 makes a padded image of 4000000009 x 4000000009 pixels",
		"dilation=2000000000                       | Padding 2000000000 (dilation 2000000000) makes a padded image",
		"dilation=2147483647                       | Dilation 2147483647 is too large: padding \"same\" would be 2147483647",
		"dilation=1000000000                       | row buffers need",
		"padding=99999999999                       | padding=99999999999 is not allowed",
		"stride=1e12                               | stride=1e12 is out of range",
		"bias=1e40                                 | Bias 1.0E40 is outside the range of 32-bit floats",
		"kernel=[1e40]                             | outside the range of 32-bit floats",
		"stride=2 stride=3                         | option \"stride\" is given twice",
		"stack slice                               | contradict each other",
		"normalize=maybe                           | \"normalize\" is a flag" })
	void badInputGivesItsMessageAndLeavesTheSourceIntact(final String options, final String message) {
		final ImagePlus imp = new ImagePlus("bad", Images.plane(16, 9, 9, 9));
		final Object[] before = Images.snapshot(imp);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(imp, options.replace("\\n", "\n")));
		assertNotNull(e.getMessage());
		assertTrue(e.getMessage().contains(message), e.getMessage());
		assertTrue(Arrays.deepEquals(before, Images.snapshot(imp)), "source intact");
	}
}

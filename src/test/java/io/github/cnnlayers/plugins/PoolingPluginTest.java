package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.plugin.Binner;
import ij.process.FloatProcessor;

class PoolingPluginTest {

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32, 24 })
	void maxPoolingEqualsImageJBinMaxAndKeepsTheType(final int bitDepth) {
		final ImagePlus imp = new ImagePlus("src", Images.plane(bitDepth, 41, 30, bitDepth));
		final Object[] before = Images.snapshot(imp);
		final ImagePlus binned = new Binner().shrink(imp, 2, 2, 1, Binner.MAX);
		final ImagePlus out = LayerCommand.MAX_POOLING.makeNew(imp, "size=2 stride=2");
		assertEquals(bitDepth, out.getBitDepth());
		assertEquals(20, out.getWidth());
		assertEquals(15, out.getHeight());
		if (bitDepth == 24) // ImageJ ignores the alpha byte of RGB pixels: compare colours
			for (int c = 0; c < 3; c++)
				assertArrayEquals(Images.floats(binned.getProcessor(), c), Images.floats(out.getProcessor(), c), "channel " + c);
		else
			assertArrayEquals(Images.snapshot(binned), Images.snapshot(out));
		assertArrayEquals(before, Images.snapshot(imp), "source untouched");
		assertEquals("src-maxpool", out.getTitle());
	}

	@Test
	void countFalseMeansOffAndCountTrueMeansOn() {
		final ImagePlus imp = new ImagePlus("c", new FloatProcessor(3, 3, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
		final float off = LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1 count=false").getProcessor().getf(0);
		final float on = LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1 count=true").getProcessor().getf(0);
		assertEquals(1f, off, 0, "without count: the one real pixel");
		assertEquals(0.25f, on, 0, "with count: divided by the padded window of 4");
		assertEquals(on, LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1 count").getProcessor().getf(0), 0);
		assertEquals(off, LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1").getProcessor().getf(0), 0);
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32, 24 })
	void minPoolingEqualsImageJBinMinAndKeepsTheType(final int bitDepth) {
		final ImagePlus imp = new ImagePlus("src", Images.plane(bitDepth, 43, 31, 3 + bitDepth));
		final Object[] before = Images.snapshot(imp);
		final ImagePlus binned = new Binner().shrink(imp, 3, 3, 1, Binner.MIN);
		final ImagePlus out = LayerCommand.MIN_POOLING.makeNew(imp, "size=3");
		assertEquals(bitDepth, out.getBitDepth());
		assertEquals(14, out.getWidth());
		assertEquals(10, out.getHeight());
		if (bitDepth == 24)
			for (int c = 0; c < 3; c++)
				assertArrayEquals(Images.floats(binned.getProcessor(), c), Images.floats(out.getProcessor(), c), "channel " + c);
		else
			assertArrayEquals(Images.snapshot(binned), Images.snapshot(out));
		assertArrayEquals(before, Images.snapshot(imp), "source untouched");
		assertEquals("src-minpool", out.getTitle());
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 32, 24 })
	void averagePoolingEqualsImageJBinAverage(final int bitDepth) {
		final ImagePlus imp = new ImagePlus("src", Images.plane(bitDepth, 30, 21, 7 + bitDepth));
		final ImagePlus binned = new Binner().shrink(imp, 3, 3, 1, Binner.AVERAGE);
		final ImagePlus out = LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=3");
		assertEquals(32, out.getBitDepth());
		final int channels = bitDepth == 24 ? 3 : 1;
		assertEquals(channels, out.getNChannels());
		// Bin stores averages in the input type (rounded for integer types)
		final double tol = bitDepth == 32 ? 1e-4 : 0.5 + 1e-6;
		for (int c = 0; c < channels; c++) {
			final float[] expected = Images.floats(binned.getProcessor(), c);
			final float[] actual = (float[]) out.getStack().getPixels(c + 1);
			for (int i = 0; i < expected.length; i++)
				assertEquals(expected[i], actual[i], tol, "channel " + c + " pixel " + i);
		}
		assertEquals("src-avgpool", out.getTitle());
	}

	@Test
	void stackMatchesBinPlaneByPlane() {
		final ImagePlus imp = Images.stack("st", 16, 16, 12, 3);
		final ImagePlus out = LayerCommand.MAX_POOLING.makeNew(imp, "size=2 stack");
		final ImagePlus binned = new Binner().shrink(imp, 2, 2, 1, Binner.MAX);
		assertEquals(3, out.getStackSize());
		assertArrayEquals(Images.snapshot(binned), Images.snapshot(out));
	}

	@Test
	void notesExampleOnAnImage() {
		final float[] px = { 1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4 };
		final ImagePlus out = LayerCommand.MAX_POOLING.makeNew(new ImagePlus("n", new FloatProcessor(4, 4, px)), "");
		assertArrayEquals(new float[] { 6, 8, 3, 4 }, (float[]) out.getProcessor().getPixels());
	}

	@Test
	void paddingCeilAndCountAgainstHandComputedValues() {
		final float[] px = { 4, 8, 12, 16, 20, 24 }; // 3x2
		final ImagePlus imp = new ImagePlus("p", new FloatProcessor(3, 2, px));
		// size 2, stride 2, padding 1 -> windows start at -1, 1 in x and at -1, 1 in y... floor((3+2-2)/2)+1 = 2, floor((2+2-2)/2)+1 = 2
		final ImagePlus counted = LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1 count");
		// window (0,0) covers only pixel (0,0)=4 of 4 cells; (1,0) covers (1,0),(2,0) = 8+12; (0,1) covers (0,1)=16; (1,1) 20+24
		assertArrayEquals(new float[] { 1, 5, 4, 11 }, (float[]) counted.getProcessor().getPixels(), 1e-6f);
		final ImagePlus notCounted = LayerCommand.AVERAGE_POOLING.makeNew(imp, "size=2 padding=1");
		assertArrayEquals(new float[] { 4, 10, 16, 22 }, (float[]) notCounted.getProcessor().getPixels(), 1e-6f);
		// ceil: 3x2 with size 2 stride 2 -> ceil((3-2)/2)+1 = 2 columns; the last holds column 2 only
		final ImagePlus ceil = LayerCommand.MAX_POOLING.makeNew(imp, "size=2 ceil");
		assertArrayEquals(new float[] { 20, 24 }, (float[]) ceil.getProcessor().getPixels());
		final ImagePlus floor = LayerCommand.MAX_POOLING.makeNew(imp, "size=2");
		assertArrayEquals(new float[] { 20 }, (float[]) floor.getProcessor().getPixels());
	}

	@Test
	void overlappingWindowsByHand() {
		final float[] px = { 1, 5, 2, 0, 3, 9, 4, 1, 7 };
		final ImagePlus out = LayerCommand.MAX_POOLING.makeNew(new ImagePlus("o", new FloatProcessor(3, 3, px)), "size=2 stride=1");
		assertArrayEquals(new float[] { 5, 9, 4, 9 }, (float[]) out.getProcessor().getPixels());
	}

	@Test
	void hyperstackDimensionsAndCalibrationTimesStride() {
		final ImagePlus imp = IJ.createHyperStack("h", 20, 10, 2, 2, 3, 8);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.107;
		cal.pixelHeight = 0.107;
		final ImagePlus out = LayerCommand.MAX_POOLING.makeNew(imp, "size=2 stack");
		assertEquals(2, out.getNChannels());
		assertEquals(2, out.getNSlices());
		assertEquals(3, out.getNFrames());
		assertEquals(0.214, out.getCalibration().pixelWidth, 1e-12);
		// output pixel i covers input pixels 2i and 2i+1: its centre is at 2i + 0.5
		assertEquals(cal.getX(2 * 3 + 0.5), out.getCalibration().getX(3), 1e-12);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"size=0             | size 0",
		"size=2 stride=0    | Stride 0",
		"size=2 padding=2   | allowed: 0 <= padding <= 1",
		"size=20            | larger than the padded image width",
		"size=two           | size=two is not a whole number",
		"size=2 count       | unknown option \"count\"" })
	void badInputGivesItsMessageAndLeavesTheSourceIntact(final String options, final String message) {
		final ImagePlus imp = new ImagePlus("bad", Images.plane(8, 9, 9, 1));
		final Object[] before = Images.snapshot(imp);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.MAX_POOLING.makeNew(imp, options));
		assertTrue(e.getMessage().contains(message), e.getMessage());
		assertTrue(Arrays.deepEquals(before, Images.snapshot(imp)));
	}
}

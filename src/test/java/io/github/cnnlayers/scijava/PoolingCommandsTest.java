package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.cnnlayers.layers.LayerCommand;

class PoolingCommandsTest extends CommandTestBase {

	/** 4x4, values 1..16 row by row. */
	private static float[] sixteen() {
		final float[] px = new float[16];
		for (int i = 0; i < 16; i++)
			px[i] = i + 1;
		return px;
	}

	@Test
	void maxPoolingKeepsTheTypeAndTakesWindowMaxima() throws Exception {
		final short[] px = new short[16];
		for (int i = 0; i < 16; i++)
			px[i] = (short) (i + 1);
		final ImagePlus imp = new ImagePlus("m.tif", new ShortProcessor(4, 4, px, null));
		final Snapshot before = new Snapshot(imp);
		final ImagePlus out = result(MaxPoolingCommand.class, "input", imp, "size", 2);
		assertEquals("m-maxpool", out.getTitle());
		assertEquals(16, out.getBitDepth());
		assertArrayEquals(new short[] { 6, 8, 14, 16 }, (short[]) out.getProcessor().getPixels());
		before.assertUnchanged();
	}

	@Test
	void averagePoolingGivesWindowMeansAs32Bit() throws Exception {
		final ImagePlus imp = floats("a", 4, 4, sixteen());
		final Snapshot before = new Snapshot(imp);
		final ImagePlus out = result(AveragePoolingCommand.class, "input", imp, "size", 2, "stride", 1);
		assertEquals("a-avgpool", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertEquals(3, out.getWidth());
		assertArrayEquals(new float[] { 3.5f, 4.5f, 5.5f, 7.5f, 8.5f, 9.5f, 11.5f, 12.5f, 13.5f }, plane(out, 1), 0);
		before.assertUnchanged();
	}

	@Test
	void strideZeroOrAbsentMeansTheSize() throws Exception {
		final ImagePlus imp = floats("z", 4, 4, sixteen());
		final float[] expected = { 6, 8, 14, 16 };
		assertArrayEquals(expected, plane(result(MaxPoolingCommand.class, "input", imp), 1), 0);
		assertArrayEquals(expected, plane(result(MaxPoolingCommand.class, "input", imp, "stride", 0), 1), 0);
		assertArrayEquals(expected, plane(result(MaxPoolingCommand.class, "input", imp, "stride", 2), 1), 0);
	}

	@Test
	void paddingCountAndCeil() throws Exception {
		final ImagePlus imp = floats("p", 2, 2, 1, 2, 3, 4);
		// size 2, stride 2, padding 1: each window holds one pixel and three padded ones
		assertArrayEquals(new float[] { 1, 2, 3, 4 },
			plane(result(MaxPoolingCommand.class, "input", imp, "size", 2, "padding", 1), 1), 0);
		assertArrayEquals(new float[] { 1, 2, 3, 4 },
			plane(result(AveragePoolingCommand.class, "input", imp, "size", 2, "padding", 1), 1), 0);
		assertArrayEquals(new float[] { 0.25f, 0.5f, 0.75f, 1 },
			plane(result(AveragePoolingCommand.class, "input", imp, "size", 2, "padding", 1, "count", true), 1), 0);
		// 5x5 by size 2: floor keeps 2x2, ceil keeps the last partial window (3x3)
		final ImagePlus five = floats("c", 5, 5, new float[25]);
		plane(five, 1)[24] = 9;
		assertEquals(2, result(MaxPoolingCommand.class, "input", five).getWidth());
		final ImagePlus ceil = result(MaxPoolingCommand.class, "input", five, "ceil", true);
		assertEquals(3, ceil.getWidth());
		assertEquals(3, ceil.getHeight());
		assertEquals(9, plane(ceil, 1)[8], 0);
	}

	@Test
	void stackPoolsEveryPlaneElseTheCurrentOne() throws Exception {
		final ImagePlus imp = floatStack("s", 4, 4, 2, sixteen());
		imp.setSlice(2);
		final Snapshot before = new Snapshot(imp);
		final ImagePlus all = result(MaxPoolingCommand.class, "input", imp, "stack", true);
		assertEquals(2, all.getStackSize());
		assertArrayEquals(new float[] { 6, 8, 14, 16 }, plane(all, 1), 0);
		assertArrayEquals(new float[] { 12, 16, 28, 32 }, plane(all, 2), 0);
		final ImagePlus one = result(AveragePoolingCommand.class, "input", imp);
		assertEquals(1, one.getStackSize());
		assertArrayEquals(new float[] { 7, 11, 23, 27 }, plane(one, 1), 0);
		before.assertUnchanged();
	}

	/** Each row: command inputs and the same as macro options; the command cancels with the plugin's message. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"size=0              | size=0",
		"size=2;stride=-1    | size=2 stride=-1",
		"size=2;padding=2    | size=2 padding=2",
		"size=2;padding=-1   | size=2 padding=-1",
		"size=20             | size=20" })
	void invalidParametersCancelWithThePluginsMessage(final String inputs, final String macroOptions) throws Exception {
		final ImagePlus imp = floats("bad", 9, 9, new float[81]);
		final Snapshot before = new Snapshot(imp);
		assertCanceled(run(MaxPoolingCommand.class, Conv2DCommandTest.inputs(imp, inputs)),
			messageOf(() -> LayerCommand.MAX_POOLING.makeNew(imp, macroOptions)));
		assertCanceled(run(AveragePoolingCommand.class, Conv2DCommandTest.inputs(imp, inputs)),
			messageOf(() -> LayerCommand.AVERAGE_POOLING.makeNew(imp, macroOptions)));
		before.assertUnchanged();
	}

	@Test
	void documentedMessages() throws Exception {
		final ImagePlus imp = floats("m", 9, 9, new float[81]);
		assertCanceled(run(MaxPoolingCommand.class, "input", imp, "size", 0),
			"Pooling size 0 is not allowed; allowed: whole numbers >= 1");
		assertCanceled(run(AveragePoolingCommand.class, "input", imp, "size", 2, "padding", 2),
			"Padding 2 is more than half the pooling size 2; allowed: 0 <= padding <= 1");
		assertCanceled(run(MaxPoolingCommand.class, "input", imp, "stride", -1),
			"Stride -1 is not allowed; allowed: whole numbers >= 1");
	}
}

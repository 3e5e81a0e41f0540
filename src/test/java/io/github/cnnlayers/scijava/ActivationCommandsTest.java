package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.command.CommandModule;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.cnnlayers.ij.ActivationRunner;
import io.github.cnnlayers.layers.LayerCommand;

class ActivationCommandsTest extends CommandTestBase {

	private static final float[] VALUES = { -2, -0.5f, 0, 1.5f, 3, -7 };

	@Test
	void reluReturnsACopyWithNegativesZeroed() throws Exception {
		final ImagePlus imp = floats("cell.png", 3, 2, VALUES.clone());
		final Snapshot before = new Snapshot(imp);
		final CommandModule module = run(ReluCommand.class, "input", imp);
		final ImagePlus out = (ImagePlus) module.getOutput("result");
		assertNotSame(imp, out);
		assertEquals("cell-relu", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertArrayEquals(new float[] { 0, 0, 0, 1.5f, 3, 0 }, plane(out, 1), 0);
		assertNull(module.getOutput("note"));
		before.assertUnchanged();
	}

	@Test
	void leakyReluScalesNegativesByAlpha() throws Exception {
		final ImagePlus imp = floats("l", 3, 2, VALUES.clone());
		final Snapshot before = new Snapshot(imp);
		ImagePlus out = result(LeakyReluCommand.class, "input", imp, "alpha", 0.1);
		assertEquals("l-leakyrelu", out.getTitle());
		assertArrayEquals(new float[] { -0.2f, -0.05f, 0, 1.5f, 3, -0.7f }, plane(out, 1), 1e-6f);
		// default alpha: PyTorch's 0.01
		out = result(LeakyReluCommand.class, "input", imp);
		assertArrayEquals(new float[] { -0.02f, -0.005f, 0, 1.5f, 3, -0.07f }, plane(out, 1), 1e-7f);
		// a tiny alpha survives the options string (Double.toString gives 1.0E-5)
		out = result(LeakyReluCommand.class, "input", imp, "alpha", 1e-5);
		assertEquals(-2e-5f, plane(out, 1)[0], 1e-10f);
		before.assertUnchanged();
	}

	@Test
	void stackChangesEveryPlaneElseTheCurrentOne() throws Exception {
		final ImagePlus imp = floatStack("s", 3, 2, 3, VALUES);
		imp.setSlice(2);
		final Snapshot before = new Snapshot(imp);
		final ImagePlus one = result(ReluCommand.class, "input", imp);
		assertEquals(3, one.getStackSize());
		assertEquals(2, one.getCurrentSlice());
		assertArrayEquals(plane(imp, 1), plane(one, 1), 0);
		assertArrayEquals(new float[] { 0, 0, 0, 3, 6, 0 }, plane(one, 2), 0);
		assertArrayEquals(plane(imp, 3), plane(one, 3), 0);
		final ImagePlus all = result(ReluCommand.class, "input", imp, "stack", true);
		for (int p = 1; p <= 3; p++)
			assertArrayEquals(new float[] { 0, 0, 0, 1.5f * p, 3 * p, 0 }, plane(all, p), 0, "plane " + p);
		before.assertUnchanged();
	}

	@Test
	void aHyperstackKeepsItsPosition() throws Exception {
		final ImagePlus imp = IJ.createHyperStack("h", 3, 2, 2, 2, 1, 32);
		for (int i = 1; i <= 4; i++)
			System.arraycopy(VALUES, 0, plane(imp, i), 0, VALUES.length);
		imp.setPosition(2, 2, 1); // stack index 4
		final Snapshot before = new Snapshot(imp);
		final ImagePlus out = result(ReluCommand.class, "input", imp);
		assertEquals(4, out.getCurrentSlice());
		assertEquals(2, out.getNChannels());
		assertEquals(2, out.getNSlices());
		for (int i = 1; i <= 3; i++)
			assertArrayEquals(VALUES, plane(out, i), 0);
		assertArrayEquals(new float[] { 0, 0, 0, 1.5f, 3, 0 }, plane(out, 4), 0);
		before.assertUnchanged();
	}

	@Test
	void anAreaRoiLimitsTheChangeAsInTheMenuCommand() throws Exception {
		final ImagePlus imp = floats("r", 3, 2, VALUES.clone());
		imp.setRoi(new Roi(0, 0, 2, 1)); // covers -2 and -0.5
		final Snapshot before = new Snapshot(imp);
		final ImagePlus out = result(ReluCommand.class, "input", imp);
		assertArrayEquals(new float[] { 0, 0, 0, 1.5f, 3, -7 }, plane(out, 1), 0);
		assertEquals(imp.getRoi().getBounds(), out.getRoi().getBounds());
		// the same as the menu command in place on a copy
		final ImagePlus macro = floats("m", 3, 2, VALUES.clone());
		macro.setRoi(new Roi(0, 0, 2, 1));
		LayerCommand.RELU.applyInPlace(macro, "");
		assertArrayEquals(plane(macro, 1), plane(out, 1), 0);
		before.assertUnchanged();
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 24 })
	void typesWithoutNegativesGiveAnUnchangedCopyAndANote(final int bitDepth) throws Exception {
		final ImagePlus imp = new ImagePlus("u", bitDepth == 8 ? new ByteProcessor(4, 3)
			: bitDepth == 16 ? new ShortProcessor(4, 3) : new ColorProcessor(4, 3));
		imp.getProcessor().set(1, 1, 77);
		final Snapshot before = new Snapshot(imp);
		for (final Class<? extends LayerCommandBase> type : java.util.Arrays.asList(ReluCommand.class,
			LeakyReluCommand.class))
		{
			final CommandModule module = run(type, "input", imp);
			assertFalse(module.isCanceled());
			final ImagePlus out = (ImagePlus) module.getOutput("result");
			assertNotSame(imp, out);
			assertEquals(bitDepth, out.getBitDepth());
			assertEquals(imp.getProcessor().get(1, 1), out.getProcessor().get(1, 1));
			assertEquals(0, out.getProcessor().get(0, 0));
			final String expected = type == ReluCommand.class ? ActivationRunner.whyUnchanged(imp, io.github.cnnlayers.core.Activation.relu())
				: ActivationRunner.whyUnchanged(imp, io.github.cnnlayers.core.Activation.leakyRelu(0.01));
			assertEquals(expected, module.getOutput("note"));
		}
		assertEquals("ReLU left the " + (bitDepth == 24 ? "RGB" : bitDepth + "-bit") +
			" image unchanged: it holds no negative values (convert to 32-bit first)",
			run(ReluCommand.class, "input", imp).getOutput("note"));
		before.assertUnchanged();
	}

	@Test
	void signed16BitImagesAreProcessedOnCalibratedValues() throws Exception {
		final ImagePlus imp = new ImagePlus("s16", new ShortProcessor(3, 1, new short[] { (short) 32766, (short) 32768,
			(short) 32770 }, null));
		imp.getCalibration().setSigned16BitCalibration();
		final ImagePlus out = result(ReluCommand.class, "input", imp);
		assertArrayEquals(new short[] { (short) 32768, (short) 32768, (short) 32770 }, (short[]) out.getProcessor().getPixels());
		assertEquals(32766, imp.getProcessor().get(0), "input unchanged");
	}

	@Test
	void invalidAlphaCancelsWithThePluginsMessageBeforeAnythingHappens() throws Exception {
		final ImagePlus imp = floats("a", 3, 2, VALUES.clone());
		final Snapshot before = new Snapshot(imp);
		for (final double alpha : new double[] { Double.NaN, Double.POSITIVE_INFINITY }) {
			final String expected = messageOf(() -> LayerCommand.LEAKY_RELU.applyInPlace(imp, "alpha=" + alpha));
			assertCanceled(run(LeakyReluCommand.class, "input", imp, "alpha", alpha), expected);
		}
		assertCanceled(run(LeakyReluCommand.class, "input", imp, "alpha", Double.NaN),
			"Leaky ReLU: alpha=NaN is not a finite number; allowed: any finite number (default 0.01)");
		// also for an 8-bit image, which would otherwise be left unchanged with a note
		assertCanceled(run(LeakyReluCommand.class, "input", new ImagePlus("b", new ByteProcessor(2, 2)), "alpha",
			Double.NaN), "Leaky ReLU: alpha=NaN is not a finite number; allowed: any finite number (default 0.01)");
		before.assertUnchanged();
	}

	/** Sigmoid and Tanh on an 8-bit image cancel with the menu command's message; the input is unchanged. */
	@Test
	void sigmoidAndTanhOnAnEightBitImageCancelWithTheMenuCommandsMessage() throws Exception {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(4, 3));
		imp.getProcessor().set(1, 1, 77);
		final Snapshot before = new Snapshot(imp);
		assertCanceled(run(SigmoidCommand.class, "input", imp), "Sigmoid needs a 32-bit image: its values lie in (0, 1), " +
			"which the 8-bit image cannot hold (they would be rounded); convert it first with Image > Type > 32-bit");
		org.junit.jupiter.api.Assertions.assertTrue(run(TanhCommand.class, "input", imp).getCancelReason().startsWith("Tanh needs a 32-bit image"));
		before.assertUnchanged();
	}
}

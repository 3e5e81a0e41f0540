package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.params.ParameterizedTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.Macro;
import ij.Undo;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

class ActivationPluginTest {

	@Test
	void reluEqualsImageJMinWithValueZero() {
		final ImagePlus imp = new ImagePlus("r", Images.plane(32, 40, 30, 11));
		final ImageProcessor expected = imp.getProcessor().duplicate();
		expected.min(0); // Process > Math > Min... value=0
		assertNull(LayerCommand.RELU.applyInPlace(imp, ""));
		assertArrayEquals((float[]) expected.getPixels(), (float[]) imp.getProcessor().getPixels());
	}

	@Test
	void leakyReluFollowsTheFormula() {
		final ImagePlus imp = new ImagePlus("l", Images.plane(32, 20, 10, 12));
		final float[] in = ((float[]) imp.getProcessor().getPixels()).clone();
		LayerCommand.LEAKY_RELU.applyInPlace(imp, "alpha=0.2");
		final float[] out = (float[]) imp.getProcessor().getPixels();
		for (int i = 0; i < in.length; i++)
			assertEquals(in[i] > 0 ? in[i] : 0.2f * in[i], out[i], 0);
		// default alpha is PyTorch's 0.01
		final ImagePlus d = new ImagePlus("d", new FloatProcessor(2, 1, new float[] { -100, 5 }));
		LayerCommand.LEAKY_RELU.applyInPlace(d, "");
		assertArrayEquals(new float[] { -1, 5 }, (float[]) d.getProcessor().getPixels(), 1e-6f);
	}

	@Test
	void stackFlagProcessesEveryPlaneElseOnlyTheCurrent() {
		final ImagePlus imp = Images.stack("s", 32, 8, 8, 3);
		final Object[] before = Images.snapshot(imp);
		imp.setSlice(2);
		LayerCommand.RELU.applyInPlace(imp, "");
		assertArrayEquals((float[]) before[0], (float[]) imp.getStack().getPixels(1));
		assertTrue(min((float[]) imp.getStack().getPixels(2)) >= 0);
		LayerCommand.RELU.applyInPlace(imp, "stack");
		for (int i = 1; i <= 3; i++)
			assertTrue(min((float[]) imp.getStack().getPixels(i)) >= 0);
	}

	@Test
	void typesWithoutNegativesAreLeftUnchangedWithAReason() {
		for (final int depth : new int[] { 8, 16, 24 }) {
			final ImagePlus imp = new ImagePlus("t", Images.plane(depth, 8, 8, depth));
			final Object[] before = Images.snapshot(imp);
			final String why = LayerCommand.LEAKY_RELU.applyInPlace(imp, "alpha=0.5");
			assertTrue(why != null && why.contains("unchanged") && why.contains("no negative values"), why);
			assertArrayEquals(before, Images.snapshot(imp));
		}
	}

	@Test
	void signed16BitImagesUseCalibratedValues() {
		final ShortProcessor sp = new ShortProcessor(3, 1);
		sp.set(0, 32768 - 200);
		sp.set(1, 32768 + 7);
		sp.set(2, 32768);
		final ImagePlus imp = new ImagePlus("s16", sp);
		imp.getCalibration().setSigned16BitCalibration();
		assertNull(LayerCommand.LEAKY_RELU.applyInPlace(imp, "alpha=0.25"));
		assertEquals(-50, imp.getCalibration().getCValue(sp.get(0)), 0);
		assertEquals(7, imp.getCalibration().getCValue(sp.get(1)), 0);
		LayerCommand.RELU.applyInPlace(imp, "");
		assertEquals(0, imp.getCalibration().getCValue(sp.get(0)), 0);
	}

	@Test
	void rectangularRoiLimitsTheChange() {
		final ImagePlus imp = new ImagePlus("roi", new FloatProcessor(4, 1, new float[] { -1, -2, -3, -4 }));
		imp.setRoi(new Roi(1, 0, 2, 1));
		final ImageProcessor ip = imp.getProcessor();
		ip.setRoi(imp.getRoi());
		LayerCommand.RELU.applyInPlace(imp, "");
		assertArrayEquals(new float[] { -1, 0, 0, -4 }, (float[]) ip.getPixels());
	}

	@Test
	void badAlphaIsAnErrorAndChangesNothing() {
		final ImagePlus imp = new ImagePlus("a", Images.plane(32, 5, 5, 2));
		final Object[] before = Images.snapshot(imp);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.LEAKY_RELU.applyInPlace(imp, "alpha=abc"));
		assertTrue(e.getMessage().contains("alpha=abc") && e.getMessage().contains("any finite number"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> LayerCommand.RELU.applyInPlace(imp, "alpha=1"));
		assertArrayEquals(before, Images.snapshot(imp));
	}

	@Test
	void undoRestoresASingleImageAfterTheMenuCommand() throws InterruptedException {
		final ImagePlus imp = new ImagePlus("undo", Images.plane(32, 16, 16, 4));
		final float[] before = ((float[]) imp.getProcessor().getPixels()).clone();
		// ImageJ gives macro options only to threads named as its macro threads are (without, the command
		// opened its dialog, which fails headless)
		final Throwable[] failed = new Throwable[1];
		final Thread macro = new Thread(() -> {
			WindowManager.setTempCurrentImage(imp);
			try {
				Macro.setOptions(Thread.currentThread(), "alpha=0.5 ");
				new PlugInFilterRunner(new ActivationPlugin(), "Leaky ReLU...", "leaky relu");
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
			finally {
				Macro.setOptions(Thread.currentThread(), null);
				WindowManager.setTempCurrentImage(null);
			}
		}, "Run$_leaky relu with undo");
		macro.start();
		macro.join();
		assertNull(failed[0]);
		final float[] after = (float[]) imp.getProcessor().getPixels();
		for (int i = 0; i < before.length; i++)
			assertEquals(before[i] > 0 ? before[i] : 0.5f * before[i], after[i], 0, "alpha 0.5 at " + i);
		assertTrue(min(before) < 0, "the test image has negative values");
		WindowManager.setTempCurrentImage(imp);
		try {
			Undo.undo();
		}
		finally {
			WindowManager.setTempCurrentImage(null);
		}
		assertArrayEquals(before, (float[]) imp.getProcessor().getPixels());
	}

	@Test
	void sigmoidAndTanhChangeA32BitImageInPlaceWithUndo() {
		for (final String arg : new String[] { "sigmoid", "tanh" }) {
			final ImagePlus imp = new ImagePlus(arg, Images.plane(32, 16, 16, 9));
			final float[] before = ((float[]) imp.getProcessor().getPixels()).clone();
			WindowManager.setTempCurrentImage(imp);
			try {
				new PlugInFilterRunner(new ActivationPlugin(), arg, arg);
				final float[] after = (float[]) imp.getProcessor().getPixels();
				for (int i = 0; i < before.length; i++)
					assertEquals(arg.equals("tanh") ? Math.tanh(before[i]) : 1 / (1 + Math.exp(-before[i])), after[i], 1e-6);
				Undo.undo();
				assertArrayEquals(before, (float[]) imp.getProcessor().getPixels());
			}
			finally {
				WindowManager.setTempCurrentImage(null);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 24 })
	void sigmoidAndTanhRefuseImagesThatCannotHoldTheirValues(final int bitDepth) {
		final ImagePlus imp = new ImagePlus("i", Images.plane(bitDepth, 8, 6, 1));
		final Object[] before = Images.snapshot(imp);
		final String type = bitDepth == 24 ? "RGB" : bitDepth + "-bit";
		assertEquals("Sigmoid needs a 32-bit image: its values lie in (0, 1), which the " + type + " image cannot hold " +
			"(they would be rounded); convert it first with Image > Type > 32-bit",
			assertThrows(IllegalArgumentException.class, () -> LayerCommand.SIGMOID.applyInPlace(imp, "")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerCommand.TANH.applyInPlace(imp, "stack")).getMessage()
			.startsWith("Tanh needs a 32-bit image: its values lie in (-1, 1)"));
		assertArrayEquals(before, Images.snapshot(imp), "source untouched");
	}

	private static float min(final float[] a) {
		float m = Float.POSITIVE_INFINITY;
		for (final float v : a)
			m = Math.min(m, v);
		return m;
	}
}

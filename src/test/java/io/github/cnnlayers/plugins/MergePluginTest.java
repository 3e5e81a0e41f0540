package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.process.FloatProcessor;

/**
 * Merge Feature Maps... in a batch-mode macro: two open images by title, the operation in any case, the
 * result the active image; Add with a 1-channel image broadcasts; a wrong title stops the macro.
 */
class MergePluginTest {

	/** Runs the command with macro options in a thread named as ImageJ's macro threads; returns the active image after. */
	private static ImagePlus run(final String options, final ImagePlus... open) throws InterruptedException {
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true;
		final ImagePlus[] active = new ImagePlus[1];
		final Throwable[] failed = new Throwable[1];
		final Thread macro = new Thread(() -> {
			try {
				for (final ImagePlus imp : open)
					ij.macro.Interpreter.addBatchModeImage(imp);
				WindowManager.setTempCurrentImage(open[0]);
				ij.Macro.setOptions(Thread.currentThread(), options);
				new MergePlugin().run("merge");
				active[0] = WindowManager.getCurrentImage();
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
			finally {
				ij.Macro.setOptions(Thread.currentThread(), null);
				for (final ImagePlus imp : open)
					ij.macro.Interpreter.removeBatchModeImage(imp);
			}
		}, "Run$_merge");
		macro.start();
		macro.join();
		ij.macro.Interpreter.batchMode = batch;
		assertNull(failed[0]);
		return active[0];
	}

	private static ImagePlus image(final String title, final int channels, final float base) {
		final ImageStack s = new ImageStack(3, 2);
		for (int c = 0; c < channels; c++) {
			final float[] px = new float[6];
			for (int i = 0; i < 6; i++)
				px[i] = base + 10 * c + i;
			s.addSlice(new FloatProcessor(3, 2, px));
		}
		final ImagePlus imp = new ImagePlus(title, s);
		imp.setDimensions(channels, 1, 1);
		return imp;
	}

	@Test
	void concatAndABroadcastAddOfTwoOpenImages() throws Exception {
		final ImagePlus a = image("a.tif", 2, 0), b = image("b", 1, 100);
		final ImagePlus cat = run("image1=a.tif operation=concat image2=b", a, b);
		assertEquals("a-concat", cat.getTitle());
		assertEquals(3, cat.getNChannels());
		assertArrayEquals((float[]) a.getStack().getPixels(2), (float[]) cat.getStack().getPixels(2));
		assertArrayEquals((float[]) b.getStack().getPixels(1), (float[]) cat.getStack().getPixels(3));
		final ImagePlus sum = run("image1=a.tif operation=Add image2=b", a, b);
		assertEquals("a-add", sum.getTitle());
		assertEquals(2, sum.getNChannels());
		assertArrayEquals(new float[] { 110, 112, 114, 116, 118, 120 }, (float[]) sum.getStack().getPixels(2), "channel 2 + the one channel of b");
		assertArrayEquals(new float[] { 0, 1, 2, 3, 4, 5 }, (float[]) a.getStack().getPixels(1), "the source is unchanged");
	}

	@Test
	void anImageThatIsNotOpenIsAnErrorNamingTheOpenTitles() throws Exception {
		final ImagePlus a = image("a.tif", 1, 0);
		final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
		final java.io.PrintStream out = System.out;
		System.setOut(new java.io.PrintStream(text, true, "UTF-8"));
		final ImagePlus after;
		try {
			after = run("image1=a.tif operation=Add image2=[missing]", a);
		}
		finally {
			System.setOut(out);
		}
		assertEquals(a, after, "no new image");
		final String printed = text.toString("UTF-8");
		assertTrue(printed.contains("Merge Feature Maps: image2=[missing] is not an open image; allowed: the title of an open image (") &&
			printed.contains("a.tif"), printed);
	}
}

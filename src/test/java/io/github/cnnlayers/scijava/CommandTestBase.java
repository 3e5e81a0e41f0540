package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.FloatProcessor;

/**
 * A small SciJava context (only {@link CommandService} and its dependencies: no UI, no legacy layer),
 * opened once per test class, and helpers to run commands the way scripts do.
 */
abstract class CommandTestBase {

	static Context context;
	static CommandService command;

	@BeforeAll
	static void openContext() {
		context = new Context(CommandService.class);
		command = context.service(CommandService.class);
	}

	@AfterAll
	static void closeContext() {
		context.dispose();
		context = null;
		command = null;
	}

	/** Runs a command with pre- and post-processing, as {@code command.run(Class, true, ...)} in a script. */
	static CommandModule run(final Class<? extends Command> type, final Object... inputs)
		throws InterruptedException, ExecutionException
	{
		return command.run(type, true, inputs).get();
	}

	/** Runs a command that must succeed and returns its {@code result}. */
	static ImagePlus result(final Class<? extends Command> type, final Object... inputs)
		throws InterruptedException, ExecutionException
	{
		final CommandModule module = run(type, inputs);
		assertFalse(module.isCanceled(), () -> "canceled: " + module.getCancelReason());
		final ImagePlus result = (ImagePlus) module.getOutput("result");
		assertNotNull(result);
		return result;
	}

	/** Asserts that the module was canceled with exactly {@code message} and made no result. */
	static void assertCanceled(final CommandModule module, final String message) {
		assertTrue(module.isCanceled(), "canceled");
		assertEquals(message, module.getCancelReason());
		assertNull(module.getOutput("result"));
	}

	/** @return the message of the IllegalArgumentException that {@code call} throws */
	static String messageOf(final Executable call) {
		return assertThrows(IllegalArgumentException.class, call).getMessage();
	}

	/** A 32-bit image over {@code pixels} (not copied). */
	static ImagePlus floats(final String title, final int w, final int h, final float... pixels) {
		return new ImagePlus(title, new FloatProcessor(w, h, pixels));
	}

	/** A 32-bit stack whose plane {@code p} (1-based) holds {@code pixels} times {@code p}. */
	static ImagePlus floatStack(final String title, final int w, final int h, final int n, final float... pixels) {
		final ImageStack s = new ImageStack(w, h);
		for (int p = 1; p <= n; p++) {
			final float[] px = new float[pixels.length];
			for (int i = 0; i < px.length; i++)
				px[i] = pixels[i] * p;
			s.addSlice("plane " + p, new FloatProcessor(w, h, px));
		}
		return new ImagePlus(title, s);
	}

	/** What must not change about an input: title, position, ROI, every plane's pixels. */
	static final class Snapshot {

		private final ImagePlus imp;
		private final String title;
		private final int slice;
		private final Roi roi;
		private final Object[] pixels;

		Snapshot(final ImagePlus imp) {
			this.imp = imp;
			title = imp.getTitle();
			slice = imp.getCurrentSlice();
			roi = imp.getRoi();
			pixels = new Object[imp.getStackSize()];
			for (int i = 0; i < pixels.length; i++)
				pixels[i] = imp.getStack().getProcessor(i + 1).duplicate().getPixels();
		}

		void assertUnchanged() {
			assertEquals(title, imp.getTitle(), "title");
			assertEquals(slice, imp.getCurrentSlice(), "current slice");
			assertEquals(roi == null ? null : roi.getBounds(), imp.getRoi() == null ? null : imp.getRoi().getBounds(), "roi");
			assertEquals(pixels.length, imp.getStackSize(), "planes");
			for (int i = 0; i < pixels.length; i++) {
				final Object now = imp.getStack().getPixels(i + 1);
				if (now instanceof float[])
					assertArrayEquals((float[]) pixels[i], (float[]) now, "plane " + (i + 1));
				else if (now instanceof short[])
					assertArrayEquals((short[]) pixels[i], (short[]) now, "plane " + (i + 1));
				else if (now instanceof byte[])
					assertArrayEquals((byte[]) pixels[i], (byte[]) now, "plane " + (i + 1));
				else
					assertArrayEquals((int[]) pixels[i], (int[]) now, "plane " + (i + 1));
			}
		}
	}

	/** @return the pixels of plane {@code n} (1-based) of a 32-bit image */
	static float[] plane(final ImagePlus imp, final int n) {
		return (float[]) imp.getStack().getPixels(n);
	}
}

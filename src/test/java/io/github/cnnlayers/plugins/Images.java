package io.github.cnnlayers.plugins;

import java.util.Random;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** Small test images with random content, and snapshots of their pixels. */
final class Images {

	private Images() {}

	/** A random plane of the given bit depth (8, 16, 24 = RGB, 32; 32-bit values in [-100, 100)). */
	static ImageProcessor plane(final int bitDepth, final int w, final int h, final long seed) {
		final Random rnd = new Random(seed);
		switch (bitDepth) {
			case 8: {
				final ByteProcessor p = new ByteProcessor(w, h);
				for (int i = 0; i < w * h; i++)
					p.set(i, rnd.nextInt(256));
				return p;
			}
			case 16: {
				final ShortProcessor p = new ShortProcessor(w, h);
				for (int i = 0; i < w * h; i++)
					p.set(i, rnd.nextInt(65536));
				return p;
			}
			case 24: {
				final ColorProcessor p = new ColorProcessor(w, h);
				for (int i = 0; i < w * h; i++)
					p.set(i, rnd.nextInt(1 << 24));
				return p;
			}
			default: {
				final FloatProcessor p = new FloatProcessor(w, h);
				for (int i = 0; i < w * h; i++)
					p.setf(i, (float) (rnd.nextDouble() * 200 - 100));
				return p;
			}
		}
	}

	/** A stack of {@code n} random planes. */
	static ImagePlus stack(final String title, final int bitDepth, final int w, final int h, final int n) {
		final ImageStack s = new ImageStack(w, h);
		for (int i = 0; i < n; i++)
			s.addSlice("plane " + (i + 1), plane(bitDepth, w, h, 100 + i));
		return new ImagePlus(title, s);
	}

	/** A deep copy of every plane's pixels, to check later that nothing changed. */
	static Object[] snapshot(final ImagePlus imp) {
		final Object[] copy = new Object[imp.getStackSize()];
		for (int i = 0; i < copy.length; i++)
			copy[i] = imp.getStack().getProcessor(i + 1).duplicate().getPixels();
		return copy;
	}

	/** The pixels of channel {@code c} (0, 1, 2 for RGB; 0 for gray) of a plane as floats. */
	static float[] floats(final ImageProcessor ip, final int c) {
		final FloatProcessor fp = ip.toFloat(c, null);
		return ((float[]) fp.getPixels()).clone();
	}
}

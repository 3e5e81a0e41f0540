package io.github.cnnlayers.pipeline;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * An image as it looks on screen, in 8 bits per channel, for PNG files and montages: each channel of
 * the first plane scaled linearly from its smallest to its largest value (like ImageJ's display of a
 * 32-bit image after "reset" of the display range). RGB images are shown as they are, a three-channel
 * composite in composite mode (a colour image after a layer) is merged back to RGB; any other stack
 * shows its first plane.
 */
public final class ScreenView {

	private ScreenView() {}

	/**
	 * @param imp an image
	 * @return a new 8-bit gray processor, or a new ColorProcessor for colour images
	 */
	public static ImageProcessor of(final ImagePlus imp) {
		if (imp.getBitDepth() == 24)
			return imp.getStack().getProcessor(1).duplicate();
		if (imp.isComposite() && imp.getNChannels() == 3 && ((CompositeImage) imp).getMode() == IJ.COMPOSITE) {
			final byte[][] rgb = new byte[3][];
			for (int c = 0; c < 3; c++)
				rgb[c] = (byte[]) gray(imp.getStack().getProcessor(imp.getStackIndex(c + 1, 1, 1))).getPixels();
			final ColorProcessor cp = new ColorProcessor(imp.getWidth(), imp.getHeight());
			cp.setRGB(rgb[0], rgb[1], rgb[2]);
			return cp;
		}
		return gray(imp.getStack().getProcessor(1));
	}

	/**
	 * @param ip a gray plane (not changed)
	 * @return a new 8-bit plane scaled from the plane's min (0) to its max (255); 8-bit planes are copied as they are
	 */
	public static ImageProcessor gray(final ImageProcessor ip) {
		final ImageProcessor copy = ip.duplicate();
		if (copy.getBitDepth() == 8)
			return copy;
		copy.resetMinAndMax();
		return copy.convertToByteProcessor(true);
	}
}

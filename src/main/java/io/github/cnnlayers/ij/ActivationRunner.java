package io.github.cnnlayers.ij;

import java.awt.Rectangle;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import io.github.cnnlayers.core.Activation;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Applies an {@link Activation} in place to the planes of an ImagePlus, as ImageJ's Process &gt; Math
 * commands do: an area ROI limits the change to it (masked for non-rectangular ROIs), signed 16-bit
 * images are processed on their calibrated values, and the display range of 32-bit images is reset.
 */
public final class ActivationRunner {

	private ActivationRunner() {}

	/**
	 * @param image an image
	 * @param f the activation
	 * @return why {@code f} leaves {@code image} unchanged (its type holds no negative values, and
	 *         {@code f} is the identity on non-negative values), or {@code null} when it applies
	 * @throws IllegalArgumentException when {@code f} makes values that are not whole numbers and the
	 *         image is not 32-bit, naming the function's true range ({@link Activation#range()}), the type and
	 *         how to convert
	 */
	public static String whyUnchanged(final ImagePlus image, final Activation f) {
		final int depth = image.getBitDepth();
		final boolean signed16 = depth == 16 && image.getCalibration().isSigned16Bit();
		if (!f.identityOnNonNegative()) {
			if (depth != 32)
				throw new IllegalArgumentException(f.name() + " needs a 32-bit image: its values lie in " + f.range() + ", which the " +
					type(image) + " image cannot hold (they would be rounded); convert it first with Image > Type > 32-bit");
			return null;
		}
		if (depth == 32 || signed16)
			return null;
		return f.name() + " left the " + type(image) + " image unchanged: it holds no negative values (convert to 32-bit first)";
	}

	private static String type(final ImagePlus image) {
		return image.getBitDepth() == 24 ? "RGB" : image.getBitDepth() + "-bit";
	}

	/**
	 * Applies {@code f} in place to the current plane, or to every plane; call {@link #whyUnchanged} first.
	 *
	 * @param image the image to change
	 * @param f the activation
	 * @param allPlanes every plane of a stack; else the current plane
	 */
	public static void apply(final ImagePlus image, final Activation f, final boolean allPlanes) {
		final ImageStack stack = image.getStack();
		final boolean all = allPlanes && stack.getSize() > 1;
		final int from = all ? 1 : image.getCurrentSlice();
		final int to = all ? stack.getSize() : image.getCurrentSlice();
		final Roi roi = image.getRoi();
		for (int i = from; i <= to; i++) {
			final ImageProcessor ip = stack.getProcessor(i);
			if (roi != null && roi.isArea()) {
				ip.setRoi(roi);
				ip.snapshot();
			}
			ImageJExecutor.call(() -> {
				apply(ip, f, image.getCalibration().isSigned16Bit());
				return null;
			});
			if (ip.getMask() != null)
				ip.reset(ip.getMask());
		}
		if (image.getBitDepth() == 32)
			image.resetDisplayRange();
		image.updateAndDraw();
	}

	/**
	 * Applies {@code f} in place to the ROI rectangle of one plane (the whole plane without a ROI); the
	 * caller restores the pixels outside a non-rectangular mask. Runs on ImgLib2's current executor.
	 *
	 * @param ip the plane
	 * @param f the activation
	 * @param signed16 whether the plane holds ImageJ's signed 16-bit values (raw - 32768)
	 */
	public static void apply(final ImageProcessor ip, final Activation f, final boolean signed16) {
		final Rectangle r = ip.getRoi();
		final RandomAccessibleInterval<FloatType> plane = PixelViews.gray(ip);
		final RandomAccessibleInterval<FloatType> pixels = r.width == ip.getWidth() && r.height == ip.getHeight() ? plane
			: Views.interval(plane, new long[] { r.x, r.y }, new long[] { r.x + r.width - 1, r.y + r.height - 1 });
		f.applyInPlace(pixels, signed16 ? 32768 : 0);
	}
}

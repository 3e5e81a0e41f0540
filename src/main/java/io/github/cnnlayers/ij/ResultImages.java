package io.github.cnnlayers.ij;

import java.util.List;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import io.github.cnnlayers.core.ValueRange;

/**
 * Builds the new images that layers produce: title, hyperstack dimensions, calibration and display.
 */
public final class ResultImages {

	private ResultImages() {}

	/**
	 * @param sourceTitle the source image's title
	 * @param suffix the layer's suffix
	 * @return {@code <title without image extension>-<suffix>}, e.g. "cell.png" gives "cell-conv2d"
	 */
	public static String title(final String sourceTitle, final String suffix) {
		final String base = sourceTitle.replaceFirst("(?i)\\.(tif|tiff|png|jpg|jpeg|gif|bmp|zip|pgm|fits?)$", "");
		return base + "-" + suffix;
	}

	/**
	 * The calibration of a result whose pixel (0, 0) sits at input pixel coordinates
	 * ({@code centreX}, {@code centreY}) and whose pixels are {@code stepX} by {@code stepY} input pixels
	 * apart (the stride; 1/scale for upsampling): the unit is kept, pixel width and height are multiplied by
	 * the steps, and the origin is shifted so that every output pixel has the physical position of its
	 * receptive field's centre.
	 *
	 * @param source the source calibration (not changed)
	 * @param stepX input pixels between neighbouring output pixels along x
	 * @param stepY the same along y
	 * @param centreX input x of output pixel 0
	 * @param centreY input y of output pixel 0
	 * @param keepFunction keep the source's value calibration (same pixel type); else drop it (32-bit result)
	 * @return a new calibration
	 */
	public static Calibration calibration(final Calibration source, final double stepX, final double stepY, final double centreX,
		final double centreY, final boolean keepFunction)
	{
		final Calibration cal = source.copy();
		cal.pixelWidth = source.pixelWidth * stepX;
		cal.pixelHeight = source.pixelHeight * stepY;
		cal.xOrigin = (source.xOrigin - centreX) / stepX;
		cal.yOrigin = (source.yOrigin - centreY) / stepY;
		if (!keepFunction)
			cal.disableDensityCalibration();
		return cal;
	}

	/**
	 * Wraps a result stack into an image with the given hyperstack dimensions, sets its display range to
	 * its data's min and max, and for several channels makes a composite (colour channels when
	 * {@code rgbChannels}).
	 *
	 * @param title the title
	 * @param stack planes in ImageJ order (channel fastest)
	 * @param only the processor whose pixels are the stack's only plane, or {@code null}: an unlabelled
	 *        single plane then becomes the image as it is
	 * @param channels C
	 * @param slices Z
	 * @param frames T
	 * @param rgbChannels the three channels are red, green, blue of an RGB source
	 * @param calibration the calibration to set
	 * @param ranges per plane in stack order, its {min, max} from {@link #findRange}, or {@code null} (or
	 *        a {@code null} entry) for ImageJ to scan it
	 * @return the image, not shown
	 */
	static ImagePlus assemble(final String title, final ImageStack stack, final ImageProcessor only, final int channels,
		final int slices, final int frames, final boolean rgbChannels, final Calibration calibration,
		final List<float[]> ranges)
	{
		ImagePlus imp = only != null && stack.getSize() == 1 && stack.getSliceLabel(1) == null &&
			only.getPixels() == stack.getPixels(1) ? new ImagePlus(title, only) : new ImagePlus(title, stack);
		imp.setDimensions(channels, slices, frames);
		if (channels * slices * frames > 1 && (slices > 1 && frames > 1 || channels > 1))
			imp.setOpenAsHyperStack(true);
		if (channels > 1 && imp.getBitDepth() != 24) {
			final CompositeImage ci = new CompositeImage(imp, rgbChannels ? IJ_COMPOSITE : IJ_GRAYSCALE);
			if (rgbChannels)
				ci.setLuts(new LUT[] { LUT.createLutFromColor(java.awt.Color.red), LUT.createLutFromColor(java.awt.Color.green),
					LUT.createLutFromColor(java.awt.Color.blue) });
			imp = ci;
		}
		imp.setCalibration(calibration);
		resetDisplay(imp, ranges);
		return imp;
	}

	/**
	 * Finds a new plane's min and max and keeps them in the processor, as its {@code resetMinAndMax} does:
	 * for a 32-bit plane with only finite values by {@link ValueRange}'s vectorized passes (exactly ImageJ's
	 * answer), else by ImageJ's own scan. Call it inside {@link ImageJExecutor#call} to use ImageJ's threads.
	 *
	 * @param ip a result plane
	 * @return its {min, max} when found by {@link ValueRange}, else {@code null}
	 */
	public static float[] findRange(final ImageProcessor ip) {
		return keepRange(ip, ip instanceof FloatProcessor ? ValueRange.finite((float[]) ip.getPixels()) : null);
	}

	/**
	 * As {@link #findRange}, given the plane's {min, max} when the layer found it while writing the plane
	 * ({@code PlaneLayer.computeWithRange}); with {@code null} ImageJ scans the plane.
	 *
	 * @return the range used (with its zero bounds signed as ImageJ's), else {@code null}
	 */
	static float[] keepRange(final ImageProcessor ip, final float[] found) {
		final float[] range = ip instanceof FloatProcessor ? ValueRange.zerosAsImageJ((float[]) ip.getPixels(), found) : null;
		// min = max = 0 is the one pair setMinAndMax takes as "reset"
		if (range != null && (range[0] != 0 || range[1] != 0)) {
			ip.setMinAndMax(range[0], range[1]);
			return range;
		}
		ip.resetMinAndMax();
		return null;
	}

	private static final int IJ_COMPOSITE = ij.IJ.COMPOSITE;
	private static final int IJ_GRAYSCALE = ij.IJ.GRAYSCALE;

	/** Sets the display range of every channel of {@code imp} to its data's min and max (over all planes). */
	public static void resetDisplay(final ImagePlus imp) {
		resetDisplay(imp, null);
	}

	/**
	 * As {@link #resetDisplay(ImagePlus)}, given the planes' {min, max} where known (see
	 * {@link #assemble}); ImageJ scans the others.
	 */
	private static void resetDisplay(final ImagePlus imp, final List<float[]> ranges) {
		if (imp instanceof CompositeImage) {
			final CompositeImage ci = (CompositeImage) imp;
			final int c = ci.getC();
			for (int i = 1; i <= ci.getNChannels(); i++) {
				ci.setC(i);
				final float[] r = rangeOf(ranges, ci.getStackIndex(i, ci.getZ(), ci.getT()));
				if (r != null)
					ci.setDisplayRange(r[0], r[1]);
				else
					ci.resetDisplayRange();
			}
			ci.setC(c);
		}
		else if (imp.getStackSize() > 1 && imp.getBitDepth() != 24) {
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (int i = 1; i <= imp.getStackSize(); i++) {
				float[] r = rangeOf(ranges, i);
				if (r == null) {
					final ImageProcessor ip = imp.getStack().getProcessor(i);
					ip.resetMinAndMax();
					r = new float[] { (float) ip.getMin(), (float) ip.getMax() };
				}
				min = Math.min(min, r[0]);
				max = Math.max(max, r[1]);
			}
			imp.setDisplayRange(min, max);
		}
		else {
			final float[] r = rangeOf(ranges, 1);
			if (r != null)
				imp.setDisplayRange(r[0], r[1]);
			else
				imp.resetDisplayRange();
		}
	}

	/** @return the range of plane {@code n} (1-based), or {@code null} when unknown */
	private static float[] rangeOf(final List<float[]> ranges, final int n) {
		return ranges == null || n > ranges.size() ? null : ranges.get(n - 1);
	}
}

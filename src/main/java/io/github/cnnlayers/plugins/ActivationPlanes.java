package io.github.cnnlayers.plugins;

import java.awt.Rectangle;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PixelViews;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Applies an {@link ActivationPlugin}'s activation to a plane (or its ROI rectangle) through ImgLib2
 * views. It lives outside the registered plugin class on purpose: the JVM's verifier loads ImgLib2
 * types while linking a class whose code converts between them (here {@code ArrayImg} and
 * {@code IntervalView} to {@code RandomAccessibleInterval}), and a plugin class that cannot be linked
 * fails before {@link Requirements#met(String)} can say what is missing.
 */
final class ActivationPlanes {

	private ActivationPlanes() {}

	static void apply(final ActivationPlugin plugin, final ImageProcessor ip, final ImagePlus image, final MacroOptions o) {
		final Rectangle r = ip.getRoi();
		final RandomAccessibleInterval<FloatType> plane = PixelViews.gray(ip);
		final RandomAccessibleInterval<FloatType> pixels = r.width == ip.getWidth() && r.height == ip.getHeight() ? plane
			: Views.interval(plane, new long[] { r.x, r.y }, new long[] { r.x + r.width - 1, r.y + r.height - 1 });
		final double zero = image.getCalibration().isSigned16Bit() ? 32768 : 0;
		ImageJExecutor.call(() -> {
			plugin.apply(pixels, zero, o);
			return null;
		});
	}
}

package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Zero-copy ImgLib2 views of ImageJ pixel arrays: writes through a view land in the ImageProcessor.
 * ImageJ stores a plane row-major with x fastest, which is exactly an {@code ArrayImg} of
 * dimensions (width, height); a stack is a {@code PlanarImg} over its planes, in ImageJ's order
 * (channel fastest, then slice, then frame).
 */
public final class PixelViews {

	private PixelViews() {}

	/**
	 * Views one gray plane (8-, 16- or 32-bit) as a 2D image over its own pixel array.
	 *
	 * @param ip a ByteProcessor, ShortProcessor or FloatProcessor
	 * @param <T> UnsignedByteType, UnsignedShortType or FloatType
	 * @return the view, dimensions (width, height)
	 * @throws IllegalArgumentException for an RGB processor (use {@link #channels})
	 */
	@SuppressWarnings("unchecked")
	public static <T extends RealType<T> & NativeType<T>> ArrayImg<T, ?> gray(final ImageProcessor ip) {
		final int w = ip.getWidth();
		final int h = ip.getHeight();
		if (ip instanceof ByteProcessor)
			return (ArrayImg<T, ?>) (ArrayImg<?, ?>) ArrayImgs.unsignedBytes((byte[]) ip.getPixels(), w, h);
		if (ip instanceof ShortProcessor)
			return (ArrayImg<T, ?>) (ArrayImg<?, ?>) ArrayImgs.unsignedShorts((short[]) ip.getPixels(), w, h);
		if (ip instanceof FloatProcessor)
			return (ArrayImg<T, ?>) (ArrayImg<?, ?>) ArrayImgs.floats((float[]) ip.getPixels(), w, h);
		throw new IllegalArgumentException("Not a gray image: " + ip.getClass().getSimpleName() + "; use channels()");
	}

	/**
	 * Views an RGB plane as one ARGB image over its int array.
	 *
	 * @param ip a ColorProcessor
	 * @return the view, dimensions (width, height)
	 */
	public static ArrayImg<ARGBType, IntArray> argb(final ColorProcessor ip) {
		return ArrayImgs.argbs((int[]) ip.getPixels(), ip.getWidth(), ip.getHeight());
	}

	/**
	 * The channels of one plane as 2D views: one writable view for a gray plane; three read-only
	 * views (red, green, blue; 8-bit) for an RGB plane. RGB results are written through
	 * {@link #setRgb} instead: ImgLib2 8.0.0's writable {@code Converters.argbChannel} sign-extends
	 * values of 128 and more into the neighbouring channels.
	 *
	 * @param ip any ImageProcessor
	 * @param <T> the pixel type of the views
	 * @return the channel views
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static <T extends RealType<T>> List<RandomAccessibleInterval<T>> channels(final ImageProcessor ip) {
		if (!(ip instanceof ColorProcessor))
			return Collections.singletonList((RandomAccessibleInterval<T>) (RandomAccessibleInterval) gray(ip));
		final ArrayImg<ARGBType, IntArray> argb = argb((ColorProcessor) ip);
		final List<RandomAccessibleInterval<T>> list = new ArrayList<>(3);
		for (int c = 0; c < 3; c++) {
			final int shift = 16 - 8 * c;
			list.add((RandomAccessibleInterval<T>) (RandomAccessibleInterval) Converters.convert(
				(RandomAccessibleInterval<ARGBType>) argb, (in, out) -> out.set((in.get() >> shift) & 0xff), new UnsignedByteType()));
		}
		return list;
	}

	/**
	 * Writes three 8-bit channel planes into an RGB plane.
	 *
	 * @param target the RGB plane
	 * @param red the red plane, same size
	 * @param green the green plane
	 * @param blue the blue plane
	 */
	public static void setRgb(final ColorProcessor target, final ByteProcessor red, final ByteProcessor green,
		final ByteProcessor blue)
	{
		target.setRGB((byte[]) red.getPixels(), (byte[]) green.getPixels(), (byte[]) blue.getPixels());
	}
}

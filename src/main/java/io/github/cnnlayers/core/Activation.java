package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;

/**
 * Element-wise activation functions with PyTorch's semantics, applied in place through ImgLib2's
 * {@link LoopBuilder} (multithreaded), or in parallel chunks straight over the array of a float
 * {@code ArrayImg} (ImageJ's wrapped 32-bit planes). NaN stays NaN.
 * <p>
 * The in-place methods take the raw value that means zero ({@code zero}): 0 for float images, 32768
 * for ImageJ's signed 16-bit images (calibrated value = raw - 32768). For a value {@code v},
 * {@code x = v - zero} goes through the function and {@code zero + f(x)} is stored, rounded and
 * clamped to the type's range for integer types.
 */
public final class Activation {

	private Activation() {}

	/** ReLU: {@code f(x) = max(0, x)} (PyTorch {@code relu}); NaN stays NaN. */
	public static double relu(final double x) {
		return x < 0 ? 0 : x;
	}

	/** Leaky ReLU: {@code f(x) = x} for {@code x > 0}, {@code alpha * x} otherwise (PyTorch {@code leaky_relu}). */
	public static double leakyRelu(final double x, final double alpha) {
		return x > 0 ? x : alpha * x;
	}

	/**
	 * Applies ReLU in place.
	 *
	 * @param image the pixels to change
	 * @param zero the raw value meaning 0
	 * @param <T> pixel type
	 */
	public static <T extends RealType<T>> void relu(final RandomAccessibleInterval<T> image, final double zero) {
		final Object array = RowReader.backingArray(image);
		if (zero == 0 && array instanceof float[]) {
			final float[] a = (float[]) array;
			RowChunks.forEach(a.length, r -> {
				// branch-free: random signs would make a branch mispredict half of the time
				for (int i = (int) r.start; i < r.end; i++)
					a[i] = Math.max(a[i], 0f);
			});
		}
		else if (zero == 0) {
			LoopBuilder.setImages(image).multiThreaded().forEachPixel(t -> {
				if (t.getRealFloat() < 0)
					t.setZero();
			});
		}
		else {
			LoopBuilder.setImages(image).multiThreaded().forEachPixel(t -> {
				if (t.getRealDouble() < zero)
					t.setReal(zero);
			});
		}
	}

	/**
	 * Applies Leaky ReLU in place.
	 *
	 * @param image the pixels to change
	 * @param alpha the negative slope (PyTorch {@code negative_slope}); any finite value
	 * @param zero the raw value meaning 0
	 * @param <T> pixel type
	 * @throws IllegalArgumentException when alpha is not finite
	 */
	public static <T extends RealType<T>> void leakyRelu(final RandomAccessibleInterval<T> image, final double alpha,
		final double zero)
	{
		checkAlpha(alpha);
		final Object array = RowReader.backingArray(image);
		if (zero == 0 && array instanceof float[]) {
			final float[] px = (float[]) array;
			final float a = (float) alpha;
			RowChunks.forEach(px.length, r -> {
				// branch-free and exact: v + a*0 = v for v > 0, 0 + a*v = a*v otherwise; NaN stays NaN
				for (int i = (int) r.start; i < r.end; i++) {
					final float v = px[i];
					px[i] = Math.max(v, 0f) + a * Math.min(v, 0f);
				}
			});
		}
		else if (zero == 0) {
			final float a = (float) alpha;
			LoopBuilder.setImages(image).multiThreaded().forEachPixel(t -> {
				final float x = t.getRealFloat();
				if (x <= 0)
					t.setReal(a * x);
			});
		}
		else {
			LoopBuilder.setImages(image).multiThreaded().forEachPixel(t -> {
				final double x = t.getRealDouble() - zero;
				if (x <= 0) {
					final double v = Math.rint(zero + alpha * x);
					t.setReal(Math.max(t.getMinValue(), Math.min(t.getMaxValue(), v)));
				}
			});
		}
	}

	/**
	 * @param alpha a negative slope
	 * @throws IllegalArgumentException when alpha is not finite
	 */
	public static void checkAlpha(final double alpha) {
		if (!Double.isFinite(alpha))
			throw new IllegalArgumentException("Alpha " + alpha + " is not allowed; allowed: any finite number (default 0.01)");
	}
}

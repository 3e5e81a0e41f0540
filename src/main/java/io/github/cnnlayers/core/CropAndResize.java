package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * ONNX Resize with {@code coordinate_transformation_mode = tf_crop_and_resize} (TensorFlow's crop_and_resize): a
 * region of interest, given per axis as a start and an end in units of the input's length less 1, is resampled to a
 * fixed output size: output pixel {@code o} of an axis of input length {@code in} and output length {@code out}
 * samples {@code start * (in - 1) + o * (end - start) * (in - 1) / (out - 1)} ({@code (start + end) / 2 * (in - 1)}
 * for an output of length 1); a coordinate outside the input takes the extrapolation value. Nearest or bilinear.
 */
public final class CropAndResize implements PlaneLayer {

	private final long outWidth;
	private final long outHeight;
	private final double startY;
	private final double startX;
	private final double endY;
	private final double endX;
	private final Interpolation mode;
	private final NearestRounding rounding;
	private final float extrapolation;

	/**
	 * @param outWidth the output width, at least 1
	 * @param outHeight the output height, at least 1
	 * @param roi {startY, startX, endY, endX}, finite
	 * @param mode nearest or bilinear
	 * @param rounding how nearest rounds
	 * @param extrapolation the value of samples outside the input
	 * @throws IllegalArgumentException for an empty output or a non-finite region
	 */
	public CropAndResize(final long outWidth, final long outHeight, final double[] roi, final Interpolation mode,
		final NearestRounding rounding, final float extrapolation)
	{
		if (outWidth < 1 || outHeight < 1 || outWidth > Integer.MAX_VALUE / outHeight)
			throw new IllegalArgumentException("Crop and resize to " + outWidth + " x " + outHeight + " is not allowed; allowed: sizes >= 1 " +
				"whose plane holds at most " + Integer.MAX_VALUE + " values");
		for (final double r : roi)
			if (!Double.isFinite(r))
				throw new IllegalArgumentException("The region of interest " + java.util.Arrays.toString(roi) + " is not finite");
		this.outWidth = outWidth;
		this.outHeight = outHeight;
		this.startY = roi[0];
		this.startX = roi[1];
		this.endY = roi[2];
		this.endX = roi[3];
		this.mode = mode;
		this.rounding = rounding;
		this.extrapolation = extrapolation;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { outWidth, outHeight };
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.WHOLE_IMAGE;
	}

	/** @return the input coordinate of output pixel {@code o} along an axis */
	private static double source(final long o, final double start, final double end, final long in, final long out) {
		return out > 1 ? start * (in - 1) + o * (end - start) * (in - 1) / (out - 1) : 0.5 * (start + end) * (in - 1);
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final int w = (int) source.dimension(0), h = (int) source.dimension(1);
		OutputGeometry.checkTarget(target, new long[] { outWidth, outHeight });
		final float[] plane = new float[w * h];
		final RowReader<S> reader = new RowReader<>(source, null, 0);
		final float[] row = new float[w];
		for (int y = 0; y < h; y++) {
			reader.read(y, row);
			System.arraycopy(row, 0, plane, y * w, w);
		}
		final RowWriter<T> writer = new RowWriter<>(target, false);
		final float[] line = new float[(int) outWidth];
		for (long oy = 0; oy < outHeight; oy++) {
			final double sy = source(oy, startY, endY, h, outHeight);
			for (int ox = 0; ox < outWidth; ox++) {
				final double sx = source(ox, startX, endX, w, outWidth);
				line[ox] = sy < 0 || sy > h - 1 || sx < 0 || sx > w - 1 ? extrapolation : mode.at(plane, w, h, sy, sx, rounding);
			}
			writer.write(oy, line);
		}
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		for (int c = 0; c < inputs.size(); c++)
			compute(inputs.get(c), outputs.get(c));
	}
}

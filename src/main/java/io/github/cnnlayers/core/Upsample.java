package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Resampling of every plane by a scale per axis, as PyTorch's
 * {@code interpolate(x, scale_factor=(sy, sx), mode, align_corners)} ({@link #pytorch}) and ONNX's
 * {@code Resize} with scales ({@link #of}, any {@link CoordinateTransform} and {@link NearestRounding}): the
 * output is {@code floor(W * sx) x floor(H * sy)}, output pixel x samples the input at the transform's
 * coordinate, by the {@link Interpolation}. PyTorch's modes compute coordinates from {@code (float) (1/scale)}, as
 * PyTorch does, so nearest neighbour picks PyTorch's pixels exactly; ONNX's modes divide by the scale, as ONNX
 * does (see {@link CoordinateTransform}). Immutable and thread-safe.
 */
public final class Upsample implements PlaneLayer {

	private final double scaleY;
	private final double scaleX;
	private final Interpolation interpolation;
	private final CoordinateTransform transform;
	private final NearestRounding rounding;
	/** PyTorch's rule: an axis whose output is as long as its input is copied, whatever the scale. */
	private final boolean copySameSize;

	private Upsample(final double scaleY, final double scaleX, final Interpolation interpolation, final CoordinateTransform transform,
		final NearestRounding rounding, final boolean copySameSize)
	{
		checkScale(scaleY, "Vertical scale");
		checkScale(scaleX, "Horizontal scale");
		if (interpolation == null || transform == null || rounding == null)
			throw new IllegalArgumentException("Upsample needs an interpolation (nearest, bilinear), a coordinate transformation mode and a nearest mode");
		this.scaleY = scaleY;
		this.scaleX = scaleX;
		this.interpolation = interpolation;
		this.transform = transform;
		this.rounding = rounding;
		this.copySameSize = copySameSize;
	}

	static void checkScale(final double s, final String what) {
		if (!(s > 0) || Double.isInfinite(s) || Float.isInfinite((float) (1 / s)) || (float) (1 / s) == 0)
			throw new IllegalArgumentException(what + " " + s + " is not allowed; allowed: finite numbers > 0 (2 doubles the size, 0.5 halves it)");
	}

	/**
	 * PyTorch's {@code interpolate(x, scale_factor=(scaleY, scaleX), mode, align_corners)}, including its rule that
	 * an axis whose output is as long as its input (e.g. scale 1.0001 on 5 pixels) is copied.
	 *
	 * @param scaleY vertical scale, &gt; 0
	 * @param scaleX horizontal scale, &gt; 0
	 * @param mode nearest or bilinear
	 * @param alignCorners PyTorch's {@code align_corners} (bilinear only)
	 * @return the layer
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static Upsample pytorch(final double scaleY, final double scaleX, final Interpolation mode, final boolean alignCorners) {
		if (mode == null)
			throw new IllegalArgumentException("Upsample needs a mode; allowed: nearest, bilinear");
		return new Upsample(scaleY, scaleX, mode, mode.pytorchTransform(alignCorners), NearestRounding.FLOOR, true);
	}

	/**
	 * ONNX's {@code Resize} with {@code scales} (no roi), or any combination.
	 *
	 * @param scaleY vertical scale, &gt; 0
	 * @param scaleX horizontal scale, &gt; 0
	 * @param mode nearest or bilinear (ONNX {@code mode} nearest or linear)
	 * @param transform ONNX {@code coordinate_transformation_mode}
	 * @param rounding ONNX {@code nearest_mode} (used by nearest only)
	 * @return the layer
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static Upsample of(final double scaleY, final double scaleX, final Interpolation mode, final CoordinateTransform transform,
		final NearestRounding rounding)
	{
		return new Upsample(scaleY, scaleX, mode, transform, rounding, false);
	}

	/** @return the interpolation */
	public Interpolation interpolation() {
		return interpolation;
	}

	/** @return the coordinate transform */
	public CoordinateTransform transform() {
		return transform;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		final long w = (long) Math.floor(width * scaleX);
		final long h = (long) Math.floor(height * scaleY);
		if (w < 1 || h < 1)
			throw new IllegalArgumentException("Output " + (w < 1 ? "width floor(" + width + " * " + scaleX + ")" : "height floor(" + height +
				" * " + scaleY + ")") + " would be 0; allowed: scales that leave at least 1 pixel");
		OutputGeometry.checkPlaneSize(w, h);
		return new long[] { w, h };
	}

	/**
	 * @return output pixels 1/scale input pixels apart; output pixel 0 centred where the transform maps it (for a
	 *         large image: align_corners's true step (in - 1)/(out - 1) is close to 1/scale), reaching one pixel
	 *         either side of it
	 */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(axisField(transform, scaleX), axisField(transform, scaleY), ReceptiveField.POINT);
	}

	/**
	 * @param transform the coordinate transform
	 * @param scale the scale along one axis
	 * @return the field along that axis (as its x axis, for {@link ReceptiveField#volume}): the input pixels either side
	 *         of each output pixel's source
	 */
	static ReceptiveField axisField(final CoordinateTransform transform, final double scale) {
		final double c = transform.source(0, scale, Integer.MAX_VALUE, Integer.MAX_VALUE - 1L);
		return ReceptiveField.resampled(1 / scale, 1 / scale, c - 1, c - 1, c + 1, c + 1, c, c);
	}

	/**
	 * @return 1; with a transform whose step depends on the image's size (align_corners), {@link Layer#WHOLE_OUTPUT}
	 */
	@Override
	public int outputBlock() {
		return transform.dependsOnSize() ? WHOLE_OUTPUT : 1;
	}

	/** @return the interpolation's {@link Interpolation#keepsType()}: true for nearest */
	@Override
	public boolean keepsType() {
		return interpolation.keepsType();
	}

	/** @return per thread: two input rows, a blended row, the output row and the column tables */
	@Override
	public double workingBytes(final long width, final long height) {
		final double out = Math.floor(width * scaleX);
		return 12.0 * width + 20.0 * out;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final int width = (int) source.dimension(0);
		final int height = (int) source.dimension(1);
		final long[] out = outputSize(width, height);
		OutputGeometry.checkTarget(target, out);
		final Interpolation.Axis xs = interpolation.axis(transform, rounding, scaleX, width, (int) out[0], copySameSize);
		final Interpolation.Axis ys = interpolation.axis(transform, rounding, scaleY, height, (int) out[1], copySameSize);
		RowChunks.forEach(out[1], range -> {
			final RowReader<S> reader = new RowReader<>(source, null, 0);
			final RowWriter<T> writer = new RowWriter<>(target);
			final float[][] slots = new float[2][width];
			final long[] held = { -1, -1 };
			final int[] next = { 0 };
			final java.util.function.LongFunction<float[]> rows = iy -> { // two rows cached: a bilinear row reads two
				for (int s = 0; s < 2; s++)
					if (held[s] == iy) {
						next[0] = 1 - s;
						return slots[s];
					}
				final int s = next[0];
				reader.read(iy, slots[s]);
				held[s] = iy;
				next[0] = 1 - s;
				return slots[s];
			};
			final float[] line = new float[(int) out[0]];
			final float[] work = new float[width];
			for (long y = range.start; y < range.end; y++) {
				interpolation.row(xs, ys, (int) y, rows, line, work);
				writer.write(y, line);
			}
		});
	}

	@Override
	public String toString() {
		return "Upsample " + interpolation + " x" + scaleX + ", y" + scaleY + ", " + transform + ", " + rounding;
	}
}

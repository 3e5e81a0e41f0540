package io.github.cnnlayers.core;

import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * How a resampling layer computes an output pixel from the input around its source coordinate, each
 * constant carrying its sampling: nearest neighbour, or bilinear (linear along every axis: trilinear for
 * {@link Upsample3D}). Labels are PyTorch's mode names.
 */
public enum Interpolation {

	/** The pixel at the rounded source coordinate, clamped to the image; values are copied exactly. */
	NEAREST("nearest") {

		@Override
		float at(final float[] plane, final int width, final int height, final double y, final double x, final NearestRounding rounding) {
			final long iy = Math.min(height - 1, Math.max(0, rounding.round(y)));
			final long ix = Math.min(width - 1, Math.max(0, rounding.round(x)));
			return plane[(int) (iy * width + ix)];
		}

		@Override
		Axis sample(final CoordinateTransform transform, final NearestRounding rounding, final double scale, final int in, final int out) {
			final int[] index = new int[out];
			for (int x = 0; x < out; x++)
				index[x] = (int) Math.max(0, Math.min(in - 1, rounding.round(transform.source(x, scale, in, out))));
			return new Axis(index, index, null, null);
		}

		@Override
		void row(final Axis xs, final Axis ys, final int y, final LongFunction<float[]> rows, final float[] line, final float[] work) {
			final float[] src = rows.apply(ys.i0[y]);
			for (int x = 0; x < line.length; x++)
				line[x] = src[xs.i0[x]];
		}

		@Override
		void planeRow(final Axis zs, final int z, final IntFunction<float[]> rowOfPlane, final float[] into) {
			System.arraycopy(rowOfPlane.apply(zs.i0[z]), 0, into, 0, into.length);
		}

		@Override
		public boolean keepsType() {
			return true;
		}

		@Override
		CoordinateTransform pytorchTransform(final boolean alignCorners) {
			if (alignCorners)
				throw new IllegalArgumentException("align_corners is not allowed with mode nearest (as in PyTorch); allowed: align_corners with mode bilinear");
			return CoordinateTransform.PYTORCH_NEAREST;
		}
	},
	/**
	 * Linear in x and y between the two pixels around the source coordinate, with PyTorch's index rule
	 * ({@code upsample_bilinear2d}): a coordinate below 0 is taken as 0, {@code i0 = floor(c)} (at most the last
	 * pixel), {@code i1 = i0 + 1} (the last pixel again at the end), weights {@code l1 = c - i0} (clamped to
	 * [0, 1]) and {@code l0 = 1 - l1} in double, rounded to float (so a coordinate a hair past the last pixel
	 * gives it a tiny weight, not 0, as in PyTorch), all four terms summed in float even where a weight is 0 (so an
	 * infinity next to the sample point gives NaN, as in PyTorch). For finite values this equals ONNX's
	 * linear mode, whose neighbours beyond the edge repeat the edge pixel.
	 */
	BILINEAR("bilinear") {

		@Override
		float at(final float[] plane, final int width, final int height, final double y, final double x, final NearestRounding rounding) {
			final int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
			final int y1 = Math.min(y0 + 1, height - 1), x1 = Math.min(x0 + 1, width - 1);
			final double fy = y - y0, fx = x - x0;
			final double top = plane[y0 * width + x0] * (1 - fx) + plane[y0 * width + x1] * fx;
			final double bottom = plane[y1 * width + x0] * (1 - fx) + plane[y1 * width + x1] * fx;
			return (float) (top * (1 - fy) + bottom * fy);
		}

		@Override
		Axis sample(final CoordinateTransform transform, final NearestRounding rounding, final double scale, final int in, final int out) {
			final int[] i0 = new int[out];
			final int[] i1 = new int[out];
			final float[] l0 = new float[out];
			final float[] l1 = new float[out];
			for (int x = 0; x < out; x++) {
				final double c = Math.max(0, transform.source(x, scale, in, out));
				i0[x] = (int) Math.min(in - 1, (long) c);
				i1[x] = i0[x] + (i0[x] < in - 1 ? 1 : 0);
				final double w1 = Math.min(Math.max(c - i0[x], 0), 1);
				l1[x] = (float) w1;
				l0[x] = (float) (1 - w1);
			}
			return new Axis(i0, i1, l0, l1);
		}

		@Override
		void row(final Axis xs, final Axis ys, final int y, final LongFunction<float[]> rows, final float[] line, final float[] work) {
			final float[] r0 = rows.apply(ys.i0[y]);
			final float[] r1 = rows.apply(ys.i1[y]);
			final float h0 = ys.l0[y];
			final float h1 = ys.l1[y];
			for (int i = 0; i < work.length; i++) // same index on all sides: vectorized
				work[i] = h0 * r0[i] + h1 * r1[i];
			for (int x = 0; x < line.length; x++)
				line[x] = xs.l0[x] * work[xs.i0[x]] + xs.l1[x] * work[xs.i1[x]];
		}

		@Override
		void planeRow(final Axis zs, final int z, final IntFunction<float[]> rowOfPlane, final float[] into) {
			final float[] r0 = rowOfPlane.apply(zs.i0[z]);
			final float[] r1 = rowOfPlane.apply(zs.i1[z]);
			final float t0 = zs.l0[z];
			final float t1 = zs.l1[z];
			for (int i = 0; i < into.length; i++) // same index on all sides: vectorized
				into[i] = t0 * r0[i] + t1 * r1[i];
		}

		@Override
		public boolean keepsType() {
			return false;
		}

		@Override
		CoordinateTransform pytorchTransform(final boolean alignCorners) {
			return alignCorners ? CoordinateTransform.ALIGN_CORNERS : CoordinateTransform.PYTORCH_LINEAR;
		}
	};

	/** Where the output pixels of one axis sample the input: two indices and their weights per output index. */
	static final class Axis {

		final int[] i0;
		final int[] i1;
		final float[] l0;
		final float[] l1;

		Axis(final int[] i0, final int[] i1, final float[] l0, final float[] l1) {
			this.i0 = i0;
			this.i1 = i1;
			this.l0 = l0;
			this.l1 = l1;
		}
	}

	private final String label;

	Interpolation(final String label) {
		this.label = label;
	}

	/** @return where each of {@code out} output indices samples an axis of {@code in} input pixels */
	abstract Axis sample(CoordinateTransform transform, NearestRounding rounding, double scale, int in, int out);

	/**
	 * @param copySameSize whether an axis whose output is as long as its input is copied: every output index
	 *        samples its own input index with weight 1 and (for bilinear) that same index again with weight 0,
	 *        as PyTorch's {@code interpolate} does whatever the scale (so an infinity there gives NaN)
	 * @return where each of {@code out} output indices samples an axis of {@code in} input pixels
	 */
	Axis axis(final CoordinateTransform transform, final NearestRounding rounding, final double scale, final int in, final int out,
		final boolean copySameSize)
	{
		if (!copySameSize || in != out)
			return sample(transform, rounding, scale, in, out);
		final int[] index = new int[out];
		final float[] one = new float[out];
		for (int x = 0; x < out; x++) {
			index[x] = x;
			one[x] = 1;
		}
		return new Axis(index, index, one, new float[out]);
	}

	/**
	 * Computes output row y into {@code line}.
	 *
	 * @param rows input row by index (a reader's buffer, valid until the next call with another index)
	 * @param work a line as wide as the input
	 */
	abstract void row(Axis xs, Axis ys, int y, LongFunction<float[]> rows, float[] line, float[] work);

	/**
	 * Fills {@code into} with one input row as seen by output plane z of a volume: for nearest the row of the plane
	 * {@code zs} picks, copied; for bilinear (trilinear in 3D) the rows of the two planes around z blended by their
	 * weights, all terms summed (an infinity beside the sample gives NaN, as in PyTorch).
	 *
	 * @param rowOfPlane the row in input plane iz; two calls in a row must return different arrays
	 */
	abstract void planeRow(Axis zs, int z, IntFunction<float[]> rowOfPlane, float[] into);

	/**
	 * @param alignCorners PyTorch's {@code align_corners}
	 * @return the coordinate transform of PyTorch's {@code interpolate} with this mode
	 * @throws IllegalArgumentException when PyTorch refuses align_corners with this mode
	 */
	abstract CoordinateTransform pytorchTransform(boolean alignCorners);

	/** @return whether every output value is an input value, so any pixel type holds it */
	public abstract boolean keepsType();

	/**
	 * @param plane a row-major plane
	 * @param width its width
	 * @param height its height
	 * @param y an input row coordinate in [0, height - 1]
	 * @param x an input column coordinate in [0, width - 1]
	 * @param rounding how nearest rounds (unused by bilinear)
	 * @return the plane's value there: the nearest pixel's, or the bilinear blend of the four around it
	 */
	abstract float at(float[] plane, int width, int height, double y, double x, NearestRounding rounding);

	/** @return the label: "nearest" or "bilinear" */
	public String label() {
		return label;
	}

	/**
	 * @param label a label in any case
	 * @return the interpolation
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static Interpolation fromLabel(final String label) {
		return Labels.find(values(), Interpolation::label, label, "mode");
	}

	@Override
	public String toString() {
		return label;
	}
}

package io.github.cnnlayers.core;

import java.util.List;
import java.util.function.LongFunction;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Resampling of every volume by a scale per axis, as PyTorch's
 * {@code interpolate(x, scale_factor=(sz, sy, sx), mode, align_corners)} with mode {@code nearest} or
 * {@code trilinear} ({@link Interpolation#BILINEAR}, linear along each of the three axes): the output is
 * {@code floor(W * sx) x floor(H * sy) x floor(D * sz)}, each axis mapped by the same {@link CoordinateTransform}
 * as {@link Upsample}'s PyTorch modes (coordinates from PyTorch's float {@code 1/scale}, an axis whose output is as
 * long as its input copied), so nearest picks PyTorch's voxels exactly. Each channel is resampled on its own.
 * Immutable and thread-safe; runs on ImgLib2's {@code Parallelization} executor.
 */
public final class Upsample3D implements Layer3D {

	private final double scaleZ;
	private final double scaleY;
	private final double scaleX;
	private final Interpolation interpolation;
	private final CoordinateTransform transform;

	private Upsample3D(final double scaleZ, final double scaleY, final double scaleX, final Interpolation interpolation,
		final CoordinateTransform transform)
	{
		this.scaleZ = scaleZ;
		this.scaleY = scaleY;
		this.scaleX = scaleX;
		this.interpolation = interpolation;
		this.transform = transform;
	}

	/**
	 * PyTorch's {@code interpolate(x, scale_factor=(scaleZ, scaleY, scaleX), mode, align_corners)}.
	 *
	 * @param scaleZ depth scale, &gt; 0
	 * @param scaleY vertical scale, &gt; 0
	 * @param scaleX horizontal scale, &gt; 0
	 * @param mode nearest, or bilinear for PyTorch's {@code trilinear}
	 * @param alignCorners PyTorch's {@code align_corners} (trilinear only)
	 * @return the layer
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static Upsample3D pytorch(final double scaleZ, final double scaleY, final double scaleX, final Interpolation mode,
		final boolean alignCorners)
	{
		Upsample.checkScale(scaleZ, "Depth scale");
		Upsample.checkScale(scaleY, "Vertical scale");
		Upsample.checkScale(scaleX, "Horizontal scale");
		if (mode == null)
			throw new IllegalArgumentException("Upsample 3D needs a mode; allowed: nearest, trilinear");
		return new Upsample3D(scaleZ, scaleY, scaleX, mode, mode.pytorchTransform(alignCorners));
	}

	/** @return the interpolation: nearest, or bilinear (trilinear in 3D) */
	public Interpolation interpolation() {
		return interpolation;
	}

	/** @return the coordinate transform of every axis */
	public CoordinateTransform transform() {
		return transform;
	}

	/** @return the interpolation's {@link Interpolation#keepsType()}: true for nearest */
	@Override
	public boolean keepsType() {
		return interpolation.keepsType();
	}

	/** @return per axis, the two input voxels either side of an output voxel's source, as {@link Upsample#receptiveField()} */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(Upsample.axisField(transform, scaleX), Upsample.axisField(transform, scaleY),
			Upsample.axisField(transform, scaleZ));
	}

	/** @return 1; with a transform whose step depends on the volume's size (align_corners), {@link Layer#WHOLE_OUTPUT} */
	@Override
	public int outputBlock() {
		return transform.dependsOnSize() ? Layer.WHOLE_OUTPUT : 1;
	}

	/**
	 * @return output {floor(W * sx), floor(H * sy), floor(D * sz)}
	 * @throws IllegalArgumentException when an axis would be empty or a plane too large for ImageJ
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		final long[] out = { (long) Math.floor(width * scaleX), (long) Math.floor(height * scaleY), (long) Math.floor(depth * scaleZ) };
		final String[] names = { "width floor(" + width + " * " + scaleX + ")", "height floor(" + height + " * " + scaleY + ")",
			"depth floor(" + depth + " * " + scaleZ + ")" };
		for (int a = 0; a < 3; a++)
			if (out[a] < 1)
				throw new IllegalArgumentException("Output " + names[a] + " would be 0; allowed: scales that leave at least 1 voxel");
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		return out;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		if (inputs.size() != outputs.size())
			throw new IllegalArgumentException("A per-channel layer needs as many output volumes as input volumes: " + inputs.size() +
				" in, " + outputs.size() + " out");
		final RandomAccessibleInterval<S> first = inputs.get(0);
		final int width = (int) first.dimension(0);
		final int height = (int) first.dimension(1);
		final int depth = (int) first.dimension(2);
		final long[] out = outputSize(width, height, depth);
		VolumeRows.checkTargets(outputs, out);
		final NearestRounding floor = NearestRounding.FLOOR;
		final Interpolation.Axis xs = interpolation.axis(transform, floor, scaleX, width, (int) out[0], true);
		final Interpolation.Axis ys = interpolation.axis(transform, floor, scaleY, height, (int) out[1], true);
		final Interpolation.Axis zs = interpolation.axis(transform, floor, scaleZ, depth, (int) out[2], true);
		for (int c = 0; c < inputs.size(); c++) {
			final RandomAccessibleInterval<S> source = inputs.get(c);
			final RandomAccessibleInterval<T> target = outputs.get(c);
			VolumeRows.forEachRow(out[1], out[2], range -> resampleRows(source, target, xs, ys, zs, (int) out[0], out[1], range));
		}
	}

	private <S extends RealType<S>, T extends RealType<T>> void resampleRows(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target, final Interpolation.Axis xs, final Interpolation.Axis ys, final Interpolation.Axis zs,
		final int outWidth, final long outHeight, final RowChunks.Range range)
	{
		final int width = (int) source.dimension(0);
		final VolumeRows.Reader<S> reader = new VolumeRows.Reader<>(source, null, 0);
		final VolumeRows.Writer<T> writer = new VolumeRows.Writer<>(target);
		final float[][] reads = new float[2][width]; // the two planes' rows a trilinear blend reads
		final float[][] slots = new float[2][width]; // the rows of output plane z, two cached: a row's y blend reads two
		final long[] held = new long[2];
		final int[] next = new int[1];
		final int[] plane = { -1 };
		final long[] rowIndex = new long[1];
		final int[] read = new int[1];
		final java.util.function.IntFunction<float[]> rowOfPlane = iz -> {
			final float[] buffer = reads[read[0]];
			read[0] = 1 - read[0];
			reader.read(rowIndex[0], iz, buffer);
			return buffer;
		};
		final LongFunction<float[]> rows = iy -> {
			for (int s = 0; s < 2; s++)
				if (held[s] == iy) {
					next[0] = 1 - s;
					return slots[s];
				}
			final int s = next[0];
			rowIndex[0] = iy;
			interpolation.planeRow(zs, plane[0], rowOfPlane, slots[s]);
			held[s] = iy;
			next[0] = 1 - s;
			return slots[s];
		};
		final float[] line = new float[outWidth];
		final float[] work = new float[width];
		for (long r = range.start; r < range.end; r++) {
			final int y = (int) (r % outHeight);
			final int z = (int) (r / outHeight);
			if (z != plane[0]) { // rows cached for another output plane are blended for it: forget them
				plane[0] = z;
				held[0] = -1;
				held[1] = -1;
			}
			interpolation.row(xs, ys, y, rows, line, work);
			writer.write(y, z, line);
		}
	}

	@Override
	public String toString() {
		return "Upsample 3D " + interpolation + " x" + scaleX + ", y" + scaleY + ", z" + scaleZ + ", " + transform;
	}
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 3D pooling layer with the semantics of PyTorch's {@code max_pool3d}, {@code avg_pool3d} and min pooling
 * ({@code -max_pool3d(-x)}): window size, stride and padding per axis ({@link PerAxis3D}, z y x; padding at most
 * half the window along each axis) and ceil mode. Each channel is pooled on its own. The {@link PoolingMode}
 * carries the reduction: padded voxels never win a max or a min (NaN wins, as in PyTorch); for the average they
 * count in the divisor only when {@code countIncludePad} is set (PyTorch's default {@code count_include_pad=True}),
 * the padded window being clipped to the padded volume, as PyTorch does.
 * <p>
 * For each output row (y, z) the window's input rows are reduced into one line first (same index, vectorized),
 * then each output voxel reduces its columns of that line. Immutable and thread-safe; runs on ImgLib2's
 * {@code Parallelization} executor.
 */
public final class Pool3D implements Layer3D {

	private final PoolingMode mode;
	private final PerAxis3D size;
	private final PerAxis3D stride;
	private final PerAxis3D padding;
	private final boolean ceil;
	private final boolean countIncludePad;

	/**
	 * @param mode max, min or average
	 * @param size window size per axis, each &gt;= 1
	 * @param stride per axis, each &gt;= 1
	 * @param padding per axis, 0 &lt;= padding &lt;= size/2 along each axis
	 * @param ceil ceil mode: round the output size up, keeping a last partial window
	 * @param countIncludePad for the average: divide by the window size including padded voxels
	 * @throws IllegalArgumentException naming the parameter and its allowed values
	 */
	public Pool3D(final PoolingMode mode, final PerAxis3D size, final PerAxis3D stride, final PerAxis3D padding, final boolean ceil,
		final boolean countIncludePad)
	{
		if (mode == null)
			throw new IllegalArgumentException("Pool3D needs a mode; allowed: max, min, average");
		for (int a = 0; a < 3; a++)
			OutputGeometry.checkPooling(size.get(a), stride.get(a), padding.get(a));
		this.mode = mode;
		this.size = size;
		this.stride = stride;
		this.padding = padding;
		this.ceil = ceil;
		this.countIncludePad = countIncludePad;
	}

	/** @return max, min or average */
	public PoolingMode mode() {
		return mode;
	}

	/** @return the window size per axis */
	public PerAxis3D size() {
		return size;
	}

	/** @return the stride per axis */
	public PerAxis3D stride() {
		return stride;
	}

	/** @return the padding per axis */
	public PerAxis3D padding() {
		return padding;
	}

	/** @return whether ceil mode is on */
	public boolean ceil() {
		return ceil;
	}

	/** @return whether padded voxels count in the average's divisor */
	public boolean countIncludePad() {
		return countIncludePad;
	}

	/** @return whether the mode's values are input values (max, min), so the source type holds them */
	@Override
	public boolean keepsType() {
		return mode.keepsType();
	}

	/**
	 * @return output {width, height, depth}: {@code floor_or_ceil((N + 2P - K) / S) + 1} per axis, a last ceil window
	 *         that would start in the padding dropped
	 * @throws IllegalArgumentException when a window does not fit
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		final long[] out = { OutputGeometry.pooling(width, size.x, stride.x, padding.x, ceil, "width"),
			OutputGeometry.pooling(height, size.y, stride.y, padding.y, ceil, "height"),
			OutputGeometry.pooling(depth, size.z, stride.z, padding.z, ceil, "depth") };
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
		final long[] out = outputSize(first.dimension(0), first.dimension(1), first.dimension(2));
		VolumeRows.checkTargets(outputs, out);
		for (int c = 0; c < inputs.size(); c++) {
			final RandomAccessibleInterval<S> source = inputs.get(c);
			final RandomAccessibleInterval<T> target = outputs.get(c);
			VolumeRows.forEachRow(out[1], out[2], range -> poolRows(source, target, (int) out[0], out[1], range));
		}
	}

	private <S extends RealType<S>, T extends RealType<T>> void poolRows(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target, final int outWidth, final long outHeight, final RowChunks.Range range)
	{
		final int width = (int) source.dimension(0);
		final long height = source.dimension(1);
		final long depth = source.dimension(2);
		final VolumeRows.Reader<S> reader = new VolumeRows.Reader<>(source, null, 0);
		final VolumeRows.Writer<T> writer = new VolumeRows.Writer<>(target);
		final float[] column = new float[width];
		final float[] row = new float[width];
		final float[] line = new float[outWidth];
		for (long r = range.start; r < range.end; r++) {
			final long y = r % outHeight;
			final long z = r / outHeight;
			final long z0 = z * stride.z - padding.z;
			final long y0 = y * stride.y - padding.y;
			final long zStart = Math.max(z0, 0);
			final long zEnd = Math.min(z0 + size.z, depth);
			final long yStart = Math.max(y0, 0);
			final long yEnd = Math.min(y0 + size.y, height);
			// windows are never empty: padding <= size/2, and a last ceil window starting in the padding is dropped
			reader.read(yStart, zStart, column);
			for (long iz = zStart; iz < zEnd; iz++)
				for (long iy = iz == zStart ? yStart + 1 : yStart; iy < yEnd; iy++) {
					reader.read(iy, iz, row);
					mode.reduce(column, row, width);
				}
			final long planes = countIncludePad ? (Math.min(z0 + size.z, depth + padding.z) - z0) * (Math.min(y0 + size.y,
				height + padding.y) - y0) : (zEnd - zStart) * (yEnd - yStart);
			for (int x = 0; x < outWidth; x++) {
				final int x0 = x * stride.x - padding.x;
				final int xStart = Math.max(x0, 0);
				final int xEnd = Math.min(x0 + size.x, width);
				float acc = column[xStart];
				for (int ix = xStart + 1; ix < xEnd; ix++)
					acc = mode.reduce(acc, column[ix]);
				final long columns = countIncludePad ? Math.min(x0 + size.x, width + padding.x) - x0 : xEnd - xStart;
				line[x] = mode.complete(acc, planes * columns);
			}
			writer.write(y, z, line);
		}
	}

	/** @return per axis, the window at its stride and padding */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(ReceptiveField.window(size.x, stride.x, padding.x), ReceptiveField.window(size.y, stride.y, padding.y),
			ReceptiveField.window(size.z, stride.z, padding.z));
	}

	@Override
	public String toString() {
		return mode + " pooling 3D, size " + size + ", stride " + stride + ", padding " + padding + (ceil ? ", ceil" : "") +
			(countIncludePad ? ", count" : "");
	}
}

package io.github.cnnlayers.ij;

import ij.measure.Calibration;
import io.github.cnnlayers.core.CoordinateTransform;
import io.github.cnnlayers.core.PerAxis3D;

/**
 * Where the output voxels of a 3D layer lie in its input, per axis: the input voxels between neighbouring output
 * voxels (the step: the stride of a convolution or pooling, 1/scale of a resampling) and the input position of
 * the centre of output voxel 0. It gives a result's calibration: voxel width, height and depth scaled by the step,
 * the origin shifted so that calibrated positions stay where they were.
 */
public abstract class VoxelGrid {

	/**
	 * @param axis 0 = x, 1 = y, 2 = z
	 * @param in the input length along the axis
	 * @param out the output length along the axis
	 * @return {step, centre of output voxel 0}, in input voxels
	 */
	abstract double[] stepAndCentre(int axis, long in, long out);

	/**
	 * The grid of a sliding window (convolution, pooling): output voxel {@code o} is centred on input
	 * {@code o * stride - padding + extent / 2}.
	 *
	 * @param extent the input voxels one window spans per axis: {@code dilation * (k - 1) + 1}
	 * @param stride the stride per axis
	 * @param padding the padding per axis (before the first voxel)
	 * @return the grid
	 */
	public static VoxelGrid window(final PerAxis3D extent, final PerAxis3D stride, final PerAxis3D padding) {
		return new VoxelGrid() {

			@Override
			double[] stepAndCentre(final int axis, final long in, final long out) {
				return new double[] { stride.get(axis), (extent.get(axis) - 1) / 2.0 - padding.get(axis) };
			}
		};
	}

	/**
	 * The grid of a transposed convolution: output voxel {@code o} lies at input {@code (o + padding - extent / 2) / stride}.
	 *
	 * @param extent the output voxels one input voxel spreads over per axis: {@code dilation * (k - 1) + 1}
	 * @param stride the stride per axis
	 * @param padding the padding per axis
	 * @return the grid
	 */
	public static VoxelGrid transposed(final PerAxis3D extent, final PerAxis3D stride, final PerAxis3D padding) {
		return new VoxelGrid() {

			@Override
			double[] stepAndCentre(final int axis, final long in, final long out) {
				final double s = stride.get(axis);
				return new double[] { 1 / s, (padding.get(axis) - (extent.get(axis) - 1) / 2.0) / s };
			}
		};
	}

	/**
	 * The grid of a resampling: output voxel {@code o} lies where the transform maps it.
	 *
	 * @param transform the coordinate transform of every axis
	 * @param scaleZYX the scale per axis, z y x
	 * @return the grid
	 */
	public static VoxelGrid resampled(final CoordinateTransform transform, final double[] scaleZYX) {
		return new VoxelGrid() {

			@Override
			double[] stepAndCentre(final int axis, final long in, final long out) {
				final double scale = scaleZYX[2 - axis];
				final double first = transform.source(0, scale, in, out);
				final double step = out > 1 ? transform.source(1, scale, in, out) - first : 1 / scale;
				return new double[] { step > 0 ? step : 1 / scale, first };
			}
		};
	}

	/** @return the grid of a layer whose output voxels are its input voxels (a norm) */
	public static VoxelGrid same() {
		return window(PerAxis3D.of(1), PerAxis3D.of(1), PerAxis3D.of(0));
	}

	/** @return the grid of a global pooling: one output voxel as large as the volume, centred on it */
	public static VoxelGrid whole() {
		return new VoxelGrid() {

			@Override
			double[] stepAndCentre(final int axis, final long in, final long out) {
				return new double[] { in, (in - 1) / 2.0 };
			}
		};
	}

	/**
	 * @param source the input's calibration
	 * @param in the input's {width, height, depth}
	 * @param out the output's {width, height, depth}
	 * @param keepFunction whether the output keeps the input's values (and so its density calibration)
	 * @return the output's calibration
	 */
	public Calibration calibration(final Calibration source, final long[] in, final long[] out, final boolean keepFunction) {
		final double[] x = stepAndCentre(0, in[0], out[0]);
		final double[] y = stepAndCentre(1, in[1], out[1]);
		final double[] z = stepAndCentre(2, in[2], out[2]);
		final Calibration cal = ResultImages.calibration(source, x[0], y[0], x[1], y[1], keepFunction);
		cal.pixelDepth = source.pixelDepth * z[0];
		cal.zOrigin = (source.zOrigin - z[1]) / z[0];
		return cal;
	}
}

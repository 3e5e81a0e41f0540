package io.github.cnnlayers.network;

import java.util.AbstractList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One sample's tensor: C planes of W x H 32-bit floats, each a row-major array (x fastest, as ImageJ
 * stores a plane), seen by the layers as zero-copy ImgLib2 images.
 */
public final class FeatureMaps {

	private final Shape shape;
	private final float[][] planes;

	/**
	 * @param shape C, W, H
	 * @param planes C arrays of W x H values, used as they are (not copied)
	 * @throws IllegalArgumentException when the arrays do not fit the shape
	 */
	public FeatureMaps(final Shape shape, final float[][] planes) {
		if (planes.length != shape.channels())
			throw new IllegalArgumentException("A tensor of " + shape + " needs " + shape.channels() + " planes, got " + planes.length);
		for (final float[] p : planes)
			if (p.length != shape.planeSize())
				throw new IllegalArgumentException("A plane of " + shape.width() + " x " + shape.height() + " holds " + shape.planeSize() +
					" values, got " + p.length);
		this.shape = shape;
		this.planes = planes;
	}

	/**
	 * @param shape C, W, H
	 * @return a tensor of zeros
	 */
	public static FeatureMaps zeros(final Shape shape) {
		final float[][] planes = new float[shape.channels()][];
		for (int c = 0; c < planes.length; c++)
			planes[c] = new float[shape.planeSize()];
		return new FeatureMaps(shape, planes);
	}

	/** @return C, W, H */
	public Shape shape() {
		return shape;
	}

	/**
	 * @param channel from 0
	 * @return that plane's array, row-major (not a copy)
	 */
	public float[] plane(final int channel) {
		return planes[channel];
	}

	/** @return the planes as 2D ImgLib2 images over the same arrays */
	public List<RandomAccessibleInterval<FloatType>> views() {
		return new AbstractList<RandomAccessibleInterval<FloatType>>() {

			@Override
			public RandomAccessibleInterval<FloatType> get(final int c) {
				return ArrayImgs.floats(planes[c], shape.width(), shape.height());
			}

			@Override
			public int size() {
				return planes.length;
			}
		};
	}
}

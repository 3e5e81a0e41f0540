package io.github.cnnlayers.network;

import java.util.AbstractList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One sample's tensor: C planes of W x H 32-bit floats, each a row-major array (x fastest, as ImageJ
 * stores a plane), seen by the layers as zero-copy ImgLib2 images; for a 3D network ({@link Shape#isVolume()})
 * C volumes of W x H x D, each one array holding its planes one after the other (ImageJ's order), seen as 3D
 * (x, y, z) images.
 */
public final class FeatureMaps {

	private final Shape shape;
	private final float[][] planes;

	/**
	 * @param shape C, W, H (and D)
	 * @param planes C arrays of W x H (x D) values, used as they are (not copied)
	 * @throws IllegalArgumentException when the arrays do not fit the shape
	 */
	public FeatureMaps(final Shape shape, final float[][] planes) {
		if (planes.length != shape.channels())
			throw new IllegalArgumentException("A tensor of " + shape + " needs " + shape.channels() + " planes, got " + planes.length);
		for (final float[] p : planes)
			if (p.length != shape.channelSize())
				throw new IllegalArgumentException("A " + (shape.isVolume() ? "volume" : "plane") + " of " + shape.width() + " x " +
					shape.height() + (shape.isVolume() ? " x " + shape.depth() : "") + " holds " + shape.channelSize() + " values, got " + p.length);
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
			planes[c] = new float[shape.channelSize()];
		return new FeatureMaps(shape, planes);
	}

	/** @return C, W, H */
	public Shape shape() {
		return shape;
	}

	/**
	 * @param channel from 0
	 * @return that channel's array, row-major, a volume's planes one after the other (not a copy)
	 */
	public float[] plane(final int channel) {
		return planes[channel];
	}

	/**
	 * @return the planes as 2D ImgLib2 images over the same arrays; a volume as the W x (H D) image of its planes
	 *         stacked along y, for per-pixel layers and merges
	 */
	public List<RandomAccessibleInterval<FloatType>> views() {
		return new AbstractList<RandomAccessibleInterval<FloatType>>() {

			@Override
			public RandomAccessibleInterval<FloatType> get(final int c) {
				return ArrayImgs.floats(planes[c], shape.width(), shape.height() * shape.depth());
			}

			@Override
			public int size() {
				return planes.length;
			}
		};
	}

	/** @return the channels as 3D (x, y, z) ImgLib2 images over the same arrays (a plane's shape: depth 1) */
	public List<RandomAccessibleInterval<FloatType>> volumes() {
		return new AbstractList<RandomAccessibleInterval<FloatType>>() {

			@Override
			public RandomAccessibleInterval<FloatType> get(final int c) {
				return ArrayImgs.floats(planes[c], shape.width(), shape.height(), shape.depth());
			}

			@Override
			public int size() {
				return planes.length;
			}
		};
	}
}

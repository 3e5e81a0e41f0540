package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A CNN layer on volumes (z-stacks): it maps C input volumes (the channels of one sample) of W x H x D voxels to
 * C' output volumes of the size {@link #outputSize} gives, with PyTorch's 3D semantics ({@code conv3d},
 * {@code max_pool3d}, {@code interpolate(mode='trilinear')}, ...).
 * <p>
 * A channel is one 3D ImgLib2 {@link RandomAccessibleInterval} with dimensions (x, y, z), ImgLib2's order and the
 * order in which ImageJ holds a channel of a hyperstack (a plane per z): the bridge can hand over a zero-copy
 * view of a channel's planes, a virtual stack is read plane by plane through it, the border modes are
 * {@code Views.extend*} in 3D, and a later 3D tiling is a {@code Views.interval}. It mirrors {@link Layer}, which
 * does the same for planes. Sizes are given and returned in that (x, y, z) order, as an {@code Interval}'s
 * dimensions; the layers' parameters ({@link PerAxis3D}) are in PyTorch's (z, y, x) order.
 */
public interface Layer3D {

	/**
	 * @param width input width W (x)
	 * @param height input height H (y)
	 * @param depth input depth D (z, the number of planes)
	 * @return output {width, height, depth}
	 * @throws IllegalArgumentException when the layer's parameters do not fit a W x H x D input, naming the
	 *         parameter and the rule
	 */
	long[] outputSize(long width, long height, long depth);

	/**
	 * @param inputChannels C, the number of input volumes of one sample
	 * @return C', the number of output volumes; a per-channel layer returns C
	 * @throws IllegalArgumentException when the layer needs another number of input channels
	 */
	default int outputChannels(final int inputChannels) {
		return inputChannels;
	}

	/**
	 * @return whether the output values can be stored in the input's voxel type (a max of 8-bit values is
	 *         8-bit); else the output is 32-bit float
	 */
	default boolean keepsType() {
		return false;
	}

	/**
	 * @return where an output voxel looks in the input, per axis x, y, z ({@link ReceptiveField#volume}), for tiling;
	 *         {@link ReceptiveField#WHOLE_IMAGE} (no tiles) unless the layer says otherwise
	 */
	default ReceptiveField receptiveField() {
		return ReceptiveField.WHOLE_IMAGE;
	}

	/** @return the output coordinates whose multiples start the blocks of voxels it computes together, as {@link Layer#outputBlock()} */
	default int outputBlock() {
		return 1;
	}

	/**
	 * Computes the output volumes of one sample.
	 *
	 * @param inputs C volumes of equal size, dimensions (x, y, z) (any min)
	 * @param outputs C' volumes of the size {@link #outputSize} gives (any min)
	 * @param <S> input voxel type
	 * @param <T> output voxel type
	 * @throws IllegalArgumentException when the numbers or sizes of volumes do not match
	 */
	<S extends RealType<S>, T extends RealType<T>> void compute(List<? extends RandomAccessibleInterval<S>> inputs,
		List<? extends RandomAccessibleInterval<T>> outputs);
}

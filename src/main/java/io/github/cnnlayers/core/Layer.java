package io.github.cnnlayers.core;

import java.util.List;
import java.util.Optional;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A CNN layer on 2D planes: it maps C input planes (the channels of one sample) of size W x H to C'
 * output planes of the size {@link #outputSize} gives. Convolution, pooling and the element-wise
 * activations implement it; the ImageJ bridge runs any layer over the planes of an image without
 * knowing which one it is.
 */
public interface Layer {

	/**
	 * @param width input width W
	 * @param height input height H
	 * @return output {width, height}
	 * @throws IllegalArgumentException when the layer's parameters do not fit a W x H input, naming
	 *         the parameter and the rule
	 */
	long[] outputSize(long width, long height);

	/**
	 * @param inputChannels C, the number of input planes of one sample
	 * @return C', the number of output planes; a per-plane layer returns C
	 * @throws IllegalArgumentException when the layer needs another number of input channels
	 */
	default int outputChannels(final int inputChannels) {
		return inputChannels;
	}

	/**
	 * @param width input width W
	 * @param height input height H
	 * @return the bytes each thread allocates while computing one sample (row buffers), beyond the input
	 *         and output planes; a double, since absurd parameters make it exceed {@code Long.MAX_VALUE}
	 */
	default double workingBytes(final long width, final long height) {
		return 0;
	}

	/**
	 * The {@link #outputBlock()} of a layer whose whole output is one block: its values depend on the image's size
	 * (as align_corners upsampling's step does), so no tile of it equals the whole image.
	 */
	int WHOLE_OUTPUT = Integer.MAX_VALUE;

	/**
	 * @return the output coordinates whose multiples start the blocks of pixels this layer computes together
	 *         (1: every pixel alike; {@link #WHOLE_OUTPUT}: the whole output); a tile whose origin on this layer's
	 *         output is such a multiple gets the same values as the whole image, bit for bit
	 */
	default int outputBlock() {
		return 1;
	}

	/**
	 * @param inputChannels C
	 * @param channel an output channel, from 0
	 * @return its label (the filter that made it), or {@code null} to keep the input plane's label
	 */
	default String channelName(final int inputChannels, final int channel) {
		return null;
	}

	/** @return how far an output pixel reaches into the input: extent, stride and padding per axis */
	ReceptiveField receptiveField();

	/**
	 * @return whether the output values can be stored in the input's pixel type (a max of 8-bit values
	 *         is 8-bit); else the output is 32-bit float
	 */
	default boolean keepsType() {
		return false;
	}

	/**
	 * @param activation a function of each value alone
	 * @return this layer applying {@code activation} to each output row as it writes it, with the same floats as this
	 *         layer's 32-bit float output put through the activation, without the tensor between them; empty when this
	 *         layer cannot (it does not write its output row by row)
	 */
	default Optional<Layer> thenApplying(final Activation activation) {
		return Optional.empty();
	}

	/**
	 * @param producer the layer whose output this one reads
	 * @return one layer computing {@code producer} and then this one as it writes each row ({@link #thenApplying}); empty
	 *         unless this layer is a function of each value alone (an {@link Activation}) and the producer can take it
	 */
	default Optional<Layer> appliedAfter(final Layer producer) {
		return Optional.empty();
	}

	/**
	 * Computes the output planes of one sample.
	 *
	 * @param inputs C planes of equal size (any min)
	 * @param outputs C' planes of the size {@link #outputSize} gives (any min)
	 * @param <S> input pixel type
	 * @param <T> output pixel type
	 * @throws IllegalArgumentException when the numbers or sizes of planes do not match
	 */
	<S extends RealType<S>, T extends RealType<T>> void compute(List<? extends RandomAccessibleInterval<S>> inputs,
		List<? extends RandomAccessibleInterval<T>> outputs);
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A layer with several inputs, each the C planes of one sample: channel concatenation, element-wise sum
 * or product (a U-Net's skip connection, a ResNet's residual). The counterpart of {@link Layer} for more
 * than one input; a network wires both kinds.
 */
public interface MergeLayer {

	/** @return the number of inputs it takes, or -1 for any number of at least two */
	int arity();

	/**
	 * @param channels C of each input
	 * @return C of the output
	 * @throws IllegalArgumentException when the inputs' channels do not fit together, naming both counts
	 */
	int outputChannels(int[] channels);

	/**
	 * @param sizes {width, height} of each input
	 * @return {width, height} of the output
	 * @throws IllegalArgumentException when the inputs' sizes do not fit together, naming both sizes
	 */
	long[] outputSize(long[][] sizes);

	/**
	 * Computes the output planes of one sample.
	 *
	 * @param inputs per input, its C planes
	 * @param outputs the output's planes, as {@link #outputChannels} and {@link #outputSize} give them
	 * @param <S> input pixel type
	 * @param <T> output pixel type
	 */
	<S extends RealType<S>, T extends RealType<T>> void compute(List<? extends List<? extends RandomAccessibleInterval<S>>> inputs,
		List<? extends RandomAccessibleInterval<T>> outputs);

	/** @return a short name for messages and captions, e.g. "Concat" */
	String name();

	/**
	 * @return whether the output is the inputs' planes one after another, unchanged (a concatenation of channels), so
	 *         that a network may use the inputs' planes as the output's instead of copying them
	 */
	default boolean stacksChannels() {
		return false;
	}
}

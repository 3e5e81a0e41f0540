package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A {@link Layer} that works on every plane on its own: output plane c is computed from input plane c
 * only (a single-kernel convolution, pooling, an activation), so C' = C.
 */
public interface PlaneLayer extends Layer {

	/**
	 * Computes one output plane from one input plane.
	 *
	 * @param source the input plane (any min)
	 * @param target the output plane of the size {@link #outputSize} gives (any min)
	 * @param <S> input pixel type
	 * @param <T> output pixel type
	 * @throws IllegalArgumentException when the target has another size
	 */
	<S extends RealType<S>, T extends RealType<T>> void compute(RandomAccessibleInterval<S> source,
		RandomAccessibleInterval<T> target);

	@Override
	default <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		if (inputs.size() != outputs.size())
			throw new IllegalArgumentException("A per-plane layer needs as many output planes as input planes: " +
				inputs.size() + " in, " + outputs.size() + " out");
		for (int c = 0; c < inputs.size(); c++)
			compute(inputs.get(c), outputs.get(c));
	}
}

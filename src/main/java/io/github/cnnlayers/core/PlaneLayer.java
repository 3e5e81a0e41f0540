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

	/**
	 * {@link #compute(RandomAccessibleInterval, RandomAccessibleInterval)}, also finding the output's
	 * smallest and largest value for its display range. Layers that write their output a row at a time
	 * find it while each row is in the cache; by default it is a {@link ValueRange} pass afterwards.
	 *
	 * @return {min, max} of the output when it is a float array and every value is finite, else {@code null}
	 */
	default <S extends RealType<S>, T extends RealType<T>> float[] computeWithRange(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		compute(source, target);
		final Object array = RowReader.backingArray(target);
		return array instanceof float[] ? ValueRange.finite((float[]) array) : null;
	}

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

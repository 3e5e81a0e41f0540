package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Concatenation along channels, PyTorch's {@code torch.cat(inputs, dim=1)}: the output holds the first
 * input's channels, then the second's, and so on. Every input has the same width and height.
 */
public final class Concat implements MergeLayer {

	@Override
	public int arity() {
		return -1;
	}

	@Override
	public int outputChannels(final int[] channels) {
		long sum = 0;
		for (final int c : channels)
			sum += c;
		if (sum > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Concat makes " + sum + " channels, more than " + Integer.MAX_VALUE);
		return (int) sum;
	}

	@Override
	public long[] outputSize(final long[][] sizes) {
		for (int i = 1; i < sizes.length; i++)
			if (sizes[i][0] != sizes[0][0] || sizes[i][1] != sizes[0][1])
				throw new IllegalArgumentException("Concat joins channels of equal size, but input 1 is " + sizes[0][0] + " x " +
					sizes[0][1] + " and input " + (i + 1) + " is " + sizes[i][0] + " x " + sizes[i][1] +
					"; allowed: inputs of the same width and height");
		return sizes[0].clone();
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(
		final List<? extends List<? extends RandomAccessibleInterval<S>>> inputs, final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		int o = 0;
		for (final List<? extends RandomAccessibleInterval<S>> input : inputs)
			for (final RandomAccessibleInterval<S> plane : input) {
				final Cursor<S> in = Views.flatIterable(plane).cursor();
				final Cursor<T> out = Views.flatIterable(outputs.get(o++)).cursor();
				while (in.hasNext())
					out.next().setReal(in.next().getRealDouble());
			}
		if (o != outputs.size())
			throw new IllegalArgumentException("Concat of " + o + " channels was given " + outputs.size() + " output planes");
	}

	@Override
	public String name() {
		return "Concat";
	}

	@Override
	public boolean stacksChannels() {
		return true;
	}
}

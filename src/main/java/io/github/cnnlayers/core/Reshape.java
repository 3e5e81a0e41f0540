package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The same values of one sample re-split into other planes, as PyTorch's {@code reshape} of a
 * [1, C, H, W] tensor to [1, C', H', W'] with C x H x W = C' x H' x W': the values keep their row-major
 * order (channel, then row, then column) and only where planes and rows break changes. A flatten before
 * a classifier's linear layer is one: C x H x W values become C x H x W channels of 1 x 1.
 */
public final class Reshape implements Layer {

	private final int channels;
	private final long width;
	private final long height;

	/**
	 * @param channels C' &gt;= 1
	 * @param width W' &gt;= 1
	 * @param height H' &gt;= 1
	 * @throws IllegalArgumentException when a size is below 1
	 */
	public Reshape(final int channels, final long width, final long height) {
		if (channels < 1 || width < 1 || height < 1)
			throw new IllegalArgumentException("A reshape to " + channels + " x " + height + " x " + width + " is empty; allowed: " +
				"every size >= 1");
		this.channels = channels;
		this.width = width;
		this.height = height;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { this.width, this.height };
	}

	/** @return C', whatever the input's C ({@link #checkInput} checks the number of values) */
	@Override
	public int outputChannels(final int inputChannels) {
		return channels;
	}

	/**
	 * @param inputChannels C
	 * @param width W
	 * @param height H
	 * @throws IllegalArgumentException when C x H x W differs from C' x H' x W'
	 */
	public void checkInput(final int inputChannels, final long width, final long height) {
		if ((double) inputChannels * width * height != (double) channels * this.width * this.height)
			throw new IllegalArgumentException("A reshape of " + inputChannels + " x " + height + " x " + width + " (" +
				(long) inputChannels * width * height + " values) to " + channels + " x " + this.height + " x " + this.width + " (" +
				channels * this.width * this.height + " values) changes the number of values; allowed: the same number");
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		checkInput(inputs.size(), inputs.get(0).dimension(0), inputs.get(0).dimension(1));
		if (outputs.size() != channels)
			throw new IllegalArgumentException("Expected " + channels + " output planes, got " + outputs.size());
		int o = 0;
		Cursor<T> out = Views.flatIterable(outputs.get(0)).cursor();
		for (final RandomAccessibleInterval<S> plane : inputs) {
			final Cursor<S> in = Views.flatIterable(plane).cursor();
			while (in.hasNext()) {
				if (!out.hasNext())
					out = Views.flatIterable(outputs.get(++o)).cursor();
				out.next().setReal(in.next().getRealFloat());
			}
		}
	}

	@Override
	public String toString() {
		return "Reshape to " + channels + " x " + height + " x " + width;
	}
}

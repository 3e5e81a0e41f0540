package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Batch normalization at inference, per channel, as PyTorch's {@code batch_norm} in eval mode computes
 * it: {@code y = (x - running_mean) / sqrt(running_var + eps) * weight + bias}, evaluated as
 * {@code y = x * scale + shift} with {@code scale = weight / sqrt(running_var + eps)} and
 * {@code shift = bias - running_mean * scale} (the fused form PyTorch's CPU kernel uses). The number of
 * channels must match the image's.
 */
public final class BatchNorm implements Layer {

	private final float[] scale;
	private final float[] shift;

	/**
	 * @param scale per channel, finite
	 * @param shift per channel, finite
	 * @throws IllegalArgumentException when the lengths differ or a value is not finite
	 */
	public BatchNorm(final float[] scale, final float[] shift) {
		if (scale.length != shift.length || scale.length == 0)
			throw new IllegalArgumentException("Batch norm needs one scale and one shift per channel: got " + scale.length +
				" and " + shift.length);
		for (int c = 0; c < scale.length; c++)
			if (!Float.isFinite(scale[c]) || !Float.isFinite(shift[c]))
				throw new IllegalArgumentException("Batch norm channel " + (c + 1) + " has a non-finite scale or shift (" + scale[c] +
					", " + shift[c] + "); check the running variance and eps");
		this.scale = scale.clone();
		this.shift = shift.clone();
	}

	/** @return the number of channels */
	public int channels() {
		return scale.length;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		if (inputChannels != scale.length)
			throw new IllegalArgumentException("Batch norm has " + scale.length + " channels, but the image has " + inputChannels +
				" (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any other image 1)");
		return inputChannels;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { width, height };
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		outputChannels(inputs.size());
		if (outputs.size() != inputs.size())
			throw new IllegalArgumentException("Expected " + inputs.size() + " output planes, got " + outputs.size());
		for (int c = 0; c < inputs.size(); c++) {
			OutputGeometry.checkTarget(outputs.get(c), new long[] { inputs.get(c).dimension(0), inputs.get(c).dimension(1) });
			final float a = scale[c];
			final float b = shift[c];
			final Cursor<S> in = Views.flatIterable(inputs.get(c)).cursor();
			final Cursor<T> out = Views.flatIterable(outputs.get(c)).cursor();
			while (in.hasNext())
				out.next().setReal(in.next().getRealFloat() * a + b);
		}
	}
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Repetition of the whole input along channels, height and width (PyTorch's {@code x.repeat(1, rc, rh, rw)}, ONNX's
 * {@code Tile} with repeats {@code [1, rc, rh, rw]}): C planes of W x H become C * rc planes of (W * rw) x (H * rh);
 * output channel k is input channel {@code k mod C} and output pixel (x, y) is input pixel
 * {@code (x mod W, y mod H)}. Values are copied, never changed.
 */
public final class Tile implements Layer {

	private final int channels;
	private final int height;
	private final int width;

	/**
	 * @param channels how many times the channels repeat, from 1
	 * @param height how many times the rows repeat, from 1
	 * @param width how many times the columns repeat, from 1
	 * @throws IllegalArgumentException when a repeat count is below 1
	 */
	public Tile(final long channels, final long height, final long width) {
		if (channels < 1 || height < 1 || width < 1 || channels > Integer.MAX_VALUE || height > Integer.MAX_VALUE ||
			width > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Tile repeats " + channels + " x " + height + " x " + width + " (channels x height x " +
				"width) are out of range; allowed: 1 to " + Integer.MAX_VALUE + " each");
		this.channels = (int) channels;
		this.height = (int) height;
		this.width = (int) width;
	}

	/** @return the repeats {channels, height, width} */
	public int[] repeats() {
		return new int[] { channels, height, width };
	}

	@Override
	public long[] outputSize(final long w, final long h) {
		final long ow = w * width, oh = h * height;
		if (w < 1 || h < 1 || ow / width != w || oh / height != h)
			throw new IllegalArgumentException("Tile needs an image of at least 1 x 1 pixels whose tiled size fits a long, got " + w +
				" x " + h + " repeated " + width + " x " + height);
		OutputGeometry.checkPlaneSize(ow, oh);
		return new long[] { ow, oh };
	}

	/** @return C times the channel repeat */
	@Override
	public int outputChannels(final int inputChannels) {
		final long c = (long) inputChannels * channels;
		if (inputChannels < 1 || c > Integer.MAX_VALUE)
			throw new IllegalArgumentException("Tile makes " + c + " channels of " + inputChannels + "; allowed: 1 to " + Integer.MAX_VALUE);
		return (int) c;
	}

	/** @return a point when only channels repeat; else the whole image (an output pixel wraps around the input) */
	@Override
	public ReceptiveField receptiveField() {
		return height == 1 && width == 1 ? ReceptiveField.POINT : ReceptiveField.WHOLE_IMAGE;
	}

	@Override
	public boolean keepsType() {
		return true;
	}

	/** @return one input row and one output row of floats per thread */
	@Override
	public double workingBytes(final long w, final long h) {
		return 4.0 * w * (1 + width);
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int c = inputs.size();
		if (c < 1 || outputs.size() != outputChannels(c))
			throw new IllegalArgumentException("Tile of " + c + " channels repeated " + channels + " times needs " + (long) c * channels +
				" output planes, was given " + outputs.size());
		final long[] in = { inputs.get(0).dimension(0), inputs.get(0).dimension(1) };
		for (final RandomAccessibleInterval<S> plane : inputs)
			OutputGeometry.checkTarget(plane, in);
		final long[] out = outputSize(in[0], in[1]);
		for (final RandomAccessibleInterval<T> plane : outputs)
			OutputGeometry.checkTarget(plane, out);
		final int w = (int) in[0], ow = (int) out[0];
		for (int k = 0; k < outputs.size(); k++) {
			final RandomAccessibleInterval<S> source = inputs.get(k % c);
			final RandomAccessibleInterval<T> target = outputs.get(k);
			RowChunks.forEach(out[1], range -> {
				final RowReader<S> reader = new RowReader<>(source, null, 0);
				final RowWriter<T> writer = new RowWriter<>(target);
				final float[] row = new float[w];
				final float[] tiled = new float[ow];
				for (long y = range.start; y < range.end; y++) {
					reader.read(y % in[1], row);
					for (int x = 0; x < ow; x += w)
						System.arraycopy(row, 0, tiled, x, w);
					writer.write(y, tiled);
				}
			});
		}
	}

	@Override
	public String toString() {
		return "Tile " + channels + " x " + height + " x " + width;
	}
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Softmax over the channels of each pixel, as PyTorch's {@code softmax(x, dim=1)}:
 * {@code y_c = e^(x_c - m) / sum_k e^(x_k - m)} with {@code m = max_k x_k} (subtracting the maximum keeps
 * every exponent &lt;= 0, so nothing overflows), computed in double and rounded to float. A NaN among a
 * pixel's channels makes all of them NaN; so does a +inf (inf - inf), or every channel -inf; a -inf among
 * finite values gives 0. One channel gives 1 (NaN for NaN, +-inf).
 */
public final class Softmax implements Layer {

	/** Whether it gives the logarithm of the softmax. */
	private final boolean log;

	/** A softmax over channels; it has no parameters. */
	public Softmax() {
		this(false);
	}

	private Softmax(final boolean log) {
		this.log = log;
	}

	/**
	 * @return the logarithm of the softmax over channels, as PyTorch's {@code log_softmax(x, dim=1)} and ONNX's
	 *         {@code LogSoftmax}: {@code y_c = (x_c - m) - log(sum_k e^(x_k - m))}, in double, without taking the log
	 *         of a rounded quotient (so a channel far below the others gives a large negative value, not -inf)
	 */
	public static Softmax logSoftmax() {
		return new Softmax(true);
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { width, height };
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	/** @return one input row of 4 bytes and one of 8 per channel; assumes up to 64 channels, as a bank in Conv2D */
	@Override
	public double workingBytes(final long width, final long height) {
		return 64 * 12.0 * width + 16.0 * width;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int channels = inputs.size();
		if (channels < 1 || outputs.size() != channels)
			throw new IllegalArgumentException("Softmax needs as many output planes as input planes (at least 1): " + channels +
				" in, " + outputs.size() + " out");
		final long[] size = { inputs.get(0).dimension(0), inputs.get(0).dimension(1) };
		for (int c = 0; c < channels; c++) {
			OutputGeometry.checkTarget(inputs.get(c), size);
			OutputGeometry.checkTarget(outputs.get(c), size);
		}
		RowChunks.forEach(size[1], range -> computeRows(inputs, outputs, (int) size[0], range));
	}

	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int width, final RowChunks.Range range)
	{
		final int channels = inputs.size();
		final RowReader<?>[] readers = new RowReader<?>[channels];
		final RowWriter<?>[] writers = new RowWriter<?>[channels];
		for (int c = 0; c < channels; c++) {
			readers[c] = new RowReader<>(inputs.get(c), null, 0);
			writers[c] = new RowWriter<>(outputs.get(c));
		}
		final float[] row = new float[width];
		final double[][] e = new double[channels][width];
		final double[] max = new double[width];
		final double[] sum = new double[width];
		for (long y = range.start; y < range.end; y++) {
			java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
			for (int c = 0; c < channels; c++) {
				readers[c].read(y, row);
				final double[] ec = e[c];
				for (int x = 0; x < width; x++) {
					ec[x] = row[x];
					max[x] = Math.max(max[x], row[x]); // NaN wins
				}
			}
			java.util.Arrays.fill(sum, 0);
			for (int c = 0; c < channels; c++) {
				final double[] ec = e[c];
				for (int x = 0; x < width; x++) {
					ec[x] = Math.exp(ec[x] - max[x]);
					sum[x] += ec[x];
				}
			}
			for (int c = 0; c < channels; c++) {
				final double[] ec = e[c];
				if (log) {
					readers[c].read(y, row);
					for (int x = 0; x < width; x++)
						row[x] = (float) (row[x] - max[x] - Math.log(sum[x]));
				}
				else
					for (int x = 0; x < width; x++)
						row[x] = (float) (ec[x] / sum[x]);
				writers[c].write(y, row);
			}
		}
	}

	@Override
	public String toString() {
		return log ? "Log softmax" : "Softmax";
	}
}

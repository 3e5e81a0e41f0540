package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Global pooling over volumes: every channel becomes one 1 x 1 x 1 volume holding the average, sum or maximum of
 * its voxels (PyTorch's {@code adaptive_avg_pool3d(x, 1)}, {@code x.sum((2, 3, 4))}, {@code adaptive_max_pool3d(x,
 * 1)}; ONNX {@code GlobalAveragePool}/{@code GlobalMaxPool} on 5-D). The reduction is the
 * {@link GlobalPoolingMode}'s; rows are reduced in parallel chunks. Immutable and thread-safe.
 */
public final class GlobalPooling3D implements Layer3D {

	private final GlobalPoolingMode mode;

	/**
	 * @param mode average, sum or max
	 * @throws IllegalArgumentException when mode is null, listing the modes
	 */
	public GlobalPooling3D(final GlobalPoolingMode mode) {
		if (mode == null)
			throw new IllegalArgumentException("Global pooling needs a mode; allowed: average, sum, max");
		this.mode = mode;
	}

	/** @return average, sum or max */
	public GlobalPoolingMode mode() {
		return mode;
	}

	/** @return {1, 1, 1} */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		if (width < 1 || height < 1 || depth < 1)
			throw new IllegalArgumentException("Global pooling needs a volume of at least 1 x 1 x 1 voxels, got " + width + " x " + height +
				" x " + depth);
		return new long[] { 1, 1, 1 };
	}

	/** @return the mode's {@link GlobalPoolingMode#keepsType()} */
	@Override
	public boolean keepsType() {
		return mode.keepsType();
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		if (inputs.size() != outputs.size())
			throw new IllegalArgumentException("A per-channel layer needs as many output volumes as input volumes: " + inputs.size() +
				" in, " + outputs.size() + " out");
		final RandomAccessibleInterval<S> first = inputs.get(0);
		VolumeRows.checkTargets(outputs, outputSize(first.dimension(0), first.dimension(1), first.dimension(2)));
		for (int c = 0; c < inputs.size(); c++) {
			final RandomAccessibleInterval<S> source = inputs.get(c);
			final int width = (int) source.dimension(0);
			final long height = source.dimension(1);
			final long depth = source.dimension(2);
			final List<Double> parts = RowChunks.map(height * depth, Math.max(1, Activation.MIN_PER_THREAD / width), range -> {
				final VolumeRows.Reader<S> reader = new VolumeRows.Reader<>(source, null, 0);
				final float[] row = new float[width];
				double acc = mode.start();
				for (long r = range.start; r < range.end; r++) {
					reader.read(r % height, r / height, row);
					acc = mode.fold(acc, row, width);
				}
				return acc;
			});
			double acc = mode.start();
			for (final double part : parts)
				acc = mode.merge(acc, part);
			final RandomAccessibleInterval<T> target = outputs.get(c);
			final RandomAccess<T> out = target.randomAccess();
			for (int d = 0; d < 3; d++)
				out.setPosition(target.min(d), d);
			out.get().setReal(mode.finish(acc, width * height * depth));
		}
	}

	@Override
	public String toString() {
		return "Global " + mode.label() + " pooling 3D";
	}
}

package io.github.cnnlayers.ij;

import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A layer that maps one 2D plane to a new 2D plane (convolution, pooling), with what
 * {@link PlaneRunner} needs to build the result image: its size, its type, and where its pixels sit
 * on the input (for the calibration).
 */
public interface PlaneOperation {

	/** @return output {width, height} for an input of {@code width x height} */
	long[] outputSize(long width, long height);

	/** Computes {@code out} from {@code in}. */
	<S extends RealType<S>, T extends RealType<T>> void apply(RandomAccessibleInterval<S> in, RandomAccessibleInterval<T> out);

	/** @return the step between output pixels, in input pixels */
	int stride();

	/** @return the input x (in pixels) of the centre of output pixel 0's receptive field */
	double centreX();

	/** @return the input y (in pixels) of the centre of output pixel 0's receptive field */
	double centreY();

	/** @return the title suffix of results, e.g. {@code "conv2d"} */
	String suffix();

	/** @return whether the output keeps the input's type (else it is 32-bit float) */
	boolean keepsType();

	/**
	 * @param conv a convolution layer
	 * @return it as a plane operation: 32-bit output, title suffix {@code conv2d}
	 */
	static PlaneOperation of(final Conv2D conv) {
		return new PlaneOperation() {

			@Override
			public long[] outputSize(final long width, final long height) {
				return conv.outputSize(width, height);
			}

			@Override
			public <S extends RealType<S>, T extends RealType<T>> void apply(final RandomAccessibleInterval<S> in,
				final RandomAccessibleInterval<T> out)
			{
				conv.compute(in, out);
			}

			@Override
			public int stride() {
				return conv.stride();
			}

			@Override
			public double centreX() {
				return -conv.padX() + conv.dilation() * (conv.kernel().width() - 1) / 2.0;
			}

			@Override
			public double centreY() {
				return -conv.padY() + conv.dilation() * (conv.kernel().height() - 1) / 2.0;
			}

			@Override
			public String suffix() {
				return "conv2d";
			}

			@Override
			public boolean keepsType() {
				return false;
			}
		};
	}

	/**
	 * @param pool a pooling layer
	 * @return it as a plane operation: max pooling keeps the type, average gives 32-bit; title suffix
	 *         {@code maxpool} or {@code avgpool}
	 */
	static PlaneOperation of(final Pool2D pool) {
		return new PlaneOperation() {

			@Override
			public long[] outputSize(final long width, final long height) {
				return pool.outputSize(width, height);
			}

			@Override
			public <S extends RealType<S>, T extends RealType<T>> void apply(final RandomAccessibleInterval<S> in,
				final RandomAccessibleInterval<T> out)
			{
				pool.compute(in, out);
			}

			@Override
			public int stride() {
				return pool.stride();
			}

			@Override
			public double centreX() {
				return -pool.padding() + (pool.size() - 1) / 2.0;
			}

			@Override
			public double centreY() {
				return centreX();
			}

			@Override
			public String suffix() {
				return pool.mode() == PoolingMode.MAX ? "maxpool" : "avgpool";
			}

			@Override
			public boolean keepsType() {
				return pool.mode() == PoolingMode.MAX;
			}
		};
	}
}

package io.github.cnnlayers.core;

import java.util.List;

/**
 * A typed 3D kernel: kd x kh x kw weights of one volume, written as its planes (z) one after the other, each as
 * a 2D {@link Kernel} text (rows of numbers, one per line) and the planes separated by a blank line, e.g. a
 * 3 x 3 x 3 kernel as three 3 x 3 blocks. Immutable.
 */
public final class Kernel3D {

	private final int depth;
	private final int height;
	private final int width;
	private final float[] weights;

	private Kernel3D(final int depth, final int height, final int width, final float[] weights) {
		this.depth = depth;
		this.height = height;
		this.width = width;
		this.weights = weights;
	}

	/**
	 * @param text the planes (z) as 2D kernel texts separated by blank lines ({@code \n} written out is a line break)
	 * @return the kernel
	 * @throws IllegalArgumentException naming the plane and the problem (a non-number, a ragged row, planes of
	 *         different sizes)
	 */
	public static Kernel3D parse(final String text) {
		final List<Kernel> planes;
		try {
			planes = Kernel.parseBank(text);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(e.getMessage().replace("of the bank", "(plane z) of the 3D kernel"), e);
		}
		final Kernel first = planes.get(0);
		final float[] w = new float[planes.size() * first.width() * first.height()];
		for (int z = 0; z < planes.size(); z++) {
			final Kernel k = planes.get(z);
			if (k.width() != first.width() || k.height() != first.height())
				throw new IllegalArgumentException("Plane " + (z + 1) + " of the 3D kernel is " + k.height() + " x " + k.width() +
					" but plane 1 is " + first.height() + " x " + first.width() + "; every plane (separated by a blank line) needs " +
					"the same rows and columns");
			System.arraycopy(k.weights(), 0, w, z * w.length / planes.size(), w.length / planes.size());
		}
		return new Kernel3D(planes.size(), first.height(), first.width(), w);
	}

	/** @return the size (kd, kh, kw) */
	public PerAxis3D size() {
		return PerAxis3D.of(depth, height, width);
	}

	/** @return the weights in C order [kd, kh, kw] (a copy) */
	public float[] weights() {
		return weights.clone();
	}

	/**
	 * @param source where the kernel comes from, for messages
	 * @return the weights of a one-channel convolution {@code [1, 1, kd, kh, kw]}, no bias
	 */
	public ConvWeights3D toWeights(final String source) {
		return new ConvWeights3D(weights, 1, 1, size(), null, source);
	}
}

package io.github.cnnlayers.network;

/**
 * The input size a network takes nearest above a given one: a U-Net of depth d takes only multiples of 2^d
 * (its skip connections join tensors that must have the same size). Found from the network itself by
 * planning candidate sizes — the image's size rounded up to multiples of 1 to 32, then of 64, 128 and 256 —
 * never guessed.
 */
public final class SizeFit {

	/** The largest size step tried */
	static final int LARGEST_STEP = 256;

	private SizeFit() {}

	/**
	 * @param model the model
	 * @param channels C of the input
	 * @param width W
	 * @param height H
	 * @return {width, height} the model takes: W and H themselves when it takes them, else the smallest
	 *         multiples of the smallest size step that it takes
	 * @throws IllegalArgumentException with the model's own message for W x H when no candidate fits
	 */
	public static long[] fit(final NetworkModel model, final int channels, final long width, final long height) {
		IllegalArgumentException first = null;
		for (int step = 1; step <= LARGEST_STEP; step = step < 32 ? step + 1 : step * 2) {
			final long w = (width + step - 1) / step * step, h = (height + step - 1) / step * step;
			try {
				final Shape in = new Shape(channels, w, h);
				model.network(in).plan(java.util.Collections.singletonList(in));
				return new long[] { w, h };
			}
			catch (final IllegalArgumentException e) {
				if (first == null)
					first = e;
			}
		}
		throw first;
	}
}

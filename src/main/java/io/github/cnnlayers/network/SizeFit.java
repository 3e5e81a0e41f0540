package io.github.cnnlayers.network;

import java.util.Collections;

/**
 * The input size a network takes nearest above a given one, with the network built and planned for it: a U-Net
 * of depth d takes only multiples of 2^d (its skip connections join tensors that must have the same size). Found
 * from the network itself by planning candidate sizes — the image's size rounded up to multiples of 1 to 32, then
 * of 64, 128 and 256 — never guessed; the network that fitted is kept, so a caller never builds it twice.
 */
public final class SizeFit {

	/** The largest size step tried */
	static final int LARGEST_STEP = 256;

	private final Shape input;
	private final Network network;
	private final Network.Plan plan;

	private SizeFit(final Shape input, final Network network, final Network.Plan plan) {
		this.input = input;
		this.network = network;
		this.plan = plan;
	}

	/**
	 * @param model the model
	 * @param image the shape of one sample of the image
	 * @return the image's own shape when the model takes it, else the smallest multiples of the smallest size
	 *         step that it takes, with the network for that shape and its plan
	 * @throws IllegalArgumentException with the model's own message for the image's shape when no candidate fits
	 */
	public static SizeFit of(final NetworkModel model, final Shape image) {
		IllegalArgumentException first = null;
		for (int step = 1; step <= LARGEST_STEP; step = step < 32 ? step + 1 : step * 2) {
			final long w = (image.width() + step - 1) / step * step, h = (image.height() + step - 1) / step * step;
			if (step > 1 && w == image.width() && h == image.height())
				continue; // tried already
			try {
				final Shape in = new Shape(image.channels(), w, h);
				final Network network = model.network(in);
				return new SizeFit(in, network, network.plan(Collections.singletonList(in)));
			}
			catch (final IllegalArgumentException e) {
				if (first == null)
					first = e;
			}
		}
		throw first;
	}

	/** @return the shape the network runs on: the image's, or the next one it takes */
	public Shape input() {
		return input;
	}

	/** @return the network for {@link #input()} */
	public Network network() {
		return network;
	}

	/** @return its plan for {@link #input()} */
	public Network.Plan plan() {
		return plan;
	}
}

package io.github.cnnlayers.network;

import java.util.Collections;

/**
 * The input size a network takes nearest above a given one, with the network built and planned for it: a U-Net
 * of depth d takes only multiples of 2^d (its skip connections join tensors that must have the same size). Found
 * from the network itself by planning candidate sizes — the image's size rounded up to multiples of 1 to 32, then
 * of 64, 128 and 256, along every axis (width, height, and a volume's depth) — never guessed; the network that
 * fitted is kept, so a caller never builds it twice. For volumes it also pads a sample to that size (reflection at
 * the far end of each axis) and crops an output back.
 */
public final class SizeFit {

	/** The largest size step tried */
	static final int LARGEST_STEP = 256;

	private final Shape image;
	private final Shape input;
	private final Network network;
	private final Network.Plan plan;

	private SizeFit(final Shape image, final Shape input, final Network network, final Network.Plan plan) {
		this.image = image;
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
			final long w = roundUp(image.width(), step), h = roundUp(image.height(), step);
			final long d = image.isVolume() ? roundUp(image.depth(), step) : 1;
			if (step > 1 && w == image.width() && h == image.height() && d == image.depth())
				continue; // tried already
			try {
				final Shape in = image.isVolume() ? Shape.volume(image.channels(), w, h, d) : new Shape(image.channels(), w, h);
				final Network network = model.network(in);
				return new SizeFit(image, in, network, network.plan(Collections.singletonList(in)));
			}
			catch (final IllegalArgumentException e) {
				if (first == null)
					first = e;
			}
		}
		throw first;
	}

	private static long roundUp(final long size, final int step) {
		return (size + step - 1) / step * step;
	}

	/** @return whether the network runs on a larger shape than the image's */
	public boolean padded() {
		return !input.equals(image);
	}

	/**
	 * @param output the shape the network makes from {@link #input()}
	 * @return that shape cropped back to the image's part: each axis scaled by the image's size over the padded one
	 */
	public Shape kept(final Shape output) {
		final long w = Math.round((double) output.width() * image.width() / input.width());
		final long h = Math.round((double) output.height() * image.height() / input.height());
		if (!output.isVolume())
			return new Shape(output.channels(), w, h);
		return Shape.volume(output.channels(), w, h, Math.round((double) output.depth() * image.depth() / input.depth()));
	}

	/**
	 * @param sample a volume sample of the image's shape
	 * @return it padded to {@link #input()} by reflection at the far end of each axis (the border voxel not repeated,
	 *         as PyTorch's reflect padding); the sample itself when not padded
	 * @throws IllegalArgumentException when an axis would need more padding than reflection gives (its size - 1)
	 */
	public FeatureMaps reflect(final FeatureMaps sample) {
		if (!padded())
			return sample;
		final long[] from = { image.width(), image.height(), image.depth() }, to = { input.width(), input.height(), input.depth() };
		final String[] axes = { "width", "height", "depth" };
		for (int a = 0; a < 3; a++)
			if (to[a] - from[a] >= from[a])
				throw new IllegalArgumentException("The network takes " + input + " here, not " + image + ": its " + axes[a] + " " + from[a] +
					" would be padded by " + (to[a] - from[a]) + ", more than reflection gives (" + (from[a] - 1) + ")");
		final FeatureMaps out = FeatureMaps.zeros(input);
		final int w = (int) from[0], h = (int) from[1], pw = (int) to[0], ph = (int) to[1];
		for (int c = 0; c < input.channels(); c++)
			for (int z = 0; z < to[2]; z++) {
				final int sz = (int) mirror(z, from[2]);
				for (int y = 0; y < ph; y++) {
					final int sy = (int) mirror(y, h);
					for (int x = 0; x < pw; x++)
						out.plane(c)[(z * ph + y) * pw + x] = sample.plane(c)[(sz * h + sy) * w + (int) mirror(x, w)];
				}
			}
		return out;
	}

	/**
	 * @param output a volume output of the network for {@link #input()}
	 * @return its front-top-left part of {@link #kept}'s shape; the output itself when not padded
	 */
	public FeatureMaps crop(final FeatureMaps output) {
		final Shape s = output.shape(), k = kept(s);
		if (k.equals(s))
			return output;
		final FeatureMaps out = FeatureMaps.zeros(k);
		final int w = (int) k.width(), h = (int) k.height(), sw = (int) s.width(), sh = (int) s.height();
		for (int c = 0; c < k.channels(); c++)
			for (int z = 0; z < k.depth(); z++)
				for (int y = 0; y < h; y++)
					System.arraycopy(output.plane(c), (z * sh + y) * sw, out.plane(c), (z * h + y) * w, w);
		return out;
	}

	/** @return the source index that padded index {@code i} reflects */
	private static long mirror(final long i, final long size) {
		return i < size ? i : 2 * (size - 1) - i;
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

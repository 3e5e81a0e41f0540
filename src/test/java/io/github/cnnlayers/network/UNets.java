package io.github.cnnlayers.network;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvTranspose2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Upsample;

/** U-Nets built from core layers with seeded random weights, for tiling tests and benchmarks. */
public final class UNets {

	/** How a U-Net's decoder goes up a level. */
	public enum Up {
		/** nearest-neighbour upsampling by 2 */
		NEAREST,
		/** bilinear upsampling by 2 (PyTorch, align_corners=False) */
		BILINEAR,
		/** a 2x2 transposed convolution of stride 2 */
		TRANSPOSED
	}

	private UNets() {}

	/**
	 * @param depth poolings
	 * @param features channels of the first level (doubled per level)
	 * @param channels input channels
	 * @param up how the decoder goes up
	 * @param border the convolutions' border (zero or reflect)
	 * @return a model whose network takes any multiple of 2^depth
	 */
	public static NetworkModel model(final int depth, final int features, final int channels, final Up up, final BorderMode border) {
		return model(depth, features, channels, 2, up, border);
	}

	/**
	 * As {@link #model(int, int, int, Up, BorderMode)} with {@code outputs} output channels instead of 2.
	 *
	 * @param outputs the output's channels
	 */
	public static NetworkModel model(final int depth, final int features, final int channels, final int outputs, final Up up,
		final BorderMode border)
	{
		final Network network = build(depth, features, channels, outputs, up, border);
		return new NetworkModel() {

			@Override
			public String source() {
				return "unet-" + depth;
			}

			@Override
			public int inputChannels() {
				return channels;
			}

			@Override
			public List<String> outputs() {
				return Collections.singletonList("out");
			}

			@Override
			public boolean isVector(final String output) {
				return false;
			}

			@Override
			public Network network(final Shape input) {
				network.plan(Collections.singletonList(input)); // throws for a size it cannot take
				return network;
			}

			@Override
			public String describe() {
				return "U-Net of depth " + depth;
			}
		};
	}

	/** @return the network of {@link #model} */
	public static Network build(final int depth, final int features, final int channels, final Up up, final BorderMode border) {
		return build(depth, features, channels, 2, up, border);
	}

	/** @return the network of {@link #model(int, int, int, int, Up, BorderMode)} */
	public static Network build(final int depth, final int features, final int channels, final int outputs, final Up up,
		final BorderMode border)
	{
		final Random random = new Random(depth * 1000 + features + up.ordinal());
		final Network.Builder b = Network.builder().input("x");
		String last = "x";
		int c = channels;
		final String[] skips = new String[depth];
		final int[] skipChannels = new int[depth];
		for (int level = 0; level <= depth; level++) {
			final int f = features << level;
			last = block(b, "e" + level, last, c, f, random, border);
			c = f;
			if (level < depth) {
				skips[level] = last;
				skipChannels[level] = f;
				b.add("pool" + level, Operation.of(new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false), "Max Pooling"), last);
				last = "pool" + level;
			}
		}
		for (int level = depth - 1; level >= 0; level--) {
			final Layer upLayer;
			if (up == Up.TRANSPOSED) {
				final float[] w = weights(random, c * skipChannels[level] * 4, c * 4);
				upLayer = ConvTranspose2D.builder(w, c, skipChannels[level], 2, 2).stride(2).bias(weights(random, skipChannels[level], 1)).build();
				c = skipChannels[level];
			}
			else
				upLayer = Upsample.pytorch(2, 2, up == Up.NEAREST ? Interpolation.NEAREST : Interpolation.BILINEAR, false);
			b.add("up" + level, Operation.of(upLayer, "Up"), last);
			b.add("cat" + level, Operation.of(new Concat()), "up" + level, skips[level]);
			last = block(b, "d" + level, "cat" + level, c + skipChannels[level], skipChannels[level], random, border);
			c = skipChannels[level];
		}
		b.add("out", Operation.of(conv(c, outputs, 1, random, border), "Conv2D 1x1"), last);
		return b.output("out").build();
	}

	private static String block(final Network.Builder b, final String name, final String from, final int cin, final int cout,
		final Random random, final BorderMode border)
	{
		b.add(name + "a", Operation.of(conv(cin, cout, 3, random, border), "Conv2D"), from);
		b.add(name + "ar", Operation.of(Activation.relu(), "ReLU"), name + "a");
		b.add(name + "b", Operation.of(conv(cout, cout, 3, random, border), "Conv2D"), name + "ar");
		b.add(name + "br", Operation.of(Activation.relu(), "ReLU"), name + "b");
		return name + "br";
	}

	private static Conv2D conv(final int cin, final int cout, final int k, final Random random, final BorderMode border) {
		final ConvWeights w = new ConvWeights(weights(random, cout * cin * k * k, cin * k * k), cout, cin, k, k, weights(random, cout, 1),
			"conv");
		return Conv2D.learned(w, "conv").padding(k / 2).border(border).build();
	}

	private static float[] weights(final Random random, final int n, final int fanIn) {
		final float[] w = new float[n];
		final double scale = Math.sqrt(2.0 / fanIn);
		for (int i = 0; i < n; i++)
			w[i] = (float) (random.nextGaussian() * scale);
		return w;
	}

	/**
	 * @param channels C
	 * @param width W
	 * @param height H
	 * @param seed the random seed
	 * @return a smooth image with noise, values about 0 to 1
	 */
	public static FeatureMaps image(final int channels, final long width, final long height, final long seed) {
		final Random random = new Random(seed);
		final FeatureMaps f = FeatureMaps.zeros(new Shape(channels, width, height));
		for (int c = 0; c < channels; c++) {
			final float[] p = f.plane(c);
			for (int i = 0; i < p.length; i++) {
				final long x = i % width, y = i / width;
				p[i] = (float) (0.5 + 0.3 * Math.sin(x * 0.13 + c) * Math.cos(y * 0.07) + 0.2 * random.nextFloat());
			}
		}
		return f;
	}
}

package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Moves values between channels and blocks of pixels, as ONNX's {@code DepthToSpace} and {@code SpaceToDepth}
 * and PyTorch's {@code pixel_shuffle} / {@code pixel_unshuffle}: with block size b, depth to space turns
 * C x b x b planes of W x H into C planes of bW x bH, output {@code (c, y*b + i, x*b + j)} being input channel
 * {@code (i*b + j)*C + c} ({@link Order#DCR}, ONNX's default) or {@code c*b*b + i*b + j} ({@link Order#CRD},
 * PyTorch's {@code pixel_shuffle}); space to depth is the inverse of DCR. Values are copied exactly.
 */
public final class DepthToSpace implements Layer {

	/** Where the b x b values of a block lie among the channels. */
	public enum Order {

		/** depth-column-row: channel {@code (i*b + j)*C + c} (ONNX's default mode) */
		DCR {

			@Override
			int channel(final int c, final int i, final int j, final int b, final int channels) {
				return (i * b + j) * channels + c;
			}
		},
		/** column-row-depth: channel {@code c*b*b + i*b + j} (ONNX mode CRD, PyTorch's pixel_shuffle) */
		CRD {

			@Override
			int channel(final int c, final int i, final int j, final int b, final int channels) {
				return (c * b + i) * b + j;
			}
		};

		/** @return the deep channel holding block position (i, j) of shallow channel c of C */
		abstract int channel(int c, int i, int j, int b, int channels);
	}

	private final int block;
	private final Order order;
	private final boolean toSpace;

	private DepthToSpace(final int block, final Order order, final boolean toSpace) {
		if (block < 1 || block > 1 << 15)
			throw new IllegalArgumentException("Block size " + block + " is not allowed; allowed: 1 to " + (1 << 15));
		this.block = block;
		this.order = order;
		this.toSpace = toSpace;
	}

	/**
	 * @param block b &gt;= 1
	 * @param order where a block's values lie among the channels
	 * @return depth to space: C x b x b channels to C channels, b times wider and higher
	 * @throws IllegalArgumentException when b is out of range
	 */
	public static DepthToSpace depthToSpace(final int block, final Order order) {
		return new DepthToSpace(block, order, true);
	}

	/**
	 * @param block b &gt;= 1
	 * @return space to depth: C channels to C x b x b channels, b times narrower and lower (DCR order)
	 * @throws IllegalArgumentException when b is out of range
	 */
	public static DepthToSpace spaceToDepth(final int block) {
		return new DepthToSpace(block, Order.DCR, false);
	}

	@Override
	public int outputChannels(final int inputChannels) {
		final int bb = block * block;
		if (!toSpace)
			return Math.multiplyExact(inputChannels, bb);
		if (inputChannels % bb != 0)
			throw new IllegalArgumentException("Depth to space with block " + block + " needs channels that are a multiple of " + bb +
				", but the input has " + inputChannels);
		return inputChannels / bb;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		if (toSpace) {
			OutputGeometry.checkPlaneSize(width * block, height * block);
			return new long[] { width * block, height * block };
		}
		if (width % block != 0 || height % block != 0)
			throw new IllegalArgumentException("Space to depth with block " + block + " needs a width and height that are multiples of " +
				block + ", but the input is " + width + " x " + height);
		return new long[] { width / block, height / block };
	}

	/**
	 * @return depth to space: output pixels 1/b input pixels apart, each reading the one input pixel
	 *         {@code floor(o/b)}, centred on its sub-pixel; space to depth: a b x b window of stride b
	 */
	@Override
	public ReceptiveField receptiveField() {
		if (!toSpace)
			return new ReceptiveField(block, block, block, 0, 0);
		final double centre = (1.0 - block) / (2.0 * block); // sub-pixel 0 of input pixel 0 (which spans -1/2 to 1/2)
		return ReceptiveField.resampled(1.0 / block, 1.0 / block, 0, 0, 0, 0, centre, centre);
	}

	/**
	 * @return depth to space: b, as each input pixel makes a b x b block of output pixels (a tile starting inside
	 *         one would take its values from the wrong channels); space to depth: 1
	 */
	@Override
	public int outputBlock() {
		return toSpace ? block : 1;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int cin = inputs.size();
		final int cout = outputChannels(cin);
		if (outputs.size() != cout)
			throw new IllegalArgumentException("Expected " + cout + " output planes, got " + outputs.size());
		final long w = inputs.get(0).dimension(0), h = inputs.get(0).dimension(1);
		final long[] out = outputSize(w, h);
		for (final RandomAccessibleInterval<T> o : outputs)
			OutputGeometry.checkTarget(o, out);
		final int shallow = toSpace ? cout : cin;
		final long sw = toSpace ? out[0] : w; // the wide side's width
		final float[] deepRow = new float[(int) (toSpace ? w : out[0])];
		final float[] wideRow = new float[(int) sw];
		for (int c = 0; c < shallow; c++)
			for (long y = 0; y < (toSpace ? h : out[1]); y++)
				for (int i = 0; i < block; i++) {
					final long wy = y * block + i;
					if (!toSpace)
						new RowReader<>(inputs.get(c), null, 0).read(wy, wideRow);
					for (int j = 0; j < block; j++) {
						final int d = order.channel(c, i, j, block, shallow);
						if (toSpace) {
							new RowReader<>(inputs.get(d), null, 0).read(y, deepRow);
							for (int x = 0; x < deepRow.length; x++)
								wideRow[x * block + j] = deepRow[x];
						}
						else {
							for (int x = 0; x < deepRow.length; x++)
								deepRow[x] = wideRow[x * block + j];
							new RowWriter<>(outputs.get(d), false).write(y, deepRow);
						}
					}
					if (toSpace)
						new RowWriter<>(outputs.get(c), false).write(wy, wideRow);
				}
	}

	@Override
	public String toString() {
		return (toSpace ? "Depth to space " + order : "Space to depth") + " (block " + block + ")";
	}
}

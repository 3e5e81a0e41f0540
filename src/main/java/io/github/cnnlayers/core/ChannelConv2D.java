package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A learned convolution layer over channels, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)} and its
 * {@code padding_mode}s: C_in input planes to C_out output planes, output channel {@code o} of group
 * {@code g = o / (C_out/groups)} being
 * {@code bias[o] + sum_{i < C_in/groups} sum_{j,k} w[o][i][j][k] * in[g*C_in/groups + i](x*S - Px + k*D, y*S - Py + j*D)}.
 * <p>
 * A <em>bank</em> (no fixed groups) applies its N kernels to every input channel: C_out = C_in x N,
 * output {@code c*N + n} being kernel n on channel c — PyTorch's {@code groups = C_in} with the bank
 * repeated C_in times.
 * <p>
 * Inner loops: each padded input row is copied once per horizontal tap into a line that starts at
 * that tap, and every output channel adds its weight times that line with the same index on both
 * sides, a loop shape the JIT vectorizes. Immutable and thread-safe.
 */
public final class ChannelConv2D implements Layer {

	private final float[] weights;
	private final int outChannels;
	private final int inPerGroup;
	private final int kh;
	private final int kw;
	private final int groups;
	private final float[] bias;
	private final int stride;
	private final int padX;
	private final int padY;
	private final int dilation;
	private final BorderMode border;
	private final String[] names;

	private ChannelConv2D(final float[] weights, final int outChannels, final int inPerGroup, final int kh, final int kw,
		final int groups, final float[] bias, final int stride, final int padX, final int padY, final int dilation,
		final BorderMode border, final String[] names)
	{
		OutputGeometry.checkStride(stride);
		OutputGeometry.checkPadding(Math.min(padX, padY));
		OutputGeometry.checkDilation(dilation);
		if (outChannels < 1 || inPerGroup < 1 || kh < 1 || kw < 1)
			throw new IllegalArgumentException("Weights of shape [" + outChannels + ", " + inPerGroup + ", " + kh + ", " + kw +
				"] are empty; allowed: [C_out, C_in/groups, kh, kw] with every size >= 1");
		if ((long) outChannels * inPerGroup * kh * kw != weights.length)
			throw new IllegalArgumentException("Weights hold " + weights.length + " values, but shape [" + outChannels + ", " +
				inPerGroup + ", " + kh + ", " + kw + "] needs " + (long) outChannels * inPerGroup * kh * kw);
		if (groups < 0 || groups > 0 && outChannels % groups != 0)
			throw new IllegalArgumentException("Groups " + groups + " do not divide the " + outChannels + " output channels; " +
				"allowed: a divisor of both C_in and C_out (1 = a full convolution, C_in = depthwise)");
		for (int i = 0; i < weights.length; i++)
			if (!Float.isFinite(weights[i]))
				throw new IllegalArgumentException("Weight " + weights[i] + " at index " + i + " is not a finite number");
		if (bias != null) {
			if (bias.length != outChannels)
				throw new IllegalArgumentException("The bias has " + bias.length + " values, but the weights have " + outChannels +
					" output channels; allowed: one bias per output channel");
			for (final float b : bias)
				if (!Float.isFinite(b))
					throw new IllegalArgumentException("Bias " + b + " is not a finite number");
		}
		this.weights = weights.clone();
		this.outChannels = outChannels;
		this.inPerGroup = inPerGroup;
		this.kh = kh;
		this.kw = kw;
		this.groups = groups;
		this.bias = bias == null ? null : bias.clone();
		this.stride = stride;
		this.padX = padX;
		this.padY = padY;
		this.dilation = dilation;
		this.border = border;
		this.names = names;
	}

	/**
	 * A layer with learned weights.
	 *
	 * @param weights {@code C_out * C_in/groups * kh * kw} values in PyTorch's order {@code [C_out, C_in/groups, kh, kw]}
	 * @param outChannels C_out
	 * @param inPerGroup C_in / groups
	 * @param kh kernel height
	 * @param kw kernel width
	 * @param groups G &gt;= 1, dividing C_out (and, checked against the image, C_in)
	 * @param bias C_out values, or {@code null}
	 * @param stride S &gt;= 1
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 * @param dilation D &gt;= 1
	 * @param border what padded pixels hold
	 * @param name the layer's name for channel labels, e.g. {@code features.0}
	 * @return the layer
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public static ChannelConv2D learned(final float[] weights, final int outChannels, final int inPerGroup, final int kh,
		final int kw, final int groups, final float[] bias, final int stride, final int padX, final int padY,
		final int dilation, final BorderMode border, final String name)
	{
		if (groups < 1)
			throw new IllegalArgumentException("Groups " + groups + " is not allowed; allowed: whole numbers >= 1 dividing C_in and C_out");
		final String[] names = new String[outChannels];
		for (int o = 0; o < outChannels; o++)
			names[o] = name + " #" + (o + 1);
		return new ChannelConv2D(weights, outChannels, inPerGroup, kh, kw, groups, bias, stride, padX, padY, dilation, border,
			names);
	}

	/**
	 * A bank of kernels applied to every input channel.
	 *
	 * @param bank N kernels of one size
	 * @param names a name per kernel, for channel labels
	 * @param bias added to every output, finite
	 * @param stride S
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 * @param dilation D
	 * @param border what padded pixels hold
	 * @return the layer, C_out = C_in x N
	 * @throws IllegalArgumentException when the kernels differ in size, or a parameter is out of range
	 */
	public static ChannelConv2D bank(final List<Kernel> bank, final List<String> names, final double bias, final int stride,
		final int padX, final int padY, final int dilation, final BorderMode border)
	{
		final Kernel first = bank.get(0);
		final float[] w = new float[bank.size() * first.width() * first.height()];
		for (int n = 0; n < bank.size(); n++) {
			final Kernel k = bank.get(n);
			if (k.width() != first.width() || k.height() != first.height())
				throw new IllegalArgumentException("Kernel " + (n + 1) + " of the bank is " + k.width() + "x" + k.height() +
					" but kernel 1 is " + first.width() + "x" + first.height() + "; the kernels of a bank (separated by blank lines) " +
					"need one size");
			System.arraycopy(k.weights(), 0, w, n * k.weights().length, k.weights().length);
		}
		FloatRange.check("Bias", bias);
		final float[] b = new float[bank.size()];
		Arrays.fill(b, (float) bias);
		return new ChannelConv2D(w, bank.size(), 1, first.height(), first.width(), 0, b, stride, padX, padY, dilation, border,
			names.toArray(new String[0]));
	}

	/** @return C_out of the weights (for a bank: the number of kernels N) */
	public int weightChannels() {
		return outChannels;
	}

	/** @return C_in / groups of the weights */
	public int inChannelsPerGroup() {
		return inPerGroup;
	}

	/** @return the groups, or 0 for a bank applied to every channel */
	public int groups() {
		return groups;
	}

	/** @return the kernel height */
	public int kernelHeight() {
		return kh;
	}

	/** @return the kernel width */
	public int kernelWidth() {
		return kw;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		if (groups == 0)
			return inputChannels * outChannels;
		if (inPerGroup * groups != inputChannels)
			throw new IllegalArgumentException("The weights take C_in = " + inPerGroup * groups + " channels (" + inPerGroup +
				" per group x " + groups + " group" + (groups == 1 ? "" : "s") + "), but the image has " + inputChannels +
				" (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any other image 1)" +
				(groups > 1 || inputChannels % inPerGroup != 0 ? "" : "; groups=" + inputChannels / inPerGroup + " would fit"));
		return outChannels;
	}

	/**
	 * @param inputChannels C_in
	 * @param channel an output channel
	 * @return its label: the filter's name, with the input channel for a bank
	 */
	@Override
	public String channelName(final int inputChannels, final int channel) {
		if (groups != 0)
			return names[channel];
		return names[channel % outChannels] + (inputChannels > 1 ? " of channel " + (channel / outChannels + 1) : "");
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		border.checkPadding(width, padX, "width");
		border.checkPadding(height, padY, "height");
		OutputGeometry.checkPaddedSize(width, height, padX, padY, dilation);
		return new long[] { OutputGeometry.convolution(width, kw, stride, padX, dilation, "width"),
			OutputGeometry.convolution(height, kh, stride, padY, dilation, "height") };
	}

	@Override
	public ReceptiveField receptiveField() {
		return new ReceptiveField((long) dilation * (kw - 1) + 1, (long) dilation * (kh - 1) + 1, stride, padX, padY);
	}

	/**
	 * @return per thread: one padded row, one shifted line, and a line per output channel (for a bank, per
	 *         kernel of each of up to 64 input channels: the input's channel count is not known here)
	 */
	@Override
	public double workingBytes(final long width, final long height) {
		final double paddedWidth = width + 2.0 * padX;
		final double lines = groups == 0 ? 64.0 * outChannels : outChannels;
		return 4 * (paddedWidth + (lines + 1) * paddedWidth);
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int cin = inputs.size();
		final int cout = outputChannels(cin);
		if (outputs.size() != cout)
			throw new IllegalArgumentException("Expected " + cout + " output planes, got " + outputs.size());
		final long[] out = outputSize(inputs.get(0).dimension(0), inputs.get(0).dimension(1));
		for (final RandomAccessibleInterval<T> o : outputs)
			OutputGeometry.checkTarget(o, out);
		RowChunks.forEach(out[1], range -> computeRows(inputs, outputs, cin, cout, (int) out[0], range));
	}

	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int cin, final int cout, final int outWidth,
		final RowChunks.Range range)
	{
		final int perGroupOut = groups == 0 ? outChannels : cout / groups;
		final int perGroupIn = groups == 0 ? 1 : inPerGroup;
		final int groupCount = groups == 0 ? cin : groups;
		final RowReader<?>[] readers = new RowReader<?>[cin];
		for (int c = 0; c < cin; c++) {
			final RandomAccessibleInterval<S> in = inputs.get(c);
			final RandomAccessible<S> extended = border.extend(in);
			readers[c] = new RowReader<>(in, extended, padX);
		}
		final RowWriter<?>[] writers = new RowWriter<?>[cout];
		for (int o = 0; o < cout; o++)
			writers[o] = new RowWriter<>(outputs.get(o));
		final float[] row = new float[readers[0].paddedWidth()];
		final float[] shifted = new float[outWidth];
		final float[][] lines = new float[cout][outWidth];
		final int kernelSize = kh * kw;
		for (long y = range.start; y < range.end; y++) {
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], bias == null ? 0f : bias[groups == 0 ? o % outChannels : o]);
			for (int g = 0; g < groupCount; g++)
				for (int i = 0; i < perGroupIn; i++) {
					final int c = g * perGroupIn + i;
					for (int j = 0; j < kh; j++) {
						readers[c].read(y * stride - padY + (long) j * dilation, row);
						for (int k = 0; k < kw; k++) {
							final int offset = k * dilation;
							RowKernels.gather(row, offset, stride, shifted, outWidth);
							for (int n = 0; n < perGroupOut; n++) {
								final int o = g * perGroupOut + n;
								final int wo = groups == 0 ? n : o;
								RowKernels.axpy(lines[o], weights[(wo * perGroupIn + i) * kernelSize + j * kw + k], shifted, outWidth);
							}
						}
					}
				}
			for (int o = 0; o < cout; o++)
				writers[o].write(y, lines[o]);
		}
	}
}

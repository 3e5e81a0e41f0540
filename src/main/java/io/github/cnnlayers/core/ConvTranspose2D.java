package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A transposed convolution over channels, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)}:
 * every input pixel {@code (x, y)} of channel {@code c} (in group {@code g = c / (C_in/groups)}) adds
 * {@code w[c][n][j][k] * in[c](x, y)} to output channel {@code g*C_out/groups + n} at
 * {@code (x*Sx - Px + k*Dx, y*Sy - Py + j*Dy)}, then the bias is added. Weights are in PyTorch's
 * {@code ConvTranspose2d} layout {@code [C_in, C_out/groups, kh, kw]}. The output size per axis is
 * {@code (N - 1)*S - 2P + D*(K - 1) + OP + 1}, the output padding OP (extra rows and columns at the bottom
 * and right, receiving only the bias and whatever taps reach them) being smaller than the stride or the
 * dilation, as PyTorch requires.
 * <p>
 * Inner loops: each input row is spread once per horizontal tap into a line at the output's spacing, and
 * every output channel of the group adds its weight times that line at the same index, a loop shape the JIT
 * vectorizes. Sums are in float. Immutable and thread-safe; build one with {@link #builder}.
 */
public final class ConvTranspose2D implements Layer {

	private final float[] weights;
	/**
	 * The weights by output channel, kernel row, kernel column and input channel of its group,
	 * {@code [C_out, kh, kw, C_in/groups]}: the input channels' weights of one tap side by side, as
	 * {@link RowKernels#accumulateMany} reads them
	 */
	private final float[] packed;
	private final int inChannels;
	private final int outPerGroup;
	private final int kh;
	private final int kw;
	private final int groups;
	private final float[] bias;
	private final int strideY;
	private final int strideX;
	private final int padY;
	private final int padX;
	private final int outPadY;
	private final int outPadX;
	private final int dilationY;
	private final int dilationX;
	private final String name;
	/** Applied to each output row as it is written ({@link #thenApplying}) */
	private final RowFunction after;

	private ConvTranspose2D(final Builder b) {
		if (b.inChannels < 1 || b.outPerGroup < 1 || b.kh < 1 || b.kw < 1)
			throw new IllegalArgumentException("Transposed-convolution weights of shape [" + b.inChannels + ", " + b.outPerGroup + ", " +
				b.kh + ", " + b.kw + "] are empty; allowed: [C_in, C_out/groups, kh, kw] with every size >= 1");
		if ((long) b.inChannels * b.outPerGroup * b.kh * b.kw != b.weights.length)
			throw new IllegalArgumentException("Weights hold " + b.weights.length + " values, but shape [" + b.inChannels + ", " +
				b.outPerGroup + ", " + b.kh + ", " + b.kw + "] needs " + (long) b.inChannels * b.outPerGroup * b.kh * b.kw);
		if (b.groups < 1 || b.inChannels % b.groups != 0)
			throw new IllegalArgumentException("Groups " + b.groups + " is not allowed with " + b.inChannels + " input channels; " +
				"allowed: whole numbers >= 1 dividing C_in (1 = a full transposed convolution, C_in = depthwise)");
		for (int i = 0; i < b.weights.length; i++)
			if (!Float.isFinite(b.weights[i]))
				throw new IllegalArgumentException("Weight " + b.weights[i] + " at index " + i + " is not a finite number");
		final int outChannels = b.outPerGroup * b.groups;
		if (b.bias != null) {
			if (b.bias.length != outChannels)
				throw new IllegalArgumentException("The bias has " + b.bias.length + " values, but the weights make " + outChannels +
					" output channels (" + b.outPerGroup + " per group x " + b.groups + "); allowed: one bias per output channel");
			for (final float v : b.bias)
				if (!Float.isFinite(v))
					throw new IllegalArgumentException("Bias " + v + " is not a finite number");
		}
		OutputGeometry.checkStride(Math.min(b.strideY, b.strideX));
		OutputGeometry.checkPadding(Math.min(b.padY, b.padX));
		OutputGeometry.checkDilation(Math.min(b.dilationY, b.dilationX));
		checkOutputPadding(b.outPadY, b.strideY, b.dilationY, "height");
		checkOutputPadding(b.outPadX, b.strideX, b.dilationX, "width");
		this.weights = b.weights.clone();
		this.inChannels = b.inChannels;
		this.outPerGroup = b.outPerGroup;
		this.kh = b.kh;
		this.kw = b.kw;
		this.groups = b.groups;
		this.bias = b.bias == null ? null : b.bias.clone();
		this.strideY = b.strideY;
		this.strideX = b.strideX;
		this.padY = b.padY;
		this.padX = b.padX;
		this.outPadY = b.outPadY;
		this.outPadX = b.outPadX;
		this.dilationY = b.dilationY;
		this.dilationX = b.dilationX;
		this.name = b.name;
		this.after = b.after;
		final int inPerGroup = inChannels / groups;
		final int kernelSize = kh * kw;
		this.packed = new float[weights.length];
		for (int c = 0; c < inChannels; c++)
			for (int m = 0; m < outPerGroup; m++)
				for (int jk = 0; jk < kernelSize; jk++) {
					final int o = c / inPerGroup * outPerGroup + m;
					packed[(o * kernelSize + jk) * inPerGroup + c % inPerGroup] = weights[(c * outPerGroup + m) * kernelSize + jk];
				}
	}

	/** PyTorch's rule: output padding &lt; stride or &lt; dilation (it would otherwise only add a border of bias). */
	private static void checkOutputPadding(final int op, final int s, final int d, final String axis) {
		if (op < 0 || op >= s && op >= d)
			throw new IllegalArgumentException("Output padding " + op + " (" + axis + ") is not allowed with stride " + s +
				" and dilation " + d + "; allowed: 0 to " + (Math.max(s, d) - 1) + " (smaller than the stride or the dilation)");
	}

	/**
	 * @param weights {@code C_in * C_out/groups * kh * kw} values in PyTorch's order {@code [C_in, C_out/groups, kh, kw]}
	 * @param inChannels C_in
	 * @param outPerGroup C_out / groups
	 * @param kh kernel height
	 * @param kw kernel width
	 * @return a builder with PyTorch's defaults: groups 1, no bias, stride 1, padding 0, output padding 0, dilation 1
	 */
	public static Builder builder(final float[] weights, final int inChannels, final int outPerGroup, final int kh, final int kw) {
		return new Builder(weights, inChannels, outPerGroup, kh, kw);
	}

	/** The parameters of a {@link ConvTranspose2D}, checked by {@link #build()}. */
	public static final class Builder {

		private final float[] weights;
		private final int inChannels;
		private final int outPerGroup;
		private final int kh;
		private final int kw;
		private int groups = 1;
		private float[] bias;
		private int strideY = 1;
		private int strideX = 1;
		private int padY;
		private int padX;
		private int outPadY;
		private int outPadX;
		private int dilationY = 1;
		private int dilationX = 1;
		private String name = "convtranspose";
		private RowFunction after = RowFunction.NONE;

		private Builder(final float[] weights, final int inChannels, final int outPerGroup, final int kh, final int kw) {
			this.weights = weights;
			this.inChannels = inChannels;
			this.outPerGroup = outPerGroup;
			this.kh = kh;
			this.kw = kw;
		}

		/** @param g groups, dividing C_in; C_out = g * C_out/groups @return this builder */
		public Builder groups(final int g) {
			this.groups = g;
			return this;
		}

		/** @param b one value per output channel, or {@code null} for none @return this builder */
		public Builder bias(final float[] b) {
			this.bias = b;
			return this;
		}

		/** @param s the stride of both axes @return this builder */
		public Builder stride(final int s) {
			return stride(s, s);
		}

		/** @param sy vertical stride @param sx horizontal stride @return this builder */
		public Builder stride(final int sy, final int sx) {
			this.strideY = sy;
			this.strideX = sx;
			return this;
		}

		/** @param p the padding of both axes (rows and columns removed from each side of the full output) @return this builder */
		public Builder padding(final int p) {
			return padding(p, p);
		}

		/** @param py top and bottom padding @param px left and right padding @return this builder */
		public Builder padding(final int py, final int px) {
			this.padY = py;
			this.padX = px;
			return this;
		}

		/** @param op the output padding of both axes @return this builder */
		public Builder outputPadding(final int op) {
			return outputPadding(op, op);
		}

		/** @param oy rows added at the bottom @param ox columns added at the right @return this builder */
		public Builder outputPadding(final int oy, final int ox) {
			this.outPadY = oy;
			this.outPadX = ox;
			return this;
		}

		/** @param d the dilation of both axes @return this builder */
		public Builder dilation(final int d) {
			return dilation(d, d);
		}

		/** @param dy vertical dilation @param dx horizontal dilation @return this builder */
		public Builder dilation(final int dy, final int dx) {
			this.dilationY = dy;
			this.dilationX = dx;
			return this;
		}

		/** @param n the layer's name for channel labels, e.g. {@code up.0} @return this builder */
		public Builder name(final String n) {
			this.name = n;
			return this;
		}

		/**
		 * @return the layer
		 * @throws IllegalArgumentException naming the parameter and its allowed values
		 */
		public ConvTranspose2D build() {
			return new ConvTranspose2D(this);
		}
	}

	/** @return C_in of the weights */
	public int inChannels() {
		return inChannels;
	}

	/** @return C_out = groups * C_out/groups */
	public int outChannels() {
		return outPerGroup * groups;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		if (inputChannels != inChannels)
			throw new IllegalArgumentException("The transposed-convolution weights take C_in = " + inChannels + " channels, but the image has " +
				inputChannels + " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any other image 1)");
		return outChannels();
	}

	@Override
	public String channelName(final int inputChannels, final int channel) {
		return name + " #" + (channel + 1);
	}

	/**
	 * Output size of {@code conv_transpose2d} along one axis: {@code (N - 1)*S - 2P + D*(K - 1) + OP + 1}.
	 *
	 * @throws IllegalArgumentException when it is below 1, showing the formula with the numbers
	 */
	private static long axis(final long n, final int k, final int s, final int p, final int op, final int d, final String axis) {
		final long out = (n - 1) * s - 2L * p + (long) d * (k - 1) + op + 1;
		if (out < 1)
			throw new IllegalArgumentException("Output " + axis + " would be empty: (N - 1)*S - 2P + D*(K - 1) + OP + 1 = (" + n + " - 1)*" + s +
				" - 2*" + p + " + " + d + "*(" + k + " - 1) + " + op + " + 1 = " + out + " < 1; use less padding");
		return out;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		final long w = axis(width, kw, strideX, padX, outPadX, dilationX, "width");
		final long h = axis(height, kh, strideY, padY, outPadY, dilationY, "height");
		OutputGeometry.checkPlaneSize(w, h);
		return new long[] { w, h };
	}

	/** @return input pixels within {@code (o + P - D*(K-1)) / S} to {@code (o + P) / S} reach output pixel o */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(ReceptiveField.transposed((long) dilationX * (kw - 1) + 1, strideX, padX),
			ReceptiveField.transposed((long) dilationY * (kh - 1) + 1, strideY, padY), ReceptiveField.POINT);
	}

	/**
	 * @return per thread: a row of every input channel, a sum on the input's grid, one line per output channel as wide as
	 *         the output plus the padding, and one output row
	 */
	@Override
	public double workingBytes(final long width, final long height) {
		final double line = (width - 1.0) * strideX + (double) dilationX * (kw - 1) + outPadX + 1;
		return 4 * ((inChannels + 1.0) * width + (outChannels() + 1.0) * line);
	}

	/** @return this layer applying {@code activation} to each output row as it writes it (its rows stay in cache) */
	@Override
	public Optional<Layer> thenApplying(final Activation activation) {
		final Builder b = builder(weights, inChannels, outPerGroup, kh, kw).groups(groups).bias(bias).stride(strideY, strideX)
			.padding(padY, padX).outputPadding(outPadY, outPadX).dilation(dilationY, dilationX).name(name);
		b.after = after.andThen(activation.rowFunction());
		return Optional.of(b.build());
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final int cout = outputChannels(inputs.size());
		if (outputs.size() != cout)
			throw new IllegalArgumentException("Expected " + cout + " output planes, got " + outputs.size());
		final long[] in = { inputs.get(0).dimension(0), inputs.get(0).dimension(1) };
		for (final RandomAccessibleInterval<S> i : inputs)
			OutputGeometry.checkTarget(i, in);
		final long[] out = outputSize(in[0], in[1]);
		for (final RandomAccessibleInterval<T> o : outputs)
			OutputGeometry.checkTarget(o, out);
		RowChunks.forEach(out[1], range -> computeRows(inputs, outputs, (int) in[0], in[1], (int) out[0], range));
	}

	/**
	 * Output row by row: for each kernel tap (j, k) that reaches the row, each output channel sums its group's input
	 * rows times their weights at once ({@link RowKernels#accumulateMany}, input channels in order, on the input's
	 * grid), then adds that line into the output line at every stride-th column from the tap's offset.
	 */
	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int width, final long height, final int outWidth,
		final RowChunks.Range range)
	{
		final int cout = outputs.size();
		final int inPerGroup = inChannels / groups;
		final RowReader<?>[] readers = new RowReader<?>[inChannels];
		for (int c = 0; c < inChannels; c++)
			readers[c] = new RowReader<>(inputs.get(c), null, 0);
		final RowWriter<?>[] writers = new RowWriter<?>[cout];
		for (int o = 0; o < cout; o++)
			writers[o] = new RowWriter<>(outputs.get(o), after);
		// lines cover full-output columns 0 .. padX + outWidth - 1; output column X is full column X + padX
		final int lineWidth = padX + outWidth;
		final float[][][] rows = new float[groups][inPerGroup][width];
		final float[] sum = new float[width];
		final float[][] lines = new float[cout][lineWidth];
		final float[] result = new float[outWidth];
		final int kernelSize = kh * kw;
		for (long y = range.start; y < range.end; y++) {
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], 0f);
			final long fullY = y + padY;
			for (int j = 0; j < kh; j++) {
				final long t = fullY - (long) j * dilationY;
				if (t < 0 || t % strideY != 0 || t / strideY >= height)
					continue;
				final long iy = t / strideY;
				for (int c = 0; c < inChannels; c++)
					readers[c].read(iy, rows[c / inPerGroup][c % inPerGroup]);
				for (int k = 0; k < kw; k++) {
					final int offset = k * dilationX;
					if (offset >= lineWidth)
						continue;
					// input columns whose tap lands in the line
					final int n = Math.min(width, (lineWidth - 1 - offset) / strideX + 1);
					for (int o = 0; o < cout; o++) {
						Arrays.fill(sum, 0, n, 0f);
						RowKernels.accumulateMany(sum, packed, (o * kernelSize + j * kw + k) * inPerGroup, rows[o / outPerGroup], inPerGroup, n);
						final float[] line = lines[o];
						for (int i = 0, f = offset; i < n; i++, f += strideX)
							line[f] += sum[i];
					}
				}
			}
			for (int o = 0; o < cout; o++) {
				final float b = bias == null ? 0f : bias[o];
				final float[] line = lines[o];
				for (int x = 0; x < outWidth; x++)
					result[x] = line[padX + x] + b;
				writers[o].write(y, result);
			}
		}
	}

	@Override
	public String toString() {
		return "ConvTranspose2D " + inChannels + " -> " + outChannels() + ", kernel " + kh + "x" + kw + ", stride " + strideY + "," + strideX +
			", padding " + padY + "," + padX + ", output padding " + outPadY + "," + outPadX + ", dilation " + dilationY + "," + dilationX +
			", groups " + groups;
	}
}

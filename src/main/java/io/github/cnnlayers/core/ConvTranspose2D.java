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
 * Inner loops: per kernel tap, every output channel sums its group's input channels times their weights over a block
 * of whole input rows laid end to end (long lines: a loop shape the JIT vectorizes, with little per-call overhead even
 * on small planes), then adds those sums into its output rows at the output's spacing. Sums are in float; each output
 * pixel's sum does not depend on the block size or the number of threads. Immutable and thread-safe; build one with
 * {@link #builder}.
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
	 * The input pixels a block of rows aims at (whole rows, at least one): lines this long make the per-call work of
	 * {@link RowKernels#accumulateMany} small against its loop (2x2 stride 2, one thread: 0.63x the time of row-by-row
	 * passes for 512 -&gt; 256 channels on 32&sup2;, 0.96x for 32 -&gt; 16 on 512&sup2;).
	 */
	private static final double BLOCK_PIXELS = 1024;

	/**
	 * The bytes a thread's block may take at most (its input rows of every channel, one tap's sums and the output lines of
	 * every channel), unless one input row takes more: 2 MB, about a core's L2 cache (4 MB measured no faster).
	 */
	private static final double BLOCK_BYTES = 2 << 20;

	/** @return input rows that the input rows of one block may add beyond their P: {@code ceil(D*(kh - 1) / S)} (vertical) */
	private long halo() {
		return ((long) dilationY * (kh - 1) + strideY - 1) / strideY;
	}

	/** @return the full output width (before padding is cropped): the length of a block's output lines bounds */
	private double lineBound(final double width) {
		return (width - 1.0) * strideX + (double) dilationX * (kw - 1) + outPadX + 1;
	}

	/**
	 * @return P, the input rows per step of a block (a block is {@code P * Sy} output rows and reads at most
	 *         {@code P + halo} input rows): enough for {@link #BLOCK_PIXELS} as long as they fit {@link #BLOCK_BYTES}, at
	 *         least 1, at most the input's height
	 */
	private double blockRows(final double width, final double height) {
		final double perRow = 4 * ((inChannels + 1.0) * width + (double) outChannels() * strideY * lineBound(width));
		final double fixed = 4 * (inChannels + 1.0) * width * halo();
		return Math.max(1, Math.min(Math.min(height, Math.ceil(BLOCK_PIXELS / width)), Math.floor((BLOCK_BYTES - fixed) / perRow)));
	}

	/**
	 * @return per thread: a block of input rows of every channel ({@link #blockRows} plus the halo, whole rows), one
	 *         tap's sums over it, the block's output lines of every channel, one input row and one output row
	 */
	@Override
	public double workingBytes(final long width, final long height) {
		final double p = blockRows(width, height);
		final double u = Math.min(height, p + halo());
		final double line = lineBound(width);
		return 4 * ((inChannels + 1.0) * u * width + width + (double) outChannels() * p * strideY * line + line);
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
		RowChunks.forEach(out[1], range -> computeRows(inputs, outputs, (int) in[0], (int) in[1], (int) out[0], range));
	}

	/** @return the first input row whose tap j reaches full output row f or a later one ({@code ceil((f - j*Dy) / Sy)}, at least 0) */
	private long firstInputRow(final long f, final int j) {
		return Math.max(0, Math.floorDiv(f - (long) j * dilationY + strideY - 1, strideY));
	}

	/** @return the last input row whose tap j reaches full output row f or an earlier one ({@code floor((f - j*Dy) / Sy)}, at most H - 1) */
	private long lastInputRow(final long f, final int j, final int height) {
		return Math.min(height - 1, Math.floorDiv(f - (long) j * dilationY, strideY));
	}

	/**
	 * Output rows in blocks of {@code P * Sy} ({@link #blockRows}): the block's input rows of every channel are laid end to
	 * end in one long line per channel; then for each kernel tap (j, k) in order, every output channel sums its group's
	 * input lines times their weights ({@link RowKernels#accumulateMany}, input channels in order) over the rows that tap
	 * row j takes, at once, and adds each row's sums into its output lines at every stride-th column from the tap's
	 * offset; then the bias. Each output pixel gets the same float operations in the same order as when computed row by
	 * row: 0, plus each reaching tap's channel sum in kernel order, plus the bias. (Taps outside, output channels inside
	 * was measured faster than the other way round: 0.9x on 32 and 64 channels.)
	 */
	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int width, final int height, final int outWidth,
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
		final int blockOut = (int) Math.min(range.end - range.start, (long) blockRows(width, height) * strideY);
		final int blockIn = (int) Math.min(height, (blockOut - 1L + (long) dilationY * (kh - 1)) / strideY + 1);
		final float[][][] block = new float[groups][inPerGroup][blockIn * width];
		final float[] row = new float[width];
		final float[] sum = new float[blockIn * width];
		final float[][] lines = new float[cout][blockOut * lineWidth];
		final float[] result = new float[outWidth];
		final int kernelSize = kh * kw;
		final long[] first = new long[kh];
		final long[] last = new long[kh];
		for (long y0 = range.start; y0 < range.end; y0 += blockOut) {
			final int rows = (int) Math.min(blockOut, range.end - y0);
			// input rows [top, bottom] that the block's output rows take, tap row j's part [first[j], last[j]]
			long top = Long.MAX_VALUE, bottom = Long.MIN_VALUE;
			for (int j = 0; j < kh; j++) {
				first[j] = firstInputRow(y0 + padY, j);
				last[j] = lastInputRow(y0 + rows - 1 + padY, j, height);
				if (first[j] <= last[j]) {
					top = Math.min(top, first[j]);
					bottom = Math.max(bottom, last[j]);
				}
			}
			for (long iy = top; iy <= bottom; iy++)
				for (int c = 0; c < inChannels; c++) {
					final float[] line = block[c / inPerGroup][c % inPerGroup];
					if (iy == top)
						readers[c].read(iy, line);
					else {
						readers[c].read(iy, row);
						System.arraycopy(row, 0, line, (int) (iy - top) * width, width);
					}
				}
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], 0, rows * lineWidth, 0f);
			for (int j = 0; j < kh; j++) {
				if (first[j] > last[j])
					continue;
				final int from = (int) (first[j] - top) * width;
				final int to = (int) (last[j] - top + 1) * width;
				for (int k = 0; k < kw; k++) {
					final int offset = k * dilationX;
					if (offset >= lineWidth)
						continue;
					// input columns whose tap lands in the line
					final int n = Math.min(width, (lineWidth - 1 - offset) / strideX + 1);
					for (int o = 0; o < cout; o++) {
						Arrays.fill(sum, from, to, 0f);
						RowKernels.accumulateMany(sum, packed, (o * kernelSize + j * kw + k) * inPerGroup, block[o / outPerGroup], inPerGroup,
							from, to);
						final float[] line = lines[o];
						for (long iy = first[j]; iy <= last[j]; iy++) {
							final int s = (int) (iy - top) * width;
							final int f0 = (int) (iy * strideY + (long) j * dilationY - padY - y0) * lineWidth + offset;
							for (int i = 0, f = f0; i < n; i++, f += strideX)
								line[f] += sum[s + i];
						}
					}
				}
			}
			for (int o = 0; o < cout; o++) {
				final float b = bias == null ? 0f : bias[o];
				final float[] line = lines[o];
				for (int r = 0; r < rows; r++) {
					final int l = r * lineWidth + padX;
					for (int x = 0; x < outWidth; x++)
						result[x] = line[l + x] + b;
					writers[o].write(y0 + r, result);
				}
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

package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A 3D transposed convolution, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv_transpose3d(input, weight, bias, stride, padding, output_padding, groups, dilation)}:
 * every input voxel {@code (x, y, z)} of channel {@code c} (in group {@code g = c / (C_in/groups)}) adds
 * {@code w[c][n][a][b][k] * in[c](x, y, z)} to output channel {@code g*C_out/groups + n} at
 * {@code (x*Sx - Px + k*Dx, y*Sy - Py + b*Dy, z*Sz - Pz + a*Dz)}, then the bias is added. Weights are in PyTorch's
 * {@code ConvTranspose3d} layout {@code [C_in, C_out/groups, kd, kh, kw]}; stride, padding, output padding and
 * dilation are per axis ({@link PerAxis3D}, z y x). The output size per axis is
 * {@code (N - 1)*S - 2P + D*(K - 1) + OP + 1}, the output padding being smaller than the stride or the dilation, as
 * PyTorch requires.
 * <p>
 * Inner loops as {@link ConvTranspose2D}'s: for each output row (y, z), the input rows whose taps land on it are
 * spread once per horizontal tap into a line at the output's spacing, and every output channel of the group adds
 * its weight times that line at the same index. Immutable and thread-safe; build one with {@link #builder}.
 */
public final class ConvTranspose3D implements Layer3D {

	private final float[] weights;
	private final int inChannels;
	private final int outPerGroup;
	private final PerAxis3D kernel;
	private final int groups;
	private final float[] bias;
	private final PerAxis3D stride;
	private final PerAxis3D padding;
	private final PerAxis3D outputPadding;
	private final PerAxis3D dilation;

	private ConvTranspose3D(final Builder b) {
		final int[] shape = { b.inChannels, b.outPerGroup, b.kernel.z, b.kernel.y, b.kernel.x };
		long count = 1;
		for (final int s : shape) {
			if (s < 1)
				throw new IllegalArgumentException("Transposed-convolution weights of shape " + Arrays.toString(shape) +
					" are empty; allowed: [C_in, C_out/groups, kd, kh, kw] with every size >= 1");
			count *= s;
			if (count > Integer.MAX_VALUE)
				break;
		}
		if (count != b.weights.length)
			throw new IllegalArgumentException("Weights hold " + b.weights.length + " values, but shape " + Arrays.toString(shape) +
				" needs " + (count > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : String.valueOf(count)));
		if (b.groups < 1 || b.inChannels % b.groups != 0)
			throw new IllegalArgumentException("Groups " + b.groups + " is not allowed with " + b.inChannels + " input channels; " +
				"allowed: whole numbers >= 1 dividing C_in (1 = a full transposed convolution, C_in = depthwise)");
		ConvWeights.requireFinite(b.weights, shape, "transposed-convolution weights");
		final int outChannels = b.outPerGroup * b.groups;
		if (b.bias != null) {
			if (b.bias.length != outChannels)
				throw new IllegalArgumentException("The bias has " + b.bias.length + " values, but the weights make " + outChannels +
					" output channels (" + b.outPerGroup + " per group x " + b.groups + "); allowed: one bias per output channel");
			ConvWeights.requireFinite(b.bias, new int[] { b.bias.length }, "transposed-convolution bias");
		}
		OutputGeometry.checkStride(b.stride.min());
		OutputGeometry.checkPadding(b.padding.min());
		OutputGeometry.checkDilation(b.dilation.min());
		final String[] names = { "width", "height", "depth" };
		for (int a = 0; a < 3; a++) {
			final int op = b.outputPadding.get(a);
			final int s = b.stride.get(a);
			final int d = b.dilation.get(a);
			if (op < 0 || op >= s && op >= d)
				throw new IllegalArgumentException("Output padding " + op + " (" + names[a] + ") is not allowed with stride " + s +
					" and dilation " + d + "; allowed: 0 to " + (Math.max(s, d) - 1) + " (smaller than the stride or the dilation)");
		}
		this.weights = b.weights.clone();
		this.inChannels = b.inChannels;
		this.outPerGroup = b.outPerGroup;
		this.kernel = b.kernel;
		this.groups = b.groups;
		this.bias = b.bias == null ? null : b.bias.clone();
		this.stride = b.stride;
		this.padding = b.padding;
		this.outputPadding = b.outputPadding;
		this.dilation = b.dilation;
	}

	/**
	 * @param weights {@code C_in * C_out/groups * kd * kh * kw} values in PyTorch's order {@code [C_in, C_out/groups, kd, kh, kw]}
	 * @param inChannels C_in
	 * @param outPerGroup C_out / groups
	 * @param kernel the kernel size (kd, kh, kw)
	 * @return a builder with PyTorch's defaults: groups 1, no bias, stride 1, padding 0, output padding 0, dilation 1
	 */
	public static Builder builder(final float[] weights, final int inChannels, final int outPerGroup, final PerAxis3D kernel) {
		return new Builder(weights, inChannels, outPerGroup, kernel);
	}

	/** The parameters of a {@link ConvTranspose3D}, checked by {@link #build()}. */
	public static final class Builder {

		private final float[] weights;
		private final int inChannels;
		private final int outPerGroup;
		private final PerAxis3D kernel;
		private int groups = 1;
		private float[] bias;
		private PerAxis3D stride = PerAxis3D.of(1);
		private PerAxis3D padding = PerAxis3D.of(0);
		private PerAxis3D outputPadding = PerAxis3D.of(0);
		private PerAxis3D dilation = PerAxis3D.of(1);

		private Builder(final float[] weights, final int inChannels, final int outPerGroup, final PerAxis3D kernel) {
			this.weights = weights;
			this.inChannels = inChannels;
			this.outPerGroup = outPerGroup;
			this.kernel = kernel;
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

		/** @param s the stride per axis @return this builder */
		public Builder stride(final PerAxis3D s) {
			this.stride = s;
			return this;
		}

		/** @param p the padding per axis (voxels removed from each side of the full output) @return this builder */
		public Builder padding(final PerAxis3D p) {
			this.padding = p;
			return this;
		}

		/** @param op voxels added at the end of each axis (bottom, right, last planes) @return this builder */
		public Builder outputPadding(final PerAxis3D op) {
			this.outputPadding = op;
			return this;
		}

		/** @param d the dilation per axis @return this builder */
		public Builder dilation(final PerAxis3D d) {
			this.dilation = d;
			return this;
		}

		/**
		 * @return the layer
		 * @throws IllegalArgumentException naming the parameter and its allowed values
		 */
		public ConvTranspose3D build() {
			return new ConvTranspose3D(this);
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
				inputChannels);
		return outChannels();
	}

	/**
	 * @return output {width, height, depth}: {@code (N - 1)*S - 2P + D*(K - 1) + OP + 1} per axis
	 * @throws IllegalArgumentException when an axis would be empty, showing the formula with the numbers
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		final long[] in = { width, height, depth };
		final String[] names = { "width", "height", "depth" };
		final long[] out = new long[3];
		for (int a = 0; a < 3; a++) {
			final int k = kernel.get(a), s = stride.get(a), p = padding.get(a), op = outputPadding.get(a), d = dilation.get(a);
			out[a] = (in[a] - 1) * s - 2L * p + (long) d * (k - 1) + op + 1;
			if (out[a] < 1)
				throw new IllegalArgumentException("Output " + names[a] + " would be empty: (N - 1)*S - 2P + D*(K - 1) + OP + 1 = (" + in[a] +
					" - 1)*" + s + " - 2*" + p + " + " + d + "*(" + k + " - 1) + " + op + " + 1 = " + out[a] + " < 1; use less padding");
		}
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		if (padding.x + out[0] > OutputGeometry.MAX_SIDE)
			throw new IllegalArgumentException("Padding " + padding.x + " makes an output row of " + (padding.x + out[0]) +
				" voxels before cropping, more than can be held; use a smaller padding");
		return out;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		final int cout = outputChannels(inputs.size());
		if (outputs.size() != cout)
			throw new IllegalArgumentException("Expected " + cout + " output volumes, got " + outputs.size());
		final RandomAccessibleInterval<S> first = inputs.get(0);
		final long[] out = outputSize(first.dimension(0), first.dimension(1), first.dimension(2));
		VolumeRows.checkTargets(outputs, out);
		VolumeRows.forEachRow(out[1], out[2], range -> computeRows(inputs, outputs, (int) out[0], out[1], range));
	}

	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int outWidth, final long outHeight, final RowChunks.Range range)
	{
		final int width = (int) inputs.get(0).dimension(0);
		final long height = inputs.get(0).dimension(1);
		final long depth = inputs.get(0).dimension(2);
		final int cout = outputs.size();
		final int inPerGroup = inChannels / groups;
		@SuppressWarnings("unchecked")
		final VolumeRows.Reader<S>[] readers = new VolumeRows.Reader[inChannels];
		for (int c = 0; c < inChannels; c++)
			readers[c] = new VolumeRows.Reader<>(inputs.get(c), null, 0);
		@SuppressWarnings("unchecked")
		final VolumeRows.Writer<T>[] writers = new VolumeRows.Writer[cout];
		for (int o = 0; o < cout; o++)
			writers[o] = new VolumeRows.Writer<>(outputs.get(o));
		// lines cover full-output columns 0 .. padding.x + outWidth - 1; output column X is full column X + padding.x
		final int lineWidth = padding.x + outWidth;
		final float[] row = new float[width];
		final float[] spread = new float[lineWidth];
		final float[][] lines = new float[cout][lineWidth];
		final float[] result = new float[outWidth];
		final int kd = kernel.z, kh = kernel.y, kw = kernel.x;
		final int kernelSize = kd * kh * kw;
		for (long r = range.start; r < range.end; r++) {
			final long y = r % outHeight;
			final long z = r / outHeight;
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], 0f);
			for (int a = 0; a < kd; a++) {
				final long tz = z + padding.z - (long) a * dilation.z;
				if (tz < 0 || tz % stride.z != 0 || tz / stride.z >= depth)
					continue;
				for (int b = 0; b < kh; b++) {
					final long ty = y + padding.y - (long) b * dilation.y;
					if (ty < 0 || ty % stride.y != 0 || ty / stride.y >= height)
						continue;
					for (int c = 0; c < inChannels; c++) {
						readers[c].read(ty / stride.y, tz / stride.z, row);
						final int g = c / inPerGroup;
						for (int k = 0; k < kw; k++) {
							final int n = spread(row, width, k * dilation.x, spread, lineWidth);
							if (n == 0)
								continue;
							final int tap = (a * kh + b) * kw + k;
							for (int m = 0; m < outPerGroup; m++)
								RowKernels.axpy(lines[g * outPerGroup + m], weights[(c * outPerGroup + m) * kernelSize + tap], spread, n);
						}
					}
				}
			}
			for (int o = 0; o < cout; o++) {
				final float bo = bias == null ? 0f : bias[o];
				final float[] line = lines[o];
				for (int x = 0; x < outWidth; x++)
					result[x] = line[padding.x + x] + bo;
				writers[o].write(y, z, result);
			}
		}
	}

	/**
	 * Writes {@code row[i]} to {@code spread[i*Sx + offset]} and zeros between, up to {@code lineWidth}.
	 *
	 * @return how many leading values of {@code spread} are set (0 when the tap lands beyond the line)
	 */
	private int spread(final float[] row, final int width, final int offset, final float[] spread, final int lineWidth) {
		if (offset >= lineWidth)
			return 0;
		final int last = Math.min(width - 1, (lineWidth - 1 - offset) / stride.x);
		final int n = last * stride.x + offset + 1;
		Arrays.fill(spread, 0, n, 0f);
		for (int i = 0, f = offset; i <= last; i++, f += stride.x)
			spread[f] = row[i];
		return n;
	}

	/** @return per axis, input voxels within {@code (o + P - D*(K-1)) / S} to {@code (o + P) / S} reach output voxel o */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(axis(0), axis(1), axis(2));
	}

	private ReceptiveField axis(final int a) {
		return ReceptiveField.transposed((long) dilation.get(a) * (kernel.get(a) - 1) + 1, stride.get(a), padding.get(a));
	}

	@Override
	public String toString() {
		return "ConvTranspose3D " + inChannels + " -> " + outChannels() + ", kernel " + kernel + ", stride " + stride + ", padding " +
			padding + ", output padding " + outputPadding + ", dilation " + dilation + ", groups " + groups;
	}
}

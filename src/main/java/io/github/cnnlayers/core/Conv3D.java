package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The 3D convolution layer, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv3d(input, weight, bias, stride, padding, dilation, groups)} (cross-correlation:
 * kernels are not flipped) and its {@code padding_mode}s: C_in input volumes to C_out output volumes, output
 * channel {@code o} of group {@code g = o / (C_out/groups)} being
 * {@code bias[o] + sum_{i < C_in/groups} sum_{a,b,c} w[o][i][a][b][c] * in[g*C_in/groups + i](z*Sz - Pz + a*Dz, y*Sy - Py + b*Dy, x*Sx - Px + c*Dx)},
 * with voxels outside the volume taken from the {@link BorderMode} (in all three axes). Stride, padding and
 * dilation are per axis ({@link PerAxis3D}, z y x). Its parameters are one {@link ConvWeights3D}; a {@link Builder}
 * holds the rest, with PyTorch's defaults.
 * <p>
 * Inner loop as {@link Conv2D}'s: for each output row (y, z), each padded input row a kernel plane and row reach
 * is read once, copied once per horizontal tap into a line starting at that tap, and every output channel of the
 * group adds its weight times that line (same index on both sides, a loop the JIT vectorizes). Immutable and
 * thread-safe; runs on ImgLib2's {@code Parallelization} executor.
 */
public final class Conv3D implements Layer3D {

	private final ConvWeights3D parameters;
	private final float[] weights;
	private final float[] bias;
	private final int outChannels;
	private final int inPerGroup;
	private final PerAxis3D kernel;
	private final int groups;
	private final PerAxis3D stride;
	private final PerAxis3D padding;
	private final PerAxis3D dilation;
	private final BorderMode border;

	private Conv3D(final Builder b) {
		this.parameters = b.weights;
		this.weights = parameters.values();
		this.bias = parameters.biasValues();
		this.outChannels = parameters.outChannels();
		this.inPerGroup = parameters.inChannelsPerGroup();
		this.kernel = parameters.kernelSize();
		this.groups = b.groups;
		this.stride = b.stride;
		this.padding = b.padding;
		this.dilation = b.dilation;
		this.border = b.border;
	}

	/**
	 * A 3D convolution with learned weights, PyTorch's defaults otherwise (groups 1, stride 1, padding 0, dilation 1,
	 * border zero).
	 *
	 * @param weights the weights and bias, {@code [C_out, C_in/groups, kd, kh, kw]}
	 * @return a builder
	 */
	public static Builder learned(final ConvWeights3D weights) {
		return new Builder(weights);
	}

	/** The parameters of a {@link Conv3D} besides its weights, checked by {@link #build()}. */
	public static final class Builder {

		private final ConvWeights3D weights;
		private int groups = ConvWeights.DEFAULT_GROUPS;
		private PerAxis3D stride = PerAxis3D.of(1);
		private PerAxis3D padding = PerAxis3D.of(0);
		private PerAxis3D dilation = PerAxis3D.of(1);
		private BorderMode border = BorderMode.ZERO;

		private Builder(final ConvWeights3D weights) {
			this.weights = weights;
		}

		/** @param g the groups: &gt;= 1, dividing C_in and C_out (1 = a full convolution, C_in = depthwise) @return this builder */
		public Builder groups(final int g) {
			this.groups = g;
			return this;
		}

		/** @param s the stride per axis, each &gt;= 1 @return this builder */
		public Builder stride(final PerAxis3D s) {
			this.stride = s;
			return this;
		}

		/** @param p the padding per axis, each &gt;= 0, on both sides of the axis @return this builder */
		public Builder padding(final PerAxis3D p) {
			this.padding = p;
			return this;
		}

		/** @param d the dilation per axis, each &gt;= 1, the spacing between kernel taps @return this builder */
		public Builder dilation(final PerAxis3D d) {
			this.dilation = d;
			return this;
		}

		/** @param b what the padded voxels hold @return this builder */
		public Builder border(final BorderMode b) {
			this.border = b;
			return this;
		}

		/**
		 * @return the layer
		 * @throws IllegalArgumentException naming the parameter and its allowed values
		 */
		public Conv3D build() {
			if (groups < 1)
				throw new IllegalArgumentException("Groups " + groups + " is not allowed; allowed: whole numbers >= 1 dividing C_in and C_out");
			if (weights.outChannels() % groups != 0)
				throw new IllegalArgumentException("Groups " + groups + " do not divide the " + weights.outChannels() +
					" output channels; allowed: a divisor of both C_in and C_out (1 = a full convolution, C_in = depthwise)");
			OutputGeometry.checkStride(stride.min());
			OutputGeometry.checkPadding(padding.min());
			OutputGeometry.checkDilation(dilation.min());
			if (border == null)
				throw new IllegalArgumentException("Conv3D needs a border; allowed: " + String.join(", ", BorderMode.getAllLabels()));
			return new Conv3D(this);
		}
	}

	/** @return the weights and bias, {@code [C_out, C_in/groups, kd, kh, kw]} */
	public ConvWeights3D weights() {
		return parameters;
	}

	/** @return the groups */
	public int groups() {
		return groups;
	}

	/** @return the stride per axis */
	public PerAxis3D stride() {
		return stride;
	}

	/** @return the padding per axis */
	public PerAxis3D padding() {
		return padding;
	}

	/** @return the dilation per axis */
	public PerAxis3D dilation() {
		return dilation;
	}

	/** @return the border mode */
	public BorderMode border() {
		return border;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		if (inPerGroup * groups != inputChannels)
			throw new IllegalArgumentException("The weights take C_in = " + inPerGroup * groups + " channels (" + inPerGroup +
				" per group x " + groups + " group" + (groups == 1 ? "" : "s") + "), but the image has " + inputChannels +
				(groups > 1 || inputChannels % inPerGroup != 0 ? "" : "; groups=" + inputChannels / inPerGroup + " would fit"));
		return outChannels;
	}

	/**
	 * @return output {width, height, depth}: {@code floor((N + 2P - D*(K-1) - 1) / S) + 1} per axis
	 * @throws IllegalArgumentException when an output axis would be empty or the border cannot pad that much
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		final long[] in = { width, height, depth };
		final String[] names = { "width", "height", "depth" };
		final long[] out = new long[3];
		for (int a = 0; a < 3; a++) {
			border.checkPadding(in[a], padding.get(a), names[a]);
			out[a] = OutputGeometry.convolution(in[a], kernel.get(a), stride.get(a), padding.get(a), dilation.get(a), names[a]);
		}
		OutputGeometry.checkPaddedSize(width, height, padding.x, padding.y, Math.max(dilation.x, dilation.y));
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		return out;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		final int cin = inputs.size();
		final int cout = outputChannels(cin);
		if (outputs.size() != cout)
			throw new IllegalArgumentException("Expected " + cout + " output volumes, got " + outputs.size());
		final RandomAccessibleInterval<S> first = inputs.get(0);
		final long[] out = outputSize(first.dimension(0), first.dimension(1), first.dimension(2));
		VolumeRows.checkTargets(outputs, out);
		VolumeRows.forEachRow(out[1], out[2], range -> computeRows(inputs, outputs, cin, cout, (int) out[0], out[1], range));
	}

	private <S extends RealType<S>, T extends RealType<T>> void computeRows(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs, final int cin, final int cout, final int outWidth,
		final long outHeight, final RowChunks.Range range)
	{
		final int perGroupOut = cout / groups;
		@SuppressWarnings("unchecked")
		final VolumeRows.Reader<S>[] readers = new VolumeRows.Reader[cin];
		for (int c = 0; c < cin; c++) {
			final RandomAccessible<S> extended = border.extend(inputs.get(c));
			readers[c] = new VolumeRows.Reader<>(inputs.get(c), extended, padding.x);
		}
		@SuppressWarnings("unchecked")
		final VolumeRows.Writer<T>[] writers = new VolumeRows.Writer[cout];
		for (int o = 0; o < cout; o++)
			writers[o] = new VolumeRows.Writer<>(outputs.get(o));
		final float[] row = new float[readers[0].paddedWidth()];
		final float[] shifted = new float[outWidth];
		final float[][] lines = new float[cout][outWidth];
		final int kd = kernel.z;
		final int kh = kernel.y;
		final int kw = kernel.x;
		final int kernelSize = kd * kh * kw;
		for (long r = range.start; r < range.end; r++) {
			final long y = r % outHeight;
			final long z = r / outHeight;
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], bias == null ? 0f : bias[o]);
			for (int g = 0; g < groups; g++)
				for (int i = 0; i < inPerGroup; i++) {
					final int c = g * inPerGroup + i;
					for (int a = 0; a < kd; a++) {
						final long iz = z * stride.z - padding.z + (long) a * dilation.z;
						for (int b = 0; b < kh; b++) {
							readers[c].read(y * stride.y - padding.y + (long) b * dilation.y, iz, row);
							for (int k = 0; k < kw; k++) {
								RowKernels.gather(row, k * dilation.x, stride.x, shifted, outWidth);
								final int tap = (a * kh + b) * kw + k;
								for (int n = 0; n < perGroupOut; n++) {
									final int o = g * perGroupOut + n;
									RowKernels.axpy(lines[o], weights[(o * inPerGroup + i) * kernelSize + tap], shifted, outWidth);
								}
							}
						}
					}
				}
			for (int o = 0; o < cout; o++)
				writers[o].write(y, z, lines[o]);
		}
	}

	/** @return per axis, the dilated kernel {@code D*(K-1)+1} at stride S, padding P */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(axis(0), axis(1), axis(2));
	}

	private ReceptiveField axis(final int a) {
		return ReceptiveField.window((long) dilation.get(a) * (kernel.get(a) - 1) + 1, stride.get(a), padding.get(a));
	}

	@Override
	public String toString() {
		return "Conv3D " + parameters + ", groups " + groups + ", stride " + stride + ", padding " + padding + ", dilation " +
			dilation + ", border " + border;
	}
}

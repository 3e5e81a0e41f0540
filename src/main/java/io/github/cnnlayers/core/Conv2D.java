package io.github.cnnlayers.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The convolution layer, with the semantics of PyTorch's
 * {@code torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)} (cross-correlation:
 * kernels are not flipped) and its {@code padding_mode}s: C_in input planes to C_out output planes, output channel
 * {@code o} of group {@code g = o / (C_out/groups)} being
 * {@code bias[o] + sum_{i < C_in/groups} sum_{j,k} w[o][i][j][k] * in[g*C_in/groups + i](x*S - Px + k*D, y*S - Py + j*D)},
 * with pixels outside the image taken from the {@link BorderMode}. Its parameters are one {@link ConvWeights}.
 * <p>
 * Three shapes, made by a {@link Builder}:
 * <ul>
 * <li>{@link #learned}: weights {@code [C_out, C_in/groups, kh, kw]} with their groups.</li>
 * <li>{@link #bank}: N kernels applied to every input channel, C_out = C_in x N, output {@code c*N + n} being
 * kernel n on channel c — PyTorch's {@code groups = C_in} with the bank repeated C_in times.</li>
 * <li>{@link #perPlane}: a bank of one kernel, which maps every plane on its own (C_out = C_in): a
 * {@link PerPlane} layer, computed by its own row-ring strategy.</li>
 * </ul>
 * Inner loops over channels: each padded input row is copied once per horizontal tap into a line that starts at
 * that tap, and every output channel adds its weights times four such lines (of one group's
 * input channels and kernel taps, in the order of the weights) in one pass with the same index on all sides, a
 * loop shape the JIT vectorizes. Learned 3x3 weights at stride 1 and dilation 1, one group and many channels both
 * ways, are computed instead in Winograd's 4x4 output tiles ({@link WinogradRows}, {@link #outputBlock()} 4): the
 * layer picks its form by its shape when it is built. Either way, results do not depend on the number of threads.
 * Immutable and thread-safe; runs on ImgLib2's {@code Parallelization} executor.
 */
public class Conv2D implements Layer {

	/** {@link #groups()} of a bank: one group per input channel, whatever their number. */
	private static final int EVERY_CHANNEL = 0;

	/**
	 * Input lines (an input channel's kernel row at one horizontal tap) accumulated into each output line per
	 * pass: the output line is loaded and stored once for all of them ({@link RowKernels#accumulateMany}).
	 */
	private static final int LINES_PER_PASS = 4;

	private final ConvWeights parameters;
	/** The weights of {@link #parameters}, never written */
	private final float[] weights;
	/** The bias of {@link #parameters}, never written, or {@code null} */
	private final float[] bias;
	private final int outChannels;
	private final int inPerGroup;
	private final int kh;
	private final int kw;
	private final int groups;
	private final int stride;
	private final int padX;
	private final int padY;
	private final int dilation;
	private final BorderMode border;
	private final List<String> names;
	/** How the output rows are computed, chosen by the layer's shape when it is built */
	private final ChannelStrategy strategy;
	/** Applied to each output row as it is written ({@link #thenApplying}) */
	private final RowFunction after;

	private Conv2D(final Builder<?> b, final ConvWeights parameters) {
		this.parameters = parameters;
		this.weights = parameters.values();
		this.bias = parameters.biasValues();
		this.outChannels = parameters.outChannels();
		this.inPerGroup = parameters.inChannelsPerGroup();
		this.kh = parameters.kernelHeight();
		this.kw = parameters.kernelWidth();
		this.groups = b.groups;
		this.stride = b.stride;
		this.padX = b.padX;
		this.padY = b.padY;
		this.dilation = b.dilation;
		this.border = b.border;
		this.names = b.names;
		this.strategy = WinogradRows.formFor(kh, kw, stride, dilation, groups, inPerGroup, outChannels)
			.<ChannelStrategy> map(form -> new Winograd(new WinogradRows(form, weights, bias, outChannels, inPerGroup, padY)))
			.orElseGet(Direct::new);
		this.after = RowFunction.NONE;
	}

	/** A copy of {@code base} (sharing its parameters and its form) that applies {@code after} to each row it writes. */
	private Conv2D(final Conv2D base, final RowFunction after) {
		this.parameters = base.parameters;
		this.weights = base.weights;
		this.bias = base.bias;
		this.outChannels = base.outChannels;
		this.inPerGroup = base.inPerGroup;
		this.kh = base.kh;
		this.kw = base.kw;
		this.groups = base.groups;
		this.stride = base.stride;
		this.padX = base.padX;
		this.padY = base.padY;
		this.dilation = base.dilation;
		this.border = base.border;
		this.names = base.names;
		this.strategy = base.strategy; // its rows depend on these parameters only, the same in both layers
		this.after = after;
	}

	/**
	 * A convolution with learned weights, PyTorch's defaults otherwise (groups 1, stride 1, padding 0, dilation 1,
	 * border zero).
	 *
	 * @param weights the weights and bias, {@code [C_out, C_in/groups, kh, kw]}
	 * @param name the layer's name for channel labels, e.g. {@code features.0}: output o is {@code "name #(o+1)"}
	 * @return a builder
	 */
	public static Builder<Conv2D> learned(final ConvWeights weights, final String name) {
		final List<String> names = new ArrayList<>(weights.outChannels());
		for (int o = 0; o < weights.outChannels(); o++)
			names.add(name + " #" + (o + 1));
		return new Builder<>(weights, null, ConvWeights.DEFAULT_GROUPS, names, Conv2D::new);
	}

	/**
	 * A bank of kernels applied to every input channel: C_out = C_in x N.
	 *
	 * @param kernels N kernels of one size
	 * @param names a name per kernel, for channel labels
	 * @return a builder
	 */
	public static Builder<Conv2D> bank(final List<Kernel> kernels, final List<String> names) {
		return new Builder<>(null, kernels, EVERY_CHANNEL, Collections.unmodifiableList(new ArrayList<>(names)), Conv2D::new);
	}

	/**
	 * One kernel applied to every plane on its own, as ImageJ's Convolve is.
	 *
	 * @param kernel the kernel (odd sizes)
	 * @return a builder of a per-plane layer
	 */
	public static Builder<PerPlane> perPlane(final Kernel kernel) {
		return new Builder<>(null, Collections.singletonList(kernel), EVERY_CHANNEL, Collections.<String> emptyList(), PerPlane::new);
	}

	/** Makes the layer of a {@link Builder}'s shape from its checked parameters. */
	private interface Factory<L extends Conv2D> {

		L make(Builder<L> b, ConvWeights parameters);
	}

	/**
	 * The parameters of a {@link Conv2D}, checked by {@link #build()}: stride, padding (numbers or "same"),
	 * dilation, border, groups of learned weights, the bias of kernels.
	 *
	 * @param <L> the layer it builds
	 */
	public static final class Builder<L extends Conv2D> {

		private final ConvWeights learned;
		private final List<Kernel> kernels;
		private final Factory<L> factory;
		private int groups;
		private List<String> names;
		private double scalarBias;
		private int stride = 1;
		private int padX;
		private int padY;
		private boolean same;
		private int dilation = 1;
		private BorderMode border = BorderMode.ZERO;

		private Builder(final ConvWeights learned, final List<Kernel> kernels, final int groups, final List<String> names,
			final Factory<L> factory)
		{
			this.learned = learned;
			this.kernels = kernels;
			this.groups = groups;
			this.names = names;
			this.factory = factory;
		}

		/**
		 * @param g the groups of learned weights: &gt;= 1, dividing C_in and C_out (1 = a full convolution, C_in =
		 *        depthwise)
		 * @return this builder
		 * @throws IllegalStateException for kernels, which are applied to every channel
		 */
		public Builder<L> groups(final int g) {
			if (learned == null)
				throw new IllegalStateException("Kernels are applied to every channel on its own; groups go with learned weights");
			this.groups = g;
			return this;
		}

		/**
		 * @param b the value added to every output of kernels; finite as a 32-bit float
		 * @return this builder
		 * @throws IllegalStateException for learned weights, whose bias comes with them
		 */
		public Builder<L> bias(final double b) {
			if (learned != null)
				throw new IllegalStateException("The bias of learned weights comes with the weights");
			this.scalarBias = b;
			return this;
		}

		/** @param s the stride S &gt;= 1 of both axes @return this builder */
		public Builder<L> stride(final int s) {
			this.stride = s;
			return this;
		}

		/** @param p the padding &gt;= 0 of all four sides @return this builder */
		public Builder<L> padding(final int p) {
			return padding(p, p);
		}

		/** @param py padding &gt;= 0 top and bottom @param px padding &gt;= 0 left and right @return this builder */
		public Builder<L> padding(final int py, final int px) {
			this.padY = py;
			this.padX = px;
			this.same = false;
			return this;
		}

		/**
		 * Pads so that the size is kept at stride 1, PyTorch's {@code padding="same"}: {@code D * (K - 1) / 2} per
		 * axis ({@link OutputGeometry#samePadding}), for odd kernel sizes only.
		 *
		 * @return this builder
		 */
		public Builder<L> samePadding() {
			this.same = true;
			return this;
		}

		/** @param d the dilation D &gt;= 1, the spacing between kernel taps @return this builder */
		public Builder<L> dilation(final int d) {
			this.dilation = d;
			return this;
		}

		/** @param b what the padded pixels hold @return this builder */
		public Builder<L> border(final BorderMode b) {
			this.border = b;
			return this;
		}

		/**
		 * @return the layer
		 * @throws IllegalArgumentException naming the parameter and its allowed values
		 */
		public L build() {
			if (learned != null && groups < 1)
				throw new IllegalArgumentException("Groups " + groups + " is not allowed; allowed: whole numbers >= 1 dividing C_in and C_out");
			final int kernelWidth = learned != null ? learned.kernelWidth() : kernels.get(0).width();
			final int kernelHeight = learned != null ? learned.kernelHeight() : kernels.get(0).height();
			if (same) {
				if (kernelWidth % 2 == 0 || kernelHeight % 2 == 0)
					throw new IllegalArgumentException("Conv2D: padding=same needs odd kernel sizes, but the weights are " +
						kernelHeight + "x" + kernelWidth + " (PyTorch pads even kernels unevenly, one more pixel right and below, " +
						"which this layer does not do); give the padding as numbers, e.g. padding=" + dilation * (kernelWidth - 1) / 2);
				padX = OutputGeometry.samePadding(kernelWidth, dilation);
				padY = OutputGeometry.samePadding(kernelHeight, dilation);
			}
			OutputGeometry.checkStride(stride);
			OutputGeometry.checkPadding(Math.min(padX, padY));
			OutputGeometry.checkDilation(dilation);
			if (learned == null)
				FloatRange.check("Bias", scalarBias);
			else if (learned.outChannels() % groups != 0)
				throw new IllegalArgumentException("Groups " + groups + " do not divide the " + learned.outChannels() +
					" output channels; allowed: a divisor of both C_in and C_out (1 = a full convolution, C_in = depthwise)");
			final ConvWeights parameters = learned != null ? learned : stack(kernels, scalarBias);
			return factory.make(this, parameters);
		}

		/** @return the kernels as weights {@code [N, 1, kh, kw]}, each with the bias */
		private static ConvWeights stack(final List<Kernel> kernels, final double bias) {
			final Kernel first = kernels.get(0);
			final int size = first.width() * first.height();
			final float[] w = new float[kernels.size() * size];
			for (int n = 0; n < kernels.size(); n++) {
				final Kernel k = kernels.get(n);
				if (k.width() != first.width() || k.height() != first.height())
					throw new IllegalArgumentException("Kernel " + (n + 1) + " of the bank is " + k.width() + "x" + k.height() +
						" but kernel 1 is " + first.width() + "x" + first.height() + "; the kernels of a bank (separated by blank lines) " +
						"need one size");
				System.arraycopy(k.weights(), 0, w, n * size, size);
			}
			final float[] b = new float[kernels.size()];
			Arrays.fill(b, (float) bias);
			return new ConvWeights(w, kernels.size(), 1, first.height(), first.width(), b,
				kernels.size() == 1 ? first.toString() : "bank of " + kernels.size() + " kernels");
		}
	}

	/** @return the weights and bias, {@code [C_out, C_in/groups, kh, kw]} (for a bank: {@code [N, 1, kh, kw]}) */
	public ConvWeights weights() {
		return parameters;
	}

	/** @return C_out of the weights (for a bank: the number of kernels N) */
	public int weightChannels() {
		return outChannels;
	}

	/** @return C_in / groups of the weights */
	public int inChannelsPerGroup() {
		return inPerGroup;
	}

	/** @return the groups, or 0 for kernels applied to every input channel (groups = C_in) */
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

	/** @return the stride */
	public int stride() {
		return stride;
	}

	/** @return the padding left and right */
	public int padX() {
		return padX;
	}

	/** @return the padding top and bottom */
	public int padY() {
		return padY;
	}

	/** @return the dilation */
	public int dilation() {
		return dilation;
	}

	/** @return the border mode */
	public BorderMode border() {
		return border;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		if (groups == EVERY_CHANNEL)
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
		if (groups != EVERY_CHANNEL)
			return names.get(channel);
		return names.get(channel % outChannels) + (inputChannels > 1 ? " of channel " + (channel / outChannels + 1) : "");
	}

	/**
	 * @param width input width
	 * @param height input height
	 * @return output {width, height}
	 * @throws IllegalArgumentException when the output would be empty or the border cannot pad that much
	 */
	@Override
	public final long[] outputSize(final long width, final long height) {
		border.checkPadding(width, padX, "width");
		border.checkPadding(height, padY, "height");
		OutputGeometry.checkPaddedSize(width, height, padX, padY, dilation);
		return new long[] { OutputGeometry.convolution(width, kw, stride, padX, dilation, "width"),
			OutputGeometry.convolution(height, kh, stride, padY, dilation, "height") };
	}

	@Override
	public final ReceptiveField receptiveField() {
		return new ReceptiveField((long) dilation * (kw - 1) + 1, (long) dilation * (kh - 1) + 1, stride, padX, padY);
	}

	/**
	 * @return per thread: for the direct form, the padded rows and shifted lines of one pass (four each), and a line
	 *         per output channel (for a bank, per kernel of each of up to 64 input channels: the input's channel
	 *         count is not known here); for the Winograd form, its transformed tiles
	 */
	@Override
	public double workingBytes(final long width, final long height) {
		return strategy.workingBytes(width, height);
	}

	/** @return m for a layer computed in Winograd's m x m tiles ({@link WinogradRows}), else 1 */
	@Override
	public int outputBlock() {
		return strategy.outputBlock();
	}

	/** @return this convolution applying {@code activation} to each output row as it writes it (its rows stay in cache) */
	@Override
	public Optional<Layer> thenApplying(final Activation activation) {
		return Optional.of(new Conv2D(this, after.andThen(activation.rowFunction())));
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
		RowChunks.forEach(out[1], range -> {
			final RowReader<?>[] readers = new RowReader<?>[cin];
			for (int c = 0; c < cin; c++) {
				final RandomAccessibleInterval<S> in = inputs.get(c);
				final RandomAccessible<S> extended = border.extend(in);
				readers[c] = new RowReader<>(in, extended, padX);
			}
			final RowWriter<?>[] writers = new RowWriter<?>[cout];
			for (int o = 0; o < cout; o++)
				writers[o] = new RowWriter<>(outputs.get(o), after);
			strategy.computeRows(readers, writers, (int) out[0], out[1], range);
		});
	}

	/** How a layer computes a range of output rows of all its output channels. */
	private interface ChannelStrategy {

		/**
		 * @param readers the padded rows of the input channels
		 * @param writers the rows of the output channels
		 */
		void computeRows(RowReader<?>[] readers, RowWriter<?>[] writers, int outWidth, long outHeight, RowChunks.Range range);

		/** @return as {@link Layer#workingBytes} */
		double workingBytes(long width, long height);

		/** @return as {@link Layer#outputBlock} */
		int outputBlock();
	}

	/** Every shape: output row by row, taps as same-index passes over shifted input lines ({@link #computeRows}). */
	private final class Direct implements ChannelStrategy {

		@Override
		public void computeRows(final RowReader<?>[] readers, final RowWriter<?>[] writers, final int outWidth,
			final long outHeight, final RowChunks.Range range)
		{
			Conv2D.this.computeRows(readers, writers, outWidth, range);
		}

		@Override
		public double workingBytes(final long width, final long height) {
			final double paddedWidth = width + 2.0 * padX;
			final double lines = groups == EVERY_CHANNEL ? 64.0 * outChannels : outChannels;
			return 4 * (2.0 * LINES_PER_PASS * paddedWidth + lines * paddedWidth);
		}

		@Override
		public int outputBlock() {
			return 1;
		}
	}

	/** Learned 3x3 weights at stride 1 with many channels: {@link WinogradRows}. */
	private final class Winograd implements ChannelStrategy {

		private final WinogradRows rows;

		Winograd(final WinogradRows rows) {
			this.rows = rows;
		}

		@Override
		public void computeRows(final RowReader<?>[] readers, final RowWriter<?>[] writers, final int outWidth,
			final long outHeight, final RowChunks.Range range)
		{
			rows.computeRows(readers, writers, outWidth, outHeight, range.start, range.end);
		}

		@Override
		public double workingBytes(final long width, final long height) {
			return rows.workingBytes(width + 2.0 * padX - 2, width + 2.0 * padX);
		}

		@Override
		public int outputBlock() {
			return rows.outputBlock();
		}
	}

	private void computeRows(final RowReader<?>[] readers, final RowWriter<?>[] writers, final int outWidth,
		final RowChunks.Range range)
	{
		final int cin = readers.length;
		final int cout = writers.length;
		final boolean bank = groups == EVERY_CHANNEL;
		final int perGroupOut = bank ? outChannels : cout / groups;
		final int perGroupIn = bank ? 1 : inPerGroup;
		final int groupCount = bank ? cin : groups;
		final int taps = kh * kw;
		// a group's input lines, one per (input channel, kernel row, kernel column) in the order of the weights
		final int sources = perGroupIn * taps;
		final float[][] rows = new float[LINES_PER_PASS][readers[0].paddedWidth()];
		final float[][] shifted = new float[LINES_PER_PASS][outWidth];
		final float[][] src = new float[LINES_PER_PASS][];
		final float[][] lines = new float[cout][outWidth];
		for (long y = range.start; y < range.end; y++) {
			for (int o = 0; o < cout; o++)
				Arrays.fill(lines[o], bias == null ? 0f : bias[bank ? o % outChannels : o]);
			for (int g = 0; g < groupCount; g++)
				for (int first = 0; first < sources; first += LINES_PER_PASS) {
					final int count = Math.min(LINES_PER_PASS, sources - first);
					int rowRead = -1;
					float[] row = null;
					for (int t = 0; t < count; t++) {
						final int s = first + t;
						final int rowIndex = s / kw; // i * kh + j
						final int k = s % kw;
						if (rowIndex != rowRead) {
							row = rows[t];
							readers[g * perGroupIn + rowIndex / kh].read(y * stride - padY + (long) (rowIndex % kh) * dilation, row);
							rowRead = rowIndex;
						}
						if (stride == 1 && k == 0)
							src[t] = row;
						else {
							RowKernels.gather(row, k * dilation, stride, shifted[t], outWidth);
							src[t] = shifted[t];
						}
					}
					for (int n = 0; n < perGroupOut; n++) {
						final int o = g * perGroupOut + n;
						RowKernels.accumulateMany(lines[o], weights, (bank ? n : o) * sources + first, src, count, outWidth);
					}
				}
			for (int o = 0; o < cout; o++)
				writers[o].write(y, lines[o]);
		}
	}

	/**
	 * A convolution with one kernel, applied to every plane on its own (a bank of one kernel: C_out = C_in, each
	 * plane keeping its label), as ImageJ's Convolve is. Its own strategy: a ring of the input rows a window spans,
	 * each row's taps copied once and reused by every kernel row, the display range found while each row is
	 * written. Output pixel (x, y) is {@code bias + sum_{i,j} k[j][i] * in(x*S - Px + i*D, y*S - Py + j*D)}.
	 */
	public static final class PerPlane extends Conv2D implements PlaneLayer {

		private final Kernel kernel;
		private final float[] w;
		private final float bias;

		private PerPlane(final Builder<PerPlane> b, final ConvWeights parameters) {
			super(b, parameters);
			this.kernel = b.kernels.get(0);
			this.w = parameters.values();
			this.bias = parameters.biasValues()[0];
		}

		/** @return the kernel */
		public Kernel kernel() {
			return kernel;
		}

		/** @return the bias */
		public float bias() {
			return bias;
		}

		/** @return empty: its own row strategy writes its planes, and takes no activation */
		@Override
		public Optional<Layer> thenApplying(final Activation activation) {
			return Optional.empty();
		}

		/** @return {@code null}: every plane keeps its label */
		@Override
		public String channelName(final int inputChannels, final int channel) {
			return null;
		}

		/** @return the ring of padded input rows a window spans, their shifted tap copies, and one output line, in bytes */
		@Override
		public double workingBytes(final long width, final long height) {
			final double span = (kernelHeight() - 1.0) * dilation() + 1;
			final double outWidth = width + 2.0 * padX(); // at most, at stride 1
			final double taps = span * kernelWidth() * outWidth <= TAP_CACHE_FLOATS ? span : 1;
			return 4 * (span * (width + 2.0 * padX()) + taps * kernelWidth() * outWidth + outWidth);
		}

		@Override
		public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
			final List<? extends RandomAccessibleInterval<T>> outputs)
		{
			PlaneLayer.super.compute(inputs, outputs);
		}

		/**
		 * Convolves a 2D image into a 2D target of size {@link #outputSize}.
		 *
		 * @param source the input image (any min)
		 * @param target the output, written row by row (any min)
		 * @param <S> input pixel type
		 * @param <T> output pixel type
		 * @throws IllegalArgumentException when the target size does not match {@link #outputSize}
		 */
		@Override
		public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
			final RandomAccessibleInterval<T> target)
		{
			final long[] out = outputSize(source.dimension(0), source.dimension(1));
			OutputGeometry.checkTarget(target, out);
			final RandomAccessible<S> extended = border().extend(source);
			RowChunks.forEach(out[1], range -> computeRows(source, extended, target, (int) out[0], range, false));
		}

		/** As {@link #compute}, finding the output's range as each row is written. */
		@Override
		public <S extends RealType<S>, T extends RealType<T>> float[] computeWithRange(final RandomAccessibleInterval<S> source,
			final RandomAccessibleInterval<T> target)
		{
			final long[] out = outputSize(source.dimension(0), source.dimension(1));
			OutputGeometry.checkTarget(target, out);
			final RandomAccessible<S> extended = border().extend(source);
			return ValueRange.merge(RowChunks.map(out[1], range -> computeRows(source, extended, target, (int) out[0], range, true)));
		}

		/** Shifted copies of input rows kept per ring slot while they take at most this many floats per thread. */
		private static final long TAP_CACHE_FLOATS = 2L << 20;

		/** @return with {@code findRange}, {min, max} of the rows written (see {@link RowWriter#range()}), else {@code null} */
		private <S extends RealType<S>, T extends RealType<T>> float[] computeRows(final RandomAccessibleInterval<S> source,
			final RandomAccessible<S> extended, final RandomAccessibleInterval<T> target, final int outWidth,
			final RowChunks.Range range, final boolean findRange)
		{
			final int padX = padX();
			final int padY = padY();
			final int stride = stride();
			final int dilation = dilation();
			final RowReader<S> reader = new RowReader<>(source, extended, padX);
			final RowWriter<T> writer = new RowWriter<>(target, findRange);
			final int kw = kernelWidth();
			final int kh = kernelHeight();
			// a ring of the (kh-1)*D+1 input rows a window spans; slot = row mod span
			final int span = (kh - 1) * dilation + 1;
			final float[][] rows = new float[span][reader.paddedWidth()];
			final long[] rowInSlot = new long[span];
			Arrays.fill(rowInSlot, Long.MIN_VALUE);
			// each input row's kw taps as same-index lines (RowKernels.taps), made once per row and reused by
			// every kernel row while they fit TAP_CACHE_FLOATS; else remade for each use in one set of lines
			final int cached = (long) span * kw * outWidth <= TAP_CACHE_FLOATS ? span : 1;
			final float[][][] taps = new float[cached][kw][outWidth];
			final long[] tapsOfRow = new long[cached];
			Arrays.fill(tapsOfRow, Long.MIN_VALUE);
			final float[] line = new float[outWidth];
			for (long y = range.start; y < range.end; y++) {
				Arrays.fill(line, bias);
				for (int j = 0; j < kh; j++) {
					final long iy = y * stride - padY + (long) j * dilation;
					final int slot = (int) Math.floorMod(iy, (long) span);
					if (rowInSlot[slot] != iy) {
						reader.read(iy, rows[slot]);
						rowInSlot[slot] = iy;
					}
					final int c = cached == span ? slot : 0;
					if (tapsOfRow[c] != iy) {
						RowKernels.taps(rows[slot], kw, dilation, stride, taps[c], outWidth);
						tapsOfRow[c] = iy;
					}
					RowKernels.accumulate(line, w, j * kw, taps[c], kw, outWidth);
				}
				writer.write(y, line);
			}
			return writer.range();
		}
	}
}

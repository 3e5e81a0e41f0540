package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * An element-wise operation of two inputs (sum, difference, product, quotient, PReLU) with PyTorch's broadcasting over channels, height and
 * width: along each of the three, the sizes are equal, or one of them is 1 and that input repeats
 * ({@code a + b} of tensors [1, C, H, W] and [1, 1, H, W], or [1, C, 1, 1] — a per-channel scale).
 */
public final class ElementwiseMerge implements MergeLayer {

	/** What is done with each pair of values; each operation carries its function. */
	public enum Operation {

		/** {@code a + b} (PyTorch {@code torch.add}, a residual connection) */
		ADD("Add") {

			@Override
			public float apply(final float a, final float b) {
				return a + b;
			}
		},
		/** {@code a * b} (PyTorch {@code torch.mul}, an attention gate) */
		MULTIPLY("Multiply") {

			@Override
			public float apply(final float a, final float b) {
				return a * b;
			}
		},
		/** {@code a - b} (PyTorch {@code torch.sub}, ONNX {@code Sub}: subtracting a mean) */
		SUBTRACT("Subtract") {

			@Override
			public float apply(final float a, final float b) {
				return a - b;
			}
		},
		/** {@code a / b} (PyTorch {@code torch.div}, ONNX {@code Div}: a true division, not a product by 1/b) */
		DIVIDE("Divide") {

			@Override
			public float apply(final float a, final float b) {
				return a / b;
			}
		},
		/**
		 * {@code a} where {@code a > 0}, else {@code a * b}: the slope b of the second input applied to the negative
		 * values of the first (PyTorch {@code prelu}, ONNX {@code PRelu})
		 */
		PRELU("PReLU") {

			@Override
			public float apply(final float a, final float b) {
				return a > 0 ? a : a * b;
			}
		};

		private final String label;

		Operation(final String label) {
			this.label = label;
		}

		/**
		 * @param a the first input's value
		 * @param b the second input's value
		 * @return the output value, in 32-bit float arithmetic as PyTorch computes float tensors
		 */
		public abstract float apply(float a, float b);

		/** @return the name, e.g. "Add" */
		public String label() {
			return label;
		}
	}

	private final Operation operation;

	/** @param operation what is done with each pair of values */
	public ElementwiseMerge(final Operation operation) {
		this.operation = operation;
	}

	/** @return what is done with each pair of values */
	public Operation operation() {
		return operation;
	}

	@Override
	public int arity() {
		return 2;
	}

	@Override
	public int outputChannels(final int[] channels) {
		return (int) broadcast("channels", channels[0], channels[1]);
	}

	@Override
	public long[] outputSize(final long[][] sizes) {
		return new long[] { broadcast("width", sizes[0][0], sizes[1][0]), broadcast("height", sizes[0][1], sizes[1][1]) };
	}

	/** @return the broadcast size of one axis: both equal, or one of them 1 */
	private long broadcast(final String axis, final long a, final long b) {
		if (a == b || b == 1)
			return a;
		if (a == 1)
			return b;
		throw new IllegalArgumentException(operation.label() + " needs inputs whose " + axis + " are equal or 1 (PyTorch's " +
			"broadcasting), but they are " + a + " and " + b);
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(
		final List<? extends List<? extends RandomAccessibleInterval<S>>> inputs, final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		final List<? extends RandomAccessibleInterval<S>> a = inputs.get(0);
		final List<? extends RandomAccessibleInterval<S>> b = inputs.get(1);
		final int channels = outputChannels(new int[] { a.size(), b.size() });
		final long[] size = outputSize(new long[][] { { a.get(0).dimension(0), a.get(0).dimension(1) },
			{ b.get(0).dimension(0), b.get(0).dimension(1) } });
		if (outputs.size() != channels)
			throw new IllegalArgumentException(operation.label() + " makes " + channels + " channels, but was given " + outputs.size() +
				" output planes");
		final int width = (int) size[0];
		final float[] la = new float[width], lb = new float[width], line = new float[width];
		for (int c = 0; c < channels; c++) {
			final RandomAccessibleInterval<S> pa = a.get(a.size() == 1 ? 0 : c);
			final RandomAccessibleInterval<S> pb = b.get(b.size() == 1 ? 0 : c);
			OutputGeometry.checkTarget(outputs.get(c), size);
			final RowReader<S> ra = new RowReader<>(pa, null, 0);
			final RowReader<S> rb = new RowReader<>(pb, null, 0);
			final RowWriter<T> writer = new RowWriter<>(outputs.get(c), false);
			for (long y = 0; y < size[1]; y++) {
				ra.read(pa.dimension(1) == 1 ? 0 : y, la);
				rb.read(pb.dimension(1) == 1 ? 0 : y, lb);
				spread(la, pa.dimension(0), width);
				spread(lb, pb.dimension(0), width);
				for (int x = 0; x < width; x++)
					line[x] = operation.apply(la[x], lb[x]);
				writer.write(y, line);
			}
		}
	}

	/** Repeats a row of one value over the width (broadcasting along x); a full row stays as it is. */
	private static void spread(final float[] row, final long rowWidth, final int width) {
		if (rowWidth == 1)
			java.util.Arrays.fill(row, 1, width, row[0]);
	}

	@Override
	public String name() {
		return operation.label();
	}
}

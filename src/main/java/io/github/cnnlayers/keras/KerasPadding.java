package io.github.cnnlayers.keras;

/**
 * Keras's {@code padding} of convolutions and pooling: {@code valid} (none) or {@code same} (TensorFlow's rule:
 * an output of ceil(n / stride), the total padding split with the odd pixel after, so a stride-2 layer or an even
 * kernel may pad one more pixel at the bottom and right than at the top and left).
 */
enum KerasPadding {

	/** No padding. */
	VALID("valid") {
		@Override
		int[] beforeAfter(long n, int k, int s, int d) {
			return new int[] { 0, 0 };
		}

		@Override
		int[] transposedBeforeAfter(int k, int s, int d, Integer outputPadding) {
			int e = (k - 1) * d + 1;
			int op = outputPadding == null ? Math.max(e, s) - e : outputPadding;
			return new int[] { e - 1, e - 1 + op };
		}
	},
	/** TensorFlow's 'same'. */
	SAME("same") {
		@Override
		int[] beforeAfter(long n, int k, int s, int d) {
			long out = (n + s - 1) / s;
			long total = Math.max((out - 1) * s + (long) (k - 1) * d + 1 - n, 0);
			return new int[] { (int) (total / 2), (int) (total - total / 2) };
		}

		@Override
		int[] transposedBeforeAfter(int k, int s, int d, Integer outputPadding) {
			int e = (k - 1) * d + 1;
			int total = outputPadding == null ? s + e - 2 : e + e % 2 - 2 + outputPadding;
			int before = Math.min(total / 2 + total % 2, e - 1);
			return new int[] { before, total - before };
		}
	};

	private final String label;

	KerasPadding(String label) {
		this.label = label;
	}

	/** The padding a layer's config names, {@code valid} by default. */
	static KerasPadding of(LayerConfig config) {
		String v = config.choice("padding", "valid", "valid", "same");
		for (KerasPadding p : values())
			if (p.label.equals(v)) return p;
		throw new AssertionError(v);
	}

	/**
	 * The pixels added before and after an axis.
	 *
	 * @param n the axis's input length
	 * @param k the kernel or window size along it
	 * @param s the stride
	 * @param d the dilation
	 */
	abstract int[] beforeAfter(long n, int k, int s, int d);

	/**
	 * The padding of a transposed convolution seen as a convolution of the stride-dilated input: the pixels added
	 * before and after an axis, as Keras 3 computes them for every backend (its JAX form), so that 'same' gives
	 * n * stride pixels and 'valid' (n - 1) * stride + max(kernel, stride), each plus output_padding when given.
	 *
	 * @param k the kernel size along the axis
	 * @param s the stride
	 * @param d the dilation
	 * @param outputPadding the config's output_padding for the axis, or null
	 */
	abstract int[] transposedBeforeAfter(int k, int s, int d, Integer outputPadding);

	@Override
	public String toString() {
		return label;
	}
}

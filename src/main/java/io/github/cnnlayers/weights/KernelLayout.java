package io.github.cnnlayers.weights;

/**
 * How a file lays out a convolution kernel, and how it becomes PyTorch's {@code [C_out, C_in/groups, kh, kw]}.
 */
enum KernelLayout {

	/** PyTorch's own {@code [C_out, C_in/groups, kh, kw]}, or a single {@code [kh, kw]} kernel; groups are the caller's. */
	PYTORCH(null, "") {
		@Override
		int[] pytorchShape(Tensor k, String where) {
			if (k.rank() == 4) return new int[] { k.dim(0), k.dim(1), k.dim(2), k.dim(3) };
			if (k.rank() == 2) return new int[] { 1, 1, k.dim(0), k.dim(1) };
			throw new IllegalArgumentException("Convolution weights must be 2-D [kh, kw] or 4-D " +
				"[C_out, C_in/groups, kh, kw], but " + where + " is " + k.rank() + "-D " + k.shapeText());
		}

		@Override
		float[] toPyTorch(Tensor k) {
			return k.values();
		}

		@Override
		int groups(Tensor k, int declared) {
			return 0;
		}
	},

	/** A Keras Conv2D kernel {@code [kh, kw, C_in/groups, C_out]}; groups as the layer's config says, if known. */
	KERAS("Conv2D", " (Keras, transposed)") {
		@Override
		int[] pytorchShape(Tensor k, String where) {
			requireRank4(k, where, "a Keras Conv2D kernel is 4-D [kh, kw, C_in/groups, C_out]");
			return new int[] { k.dim(3), k.dim(2), k.dim(0), k.dim(1) };
		}

		@Override
		float[] toPyTorch(Tensor k) {
			int kh = k.dim(0), kw = k.dim(1), ci = k.dim(2), co = k.dim(3);
			float[] src = k.values();
			float[] w = new float[src.length];
			for (int y = 0; y < kh; y++)
				for (int x = 0; x < kw; x++)
					for (int i = 0; i < ci; i++)
						for (int o = 0; o < co; o++)
							w[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o];
			return w;
		}

		@Override
		int groups(Tensor k, int declared) {
			return declared;
		}
	},

	/**
	 * A Keras DepthwiseConv2D kernel {@code [kh, kw, C_in, M]} (M the depth multiplier): PyTorch's
	 * {@code [C_in * M, 1, kh, kw]} with groups = C_in, output channel {@code c * M + m} being input channel c
	 * convolved with kernel m, as Keras and TensorFlow number them.
	 */
	KERAS_DEPTHWISE("DepthwiseConv2D", " (Keras DepthwiseConv2D, groups = C_in)") {
		@Override
		int[] pytorchShape(Tensor k, String where) {
			requireRank4(k, where, "a Keras DepthwiseConv2D kernel is 4-D [kh, kw, C_in, depth_multiplier]");
			return new int[] { k.dim(2) * k.dim(3), 1, k.dim(0), k.dim(1) };
		}

		@Override
		float[] toPyTorch(Tensor k) {
			int kh = k.dim(0), kw = k.dim(1), ci = k.dim(2), m = k.dim(3);
			float[] src = k.values();
			float[] w = new float[src.length];
			for (int y = 0; y < kh; y++)
				for (int x = 0; x < kw; x++)
					for (int c = 0; c < ci; c++)
						for (int j = 0; j < m; j++)
							w[((c * m + j) * kh + y) * kw + x] = src[((y * kw + x) * ci + c) * m + j];
			return w;
		}

		@Override
		int groups(Tensor k, int declared) {
			return k.dim(2);
		}
	};

	/** The Keras layer class whose kernel has this layout, or null. */
	private final String kerasClass;
	private final String note;

	KernelLayout(String kerasClass, String note) {
		this.kerasClass = kerasClass;
		this.note = note;
	}

	/** The layout of the kernel of a Keras layer class ({@code class_name} of a config), or null if none is read. */
	static KernelLayout ofKerasClass(String className) {
		for (KernelLayout l : values())
			if (className.equals(l.kerasClass)) return l;
		return null;
	}

	/** The Keras layer classes whose kernels are read, as text: {@code Conv2D and DepthwiseConv2D}. */
	static String kerasClasses() {
		StringBuilder sb = new StringBuilder();
		for (KernelLayout l : values())
			if (l.kerasClass != null) sb.append(sb.length() == 0 ? "" : " and ").append(l.kerasClass);
		return sb.toString();
	}

	/**
	 * Whether a Keras 3 weight group's name is one Keras gives a DepthwiseConv2D or SeparableConv2D
	 * ({@code depthwise_conv2d}, {@code separable_conv2d_1}, ...): such a kernel cannot be told from a Conv2D's
	 * without the model's config.
	 */
	static boolean kerasNameSuggestsDepthwise(String groupName) {
		String n = groupName.toLowerCase(java.util.Locale.ROOT);
		return n.contains("depthwise") || n.contains("separable");
	}

	/** What a weight source description adds for this layout, e.g. {@code " (Keras, transposed)"}. */
	String note() {
		return note;
	}

	/**
	 * The kernel's PyTorch shape {@code [C_out, C_in/groups, kh, kw]}.
	 *
	 * @param where the kernel's name for messages
	 * @throws IllegalArgumentException if the kernel has the wrong number of axes for this layout
	 */
	abstract int[] pytorchShape(Tensor k, String where);

	/** The kernel's values in PyTorch's order (the tensor's own array when no transposition is needed). */
	abstract float[] toPyTorch(Tensor k);

	/**
	 * The groups the kernel must run with, or 0 when the file leaves them to the caller.
	 *
	 * @param declared the groups the file's layer config declares, or 0 when it does not say
	 */
	abstract int groups(Tensor k, int declared);

	private static void requireRank4(Tensor k, String where, String rule) {
		if (k.rank() != 4)
			throw new IllegalArgumentException(where + " is a " + k.rank() + "-D kernel " + k.shapeText() + "; " + rule);
	}
}

package io.github.cnnlayers.core;

/**
 * What {@link Pad} puts in the pixels it adds: PyTorch's {@code F.pad} modes, each carrying its index
 * mapping. For an axis of n pixels, {@link #source} maps a position i outside [0, n) to the pixel it
 * copies, or to {@link #FILL} for the fill value. Labels are the macro values of the {@code mode} key
 * and match in any case.
 */
public enum PadMode {

	/** Added pixels are 0 ({@code F.pad} mode {@code 'constant'} with value 0). */
	ZERO("zero") {

		@Override
		public long source(final long i, final long n) {
			return i >= 0 && i < n ? i : FILL;
		}
	},
	/** Added pixels hold a given value ({@code F.pad} mode {@code 'constant'}). */
	CONSTANT("constant") {

		@Override
		public long source(final long i, final long n) {
			return i >= 0 && i < n ? i : FILL;
		}

		@Override
		public boolean takesValue() {
			return true;
		}
	},
	/** Mirror without repeating the edge pixel: {@code d c b | a b c d | c b a} ({@code 'reflect'}); padding &lt; size. */
	REFLECT("reflect") {

		@Override
		public long source(final long i, final long n) {
			return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
		}

		@Override
		long maxPadding(final long n) {
			return n - 1;
		}
	},
	/** The nearest edge pixel repeated: {@code a a | a b c d | d d} ({@code 'replicate'}). */
	REPLICATE("replicate") {

		@Override
		public long source(final long i, final long n) {
			return Math.max(0, Math.min(n - 1, i));
		}
	},
	/** The image wraps around: {@code c d | a b c d | a b} ({@code 'circular'}); padding &lt;= size. */
	CIRCULAR("circular") {

		@Override
		public long source(final long i, final long n) {
			return Math.floorMod(i, n);
		}

		@Override
		long maxPadding(final long n) {
			return n;
		}
	};

	/** What {@link #source} returns for a pixel that takes the fill value. */
	public static final long FILL = -1;

	private final String label;

	PadMode(final String label) {
		this.label = label;
	}

	/**
	 * @param i a position along an axis, inside [0, n) or within the allowed padding of it
	 * @param n the axis's size, &gt;= 1
	 * @return the position in [0, n) whose pixel position i holds, or {@link #FILL}
	 */
	public abstract long source(long i, long n);

	/**
	 * @return whether the mode fills with a given value; the others refuse a value other than 0, as PyTorch's
	 *         {@code F.pad} refuses a value for its other modes
	 */
	public boolean takesValue() {
		return false;
	}

	/**
	 * @param n an axis's size
	 * @return the largest padding on one side this mode allows for it (PyTorch: reflect &lt; n, circular &lt;= n)
	 */
	long maxPadding(final long n) {
		return Long.MAX_VALUE;
	}

	/**
	 * @param n the size of an axis (after cropping, for negative paddings)
	 * @param before padding before position 0 (left or top), &gt;= 0
	 * @param after padding after the last position, &gt;= 0
	 * @param names the axis's sides and name, e.g. {"left", "right", "width"}
	 * @throws IllegalArgumentException when a padding exceeds what this mode allows, naming the rule
	 */
	public void checkPadding(final long n, final long before, final long after, final String[] names) {
		final long max = maxPadding(n);
		for (int side = 0; side < 2; side++) {
			final long p = side == 0 ? before : after;
			if (p > max)
				throw new IllegalArgumentException("Pad mode " + label + " needs padding " + (this == REFLECT ? "<" : "<=") +
					" the image " + names[2] + ": " + names[side] + " " + p + " with " + names[2] + " " + n + "; allowed: 0 to " + max +
					", or another mode");
		}
	}

	/** @return the label shown in the dialog and used as macro value */
	public String label() {
		return label;
	}

	/**
	 * @param label a label in any case
	 * @return the mode
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static PadMode fromLabel(final String label) {
		return Labels.find(values(), PadMode::label, label, "pad mode");
	}

	@Override
	public String toString() {
		return label;
	}
}

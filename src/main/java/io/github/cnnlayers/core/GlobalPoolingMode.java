package io.github.cnnlayers.core;

/**
 * How global pooling reduces a whole plane to one value (and {@link ChannelReduction} the channels of a pixel),
 * each mode carrying its reduction: a running value in double that starts at {@link #start()}, takes a row with
 * {@link #fold}, merges with another part's (or one more value) with {@link #merge} and gives the reduced value
 * with {@link #finish}.
 */
public enum GlobalPoolingMode {

	/** The mean of the plane (PyTorch {@code adaptive_avg_pool2d(x, 1)}): summed in double; NaN, or +inf with -inf, give NaN. */
	AVERAGE("average") {

		@Override
		public double start() {
			return 0;
		}

		@Override
		public double fold(final double acc, final float[] row, final int n) {
			double s = acc;
			for (int i = 0; i < n; i++)
				s += row[i];
			return s;
		}

		@Override
		public double merge(final double a, final double b) {
			return a + b;
		}

		@Override
		public double finish(final double acc, final long count) {
			return acc / count;
		}

		@Override
		public boolean keepsType() {
			return false;
		}
	},
	/** The sum of the plane (ONNX {@code ReduceSum} over the spatial axes): summed in double; NaN, or +inf with -inf, give NaN. */
	SUM("sum") {

		@Override
		public double start() {
			return 0;
		}

		@Override
		public double fold(final double acc, final float[] row, final int n) {
			return AVERAGE.fold(acc, row, n);
		}

		@Override
		public double merge(final double a, final double b) {
			return a + b;
		}

		@Override
		public double finish(final double acc, final long count) {
			return acc;
		}

		@Override
		public boolean keepsType() {
			return false;
		}
	},
	/** The largest value of the plane (PyTorch {@code adaptive_max_pool2d(x, 1)}); NaN wins, as in PyTorch. */
	MAX("max") {

		@Override
		public double start() {
			return Double.NEGATIVE_INFINITY;
		}

		@Override
		public double fold(final double acc, final float[] row, final int n) {
			float m = (float) acc;
			for (int i = 0; i < n; i++)
				m = Math.max(m, row[i]);
			return m;
		}

		@Override
		public double merge(final double a, final double b) {
			return Math.max(a, b);
		}

		@Override
		public double finish(final double acc, final long count) {
			return acc;
		}

		@Override
		public boolean keepsType() {
			return true;
		}
	};

	private final String label;

	GlobalPoolingMode(final String label) {
		this.label = label;
	}

	/** @return the value the reduction starts from */
	public abstract double start();

	/**
	 * @param acc the running value
	 * @param row values
	 * @param n how many of them to take
	 * @return the running value with {@code row[0 .. n)} folded in
	 */
	public abstract double fold(double acc, float[] row, int n);

	/**
	 * @param a the running value of one part of the plane
	 * @param b that of another part
	 * @return the running value of both parts
	 */
	public abstract double merge(double a, double b);

	/**
	 * @param acc the running value of the whole plane
	 * @param count the number of values folded in
	 * @return the pooled value
	 */
	public abstract double finish(double acc, long count);

	/** @return whether the pooled value is one of the input values, so any pixel type holds it */
	public abstract boolean keepsType();

	/** @return the label: "average", "sum" or "max" */
	public String label() {
		return label;
	}

	/**
	 * @param label a label in any case
	 * @return the mode
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static GlobalPoolingMode fromLabel(final String label) {
		return Labels.find(values(), GlobalPoolingMode::label, label, "global pooling mode");
	}

	@Override
	public String toString() {
		return label;
	}
}

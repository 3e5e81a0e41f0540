package io.github.cnnlayers.core;

/**
 * How nearest-neighbour resampling turns an input coordinate into a pixel index: ONNX Resize's
 * {@code nearest_mode}s, each carrying its rounding. PyTorch's nearest is {@link #FLOOR}.
 */
public enum NearestRounding {

	/** Round to nearest, halves down (ONNX's default): 2.5 to 2. */
	ROUND_PREFER_FLOOR("round_prefer_floor") {

		@Override
		public long round(final double c) {
			final double f = Math.floor(c);
			return (long) (c - f == 0.5 ? f : Math.floor(c + 0.5));
		}
	},
	/** Round to nearest, halves up: 2.5 to 3. */
	ROUND_PREFER_CEIL("round_prefer_ceil") {

		@Override
		public long round(final double c) {
			return (long) Math.floor(c + 0.5);
		}
	},
	/** Round down (PyTorch's nearest). */
	FLOOR("floor") {

		@Override
		public long round(final double c) {
			return (long) Math.floor(c);
		}
	},
	/** Round up. */
	CEIL("ceil") {

		@Override
		public long round(final double c) {
			return (long) Math.ceil(c);
		}
	};

	private final String label;

	NearestRounding(final String label) {
		this.label = label;
	}

	/**
	 * @param c an input coordinate (finite)
	 * @return the index it rounds to, before clamping to the image
	 */
	public abstract long round(double c);

	/** @return the ONNX attribute value, also the macro label */
	public String label() {
		return label;
	}

	/**
	 * @param label a label in any case
	 * @return the rounding
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static NearestRounding fromLabel(final String label) {
		return Labels.find(values(), NearestRounding::label, label, "nearest mode");
	}

	@Override
	public String toString() {
		return label;
	}
}

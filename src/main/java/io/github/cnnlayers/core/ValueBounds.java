package io.github.cnnlayers.core;

/**
 * The set of values a function can produce, as an interval with open or closed ends (an activation's
 * range, e.g. sigmoid's (0, 1) or GELU's [-0.17, inf)): what decides whether an integer image can hold
 * its results, and what a refusal message shows. NaN inputs (which give NaN) are not counted.
 */
public final class ValueBounds {

	/** All real numbers, (-inf, inf). */
	public static final ValueBounds ALL = new ValueBounds(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
	/** The non-negative numbers, [0, inf) (ReLU). */
	public static final ValueBounds NON_NEGATIVE = new ValueBounds(0, true, Double.POSITIVE_INFINITY, false);

	private final double min;
	private final boolean minIncluded;
	private final double max;
	private final boolean maxIncluded;

	/**
	 * @param min the lower end (may be -inf)
	 * @param minIncluded whether the function reaches it
	 * @param max the upper end (may be inf), &gt;= min
	 * @param maxIncluded whether the function reaches it
	 * @throws IllegalArgumentException when an end is NaN or max &lt; min
	 */
	public ValueBounds(final double min, final boolean minIncluded, final double max, final boolean maxIncluded) {
		if (Double.isNaN(min) || Double.isNaN(max) || max < min)
			throw new IllegalArgumentException("Value bounds [" + min + ", " + max + "] are not an interval; allowed: min <= max, not NaN");
		this.min = min;
		this.minIncluded = minIncluded && !Double.isInfinite(min);
		this.max = max;
		this.maxIncluded = maxIncluded && !Double.isInfinite(max);
	}

	/** @return the lower end (-inf when unbounded below) */
	public double min() {
		return min;
	}

	/** @return whether the lower end is a value the function takes */
	public boolean minIncluded() {
		return minIncluded;
	}

	/** @return the upper end (inf when unbounded above) */
	public double max() {
		return max;
	}

	/** @return whether the upper end is a value the function takes */
	public boolean maxIncluded() {
		return maxIncluded;
	}

	/**
	 * @param low the smallest value a pixel type holds
	 * @param high the largest
	 * @return whether every value in these bounds lies in [low, high]
	 */
	public boolean within(final double low, final double high) {
		return min >= low && max <= high;
	}

	/** @return the interval in mathematical notation, e.g. {@code (-1, 1)}, {@code [0, inf)}, {@code [-0.17, inf)} */
	@Override
	public String toString() {
		return (minIncluded ? "[" : "(") + text(min) + ", " + text(max) + (maxIncluded ? "]" : ")");
	}

	/** Whole numbers without ".0"; others with at most 4 significant digits, as a message shows them. */
	private static String text(final double v) {
		if (Double.isInfinite(v))
			return v > 0 ? "inf" : "-inf";
		if (v == Math.rint(v) && Math.abs(v) < 1e15)
			return Long.toString((long) v);
		return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
	}
}

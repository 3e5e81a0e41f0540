package io.github.cnnlayers.core;

/** The rule that a parameter must be a number a 32-bit float can hold, with its message written once. */
public final class FloatRange {

	private FloatRange() {}

	/**
	 * @param what the parameter's name, capitalized, e.g. "Bias"
	 * @param value its value
	 * @throws IllegalArgumentException when the value is NaN, infinite, or beyond the range of 32-bit
	 *         floats (so that it would become infinite in the computation)
	 */
	public static void check(final String what, final double value) {
		if (Double.isNaN(value) || Double.isInfinite(value))
			throw new IllegalArgumentException(what + " " + value + " is not allowed; allowed: finite numbers");
		if (Float.isInfinite((float) value))
			throw new IllegalArgumentException(what + " " + value + " is outside the range of 32-bit floats; allowed: finite numbers between -" +
				Float.MAX_VALUE + " and " + Float.MAX_VALUE);
	}
}

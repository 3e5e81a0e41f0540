package io.github.cnnlayers.core;

/** How numbers are written in options, messages and captions: whole numbers without a decimal point. */
public final class NumberText {

	private NumberText() {}

	/**
	 * @param v a number
	 * @return {@code "2"} for 2.0, {@code "0.1"} for 0.1, {@code "NaN"}, {@code "Infinity"}
	 */
	public static String of(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/**
	 * @param v a 32-bit number
	 * @return as {@link #of(double)}, with the shortest text that reads back as the same float ({@code "0.1"})
	 */
	public static String of(final float v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v);
	}
}

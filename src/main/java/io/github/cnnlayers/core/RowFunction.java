package io.github.cnnlayers.core;

/**
 * A function of each value alone, applied to a float row in place as a layer writes it ({@link RowWriter}): the
 * {@link Activation} a network applies right after a convolution, while the row is in cache.
 */
interface RowFunction {

	/** Leaves every value as it is. */
	RowFunction NONE = (row, from, to) -> {};

	/** Replaces {@code row[i]} by its value under this function for {@code from <= i < to}. */
	void apply(float[] row, int from, int to);

	/**
	 * @param next a function applied to this one's results
	 * @return this function, then {@code next}
	 */
	default RowFunction andThen(final RowFunction next) {
		return (row, from, to) -> {
			apply(row, from, to);
			next.apply(row, from, to);
		};
	}
}

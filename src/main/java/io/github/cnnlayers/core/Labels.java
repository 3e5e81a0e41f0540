package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Case-insensitive lookup of enum constants by their display label. */
final class Labels {

	private Labels() {}

	/**
	 * @param values the constants
	 * @param labelOf how to get a constant's label
	 * @param label the label looked for, in any case
	 * @param what the parameter name, for the error message
	 * @param <E> the enum type
	 * @return the constant whose label matches
	 * @throws IllegalArgumentException naming the value and the allowed ones when none matches
	 */
	static <E> E find(final E[] values, final Function<E, String> labelOf, final String label, final String what) {
		final String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
		for (final E e : values)
			if (labelOf.apply(e).toLowerCase(Locale.ROOT).equals(wanted))
				return e;
		throw new IllegalArgumentException("Unknown " + what + " \"" + label + "\"; allowed: " +
			Arrays.stream(values).map(labelOf).collect(Collectors.joining(", ")));
	}
}

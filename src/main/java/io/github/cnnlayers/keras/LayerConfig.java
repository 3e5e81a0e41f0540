package io.github.cnnlayers.keras;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code config} of one Keras layer, read value by value: each reader takes the key, its Keras default, and
 * says in its message which layer, which key, what it found and what is allowed.
 */
final class LayerConfig {

	private final Map<?, ?> values;
	/** The layer, for messages: {@code Conv2D 'conv2d'}. */
	private final String where;

	LayerConfig(Map<?, ?> values, String where) {
		this.values = values;
		this.where = where;
	}

	/** The layer as messages name it: its class and name. */
	String where() {
		return where;
	}

	/** Whether the key is present with a value other than null. */
	boolean has(String key) {
		return values.get(key) != null;
	}

	/** The raw JSON value of a key, or null. */
	Object raw(String key) {
		return values.get(key);
	}

	/** A text value, or {@code fallback} when absent or null. */
	String string(String key, String fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		if (!(v instanceof String)) throw bad(key, v, "a text");
		return (String) v;
	}

	/**
	 * A text value that must be one of {@code allowed} (compared in lower case, as Keras does).
	 *
	 * @return the allowed value it matches
	 */
	String choice(String key, String fallback, String... allowed) {
		String v = string(key, fallback).toLowerCase(Locale.ROOT);
		for (String a : allowed)
			if (a.equals(v)) return a;
		throw new IllegalArgumentException(where + ": " + key + " '" + v + "' is not supported; supported: " +
			String.join(", ", allowed));
	}

	/** A whole number, or {@code fallback} when absent or null. */
	int integer(String key, int fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		return toInt(key, v);
	}

	/** A number, or {@code fallback} when absent or null. */
	double number(String key, double fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) throw bad(key, v, "a finite number");
		return ((Number) v).doubleValue();
	}

	/** A true/false value, or {@code fallback} when absent or null. */
	boolean bool(String key, boolean fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		if (!(v instanceof Boolean)) throw bad(key, v, "true or false");
		return (Boolean) v;
	}

	/**
	 * A per-axis value of a 3D layer: one whole number for all three axes, or three (depth, height, width).
	 *
	 * @return the values (z, y, x), or {@code fallback} when the key is absent
	 * @throws IllegalArgumentException for another value, naming the key and the allowed forms
	 */
	int[] triple(String key, int[] fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		if (v instanceof List) {
			List<?> l = (List<?>) v;
			if (l.size() != 3) throw bad(key, v, "one whole number or three (depth, height, width)");
			return new int[] { toInt(key, l.get(0)), toInt(key, l.get(1)), toInt(key, l.get(2)) };
		}
		int n = toInt(key, v);
		return new int[] { n, n, n };
	}

	/**
	 * A size per spatial axis, {height, width}: one whole number for both, or a list of two.
	 *
	 * @param fallback the value when absent or null; may itself be null
	 */
	int[] pair(String key, int[] fallback) {
		Object v = values.get(key);
		if (v == null) return fallback;
		if (v instanceof List) {
			List<?> l = (List<?>) v;
			if (l.size() != 2) throw bad(key, v, "one whole number or two (height, width)");
			return new int[] { toInt(key, l.get(0)), toInt(key, l.get(1)) };
		}
		int n = toInt(key, v);
		return new int[] { n, n };
	}

	/**
	 * Amounts before and after each spatial axis, {top, bottom, left, right}, as ZeroPadding2D and Cropping2D take
	 * them: one number for all four, two (height, width) each on both sides, or ((top, bottom), (left, right)).
	 */
	int[] sides(String key, int fallback) {
		Object v = values.get(key);
		if (v == null) return new int[] { fallback, fallback, fallback, fallback };
		String rule = "one whole number, two (height, width) or ((top, bottom), (left, right))";
		if (!(v instanceof List)) {
			int n = toInt(key, v);
			return new int[] { n, n, n, n };
		}
		List<?> l = (List<?>) v;
		if (l.size() != 2) throw bad(key, v, rule);
		int[] out = new int[4];
		for (int axis = 0; axis < 2; axis++) {
			Object a = l.get(axis);
			if (a instanceof List) {
				List<?> p = (List<?>) a;
				if (p.size() != 2) throw bad(key, v, rule);
				out[2 * axis] = toInt(key, p.get(0));
				out[2 * axis + 1] = toInt(key, p.get(1));
			}
			else out[2 * axis] = out[2 * axis + 1] = toInt(key, a);
		}
		for (int n : out)
			if (n < 0) throw bad(key, v, rule + " of numbers >= 0");
		return out;
	}

	private int toInt(String key, Object v) {
		if (v instanceof Long && (Long) v >= Integer.MIN_VALUE && (Long) v <= Integer.MAX_VALUE) return (int) (long) (Long) v;
		if (v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) <= Integer.MAX_VALUE)
			return (int) (double) (Double) v;
		throw bad(key, v, "a whole number");
	}

	IllegalArgumentException bad(String key, Object value, String allowed) {
		return new IllegalArgumentException(where + ": " + key + " " + text(value) + " is not supported; allowed: " + allowed);
	}

	/** A JSON value as text for messages. */
	static String text(Object value) {
		if (value instanceof String) return "'" + value + "'";
		return String.valueOf(value);
	}
}

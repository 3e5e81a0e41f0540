package io.github.cnnlayers.scijava;

import io.github.cnnlayers.ij.MacroOptions;

/**
 * Builds a macro options string ({@code "kernel=[...] stride=2 stack"}) from typed command
 * parameters, for the plugins' {@code process(image, options)}. Values are bracketed with
 * {@link MacroOptions#quote}; a {@code null} text leaves the key out, so the plugin's default applies.
 */
final class OptionsString {

	private final String command;
	private final StringBuilder sb = new StringBuilder();

	/** @param command the command name, for messages */
	OptionsString(final String command) {
		this.command = command;
	}

	/**
	 * Adds {@code key=value}, bracketed when needed; nothing when {@code value} is {@code null}.
	 *
	 * @throws IllegalArgumentException when the value holds ']', which the options string cannot carry
	 */
	OptionsString text(final String key, final String value) {
		if (value == null)
			return this;
		if (value.indexOf(']') >= 0)
			throw new IllegalArgumentException(command + ": " + key + "=" + value + " is not allowed: a value cannot " +
				"contain ']'" + ("kernel".equals(key) ? "; give rows of numbers separated by spaces or commas, " +
					"one row per line, e.g. \"0 -1 0\\n-1 5 -1\\n0 -1 0\"" : ""));
		return append(key + "=" + MacroOptions.quote(value));
	}

	/** Adds {@code key=value}. */
	OptionsString number(final String key, final int value) {
		return append(key + "=" + value);
	}

	/** Adds {@code key=value}; NaN and infinities are written as such, for the plugin to reject. */
	OptionsString number(final String key, final double value) {
		return append(key + "=" + value);
	}

	/** Adds the flag {@code key} when {@code on}. */
	OptionsString flag(final String key, final boolean on) {
		return on ? append(key) : this;
	}

	private OptionsString append(final String s) {
		if (sb.length() > 0)
			sb.append(' ');
		sb.append(s);
		return this;
	}

	@Override
	public String toString() {
		return sb.toString();
	}
}

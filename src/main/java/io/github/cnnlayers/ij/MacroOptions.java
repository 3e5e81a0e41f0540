package io.github.cnnlayers.ij;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options string of an ImageJ macro call, such as
 * {@code "kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] stride=2 normalize stack"}, parsed once into keys with
 * values and flags (keys without a value). Keys are matched in lower case; values with spaces or line
 * breaks go in {@code [...]}. Unknown keys are errors, so a typo never silently falls back to a default.
 * <p>
 * Every command reads its macro options, and the headless pipeline its steps, through this one class.
 */
public final class MacroOptions {

	private final String command;
	private final Map<String, String> values = new LinkedHashMap<>();

	private MacroOptions(final String command) {
		this.command = command;
	}

	/**
	 * @param command the command name, for messages ("Conv2D")
	 * @param options the options string; {@code null} means no options
	 * @param allowedKeys the keys this command knows
	 * @return the parsed options
	 * @throws IllegalArgumentException for an unknown key (listing the allowed ones) or an unclosed {@code [}
	 */
	public static MacroOptions parse(final String command, final String options, final Collection<String> allowedKeys) {
		final MacroOptions o = new MacroOptions(command);
		final String s = options == null ? "" : options;
		int i = 0;
		final int n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i)))
				i++;
			if (i >= n)
				break;
			int k = i;
			while (k < n && !Character.isWhitespace(s.charAt(k)) && s.charAt(k) != '=')
				k++;
			final String key = s.substring(i, k).toLowerCase(Locale.ROOT);
			String value = null;
			i = k;
			if (i < n && s.charAt(i) == '=') {
				i++;
				if (i < n && s.charAt(i) == '[') {
					final int close = s.indexOf(']', i + 1);
					if (close < 0)
						throw new IllegalArgumentException(command + ": the value of \"" + key + "\" opens '[' but never closes it with ']'");
					value = s.substring(i + 1, close);
					i = close + 1;
				}
				else {
					int e = i;
					while (e < n && !Character.isWhitespace(s.charAt(e)))
						e++;
					value = s.substring(i, e);
					i = e;
				}
			}
			if (!allowedKeys.contains(key))
				throw new IllegalArgumentException(command + ": unknown option \"" + key + "\"; allowed: " + String.join(", ", allowedKeys));
			if (o.values.containsKey(key))
				throw new IllegalArgumentException(command + ": option \"" + key + "\" is given twice; give each option once");
			o.values.put(key, value);
		}
		return o;
	}

	/**
	 * Parses the options of a layer command: its own keys plus {@code stack} (every plane) and
	 * {@code slice} (only the current plane, also for a composite shown in composite mode).
	 *
	 * @param command the command name, for messages
	 * @param options the options string; {@code null} means no options
	 * @param commandKeys the command's own keys
	 * @return the parsed options
	 * @throws IllegalArgumentException for an unknown key or an unclosed {@code [}
	 */
	public static MacroOptions parseLayer(final String command, final String options, final Collection<String> commandKeys) {
		final Set<String> allowed = new LinkedHashSet<>(commandKeys);
		allowed.add("stack");
		allowed.add("slice");
		final MacroOptions o = parse(command, options, allowed);
		if (o.flag("stack") && o.flag("slice"))
			throw new IllegalArgumentException(command + ": \"stack\" (every plane) and \"slice\" (the current plane) " +
				"contradict each other; give one of them");
		return o;
	}

	/** @return the keys in the order given, with a value or not */
	public Set<String> keys() {
		return new LinkedHashSet<>(values.keySet());
	}

	/** @return whether the key was given, with or without a value */
	public boolean has(final String key) {
		return values.containsKey(key);
	}

	/**
	 * A flag is on when given alone ({@code stack}) or as {@code key=true}, off when absent or given as
	 * {@code key=false} (ImageJ's own dialogs also read {@code key=false} as off).
	 *
	 * @return whether the flag {@code key} is on
	 * @throws IllegalArgumentException for any other value, naming the allowed forms
	 */
	public boolean flag(final String key) {
		if (!values.containsKey(key))
			return false;
		final String v = values.get(key);
		if (v == null || v.trim().equalsIgnoreCase("true"))
			return true;
		if (v.trim().equalsIgnoreCase("false"))
			return false;
		throw new IllegalArgumentException(command + ": " + key + "=" + v + " is not allowed; \"" + key +
			"\" is a flag: give it alone (or " + key + "=true) to switch it on, leave it out (or " + key + "=false) for off");
	}

	/** @return the value of {@code key}, or {@code defaultValue} when absent or given as a bare flag */
	public String text(final String key, final String defaultValue) {
		final String v = values.get(key);
		return v == null ? defaultValue : v;
	}

	/**
	 * @return the whole-number value of {@code key}, or {@code defaultValue} when absent
	 * @throws IllegalArgumentException naming the key, the value and {@code allowed}
	 */
	public int integer(final String key, final int defaultValue, final String allowed) {
		final String v = values.get(key);
		if (v == null)
			return defaultValue;
		double d = Double.NaN;
		try {
			d = Double.parseDouble(v.trim());
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE)
			return (int) d;
		if (d == Math.rint(d))
			throw new IllegalArgumentException(command + ": " + key + "=" + v + " is out of range (at most " + Integer.MAX_VALUE +
				" in size); allowed: " + allowed);
		throw new IllegalArgumentException(command + ": " + key + "=" + v + " is not a whole number; allowed: " + allowed);
	}

	/**
	 * @return the numeric value of {@code key}, or {@code defaultValue} when absent
	 * @throws IllegalArgumentException naming the key, the value and {@code allowed} when not a finite number
	 */
	public double number(final String key, final double defaultValue, final String allowed) {
		final String v = values.get(key);
		if (v == null)
			return defaultValue;
		try {
			final double d = Double.parseDouble(v.trim());
			if (Double.isFinite(d))
				return d;
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException(command + ": " + key + "=" + v + " is not a finite number; allowed: " + allowed);
	}

	/**
	 * The value of a per-axis key of a 3D command: one number for all three axes, or three in z y x order
	 * ({@code padding=[0 1 1]}; spaces or commas between them).
	 *
	 * @param key the key
	 * @param defaultValue its {z, y, x} when absent
	 * @param allowed the allowed values of each number, for messages
	 * @return {z, y, x}
	 * @throws IllegalArgumentException naming the key, the value, the two allowed forms and {@code allowed}
	 */
	public double[] perAxis(final String key, final double[] defaultValue, final String allowed) {
		final String v = values.get(key);
		if (v == null)
			return defaultValue.clone();
		final String[] parts = v.trim().split("[\\s,]+");
		if (parts.length == 1 || parts.length == 3) {
			final double[] zyx = new double[3];
			boolean ok = !parts[0].isEmpty();
			for (int i = 0; i < 3 && ok; i++) {
				try {
					zyx[i] = Double.parseDouble(parts[parts.length == 1 ? 0 : i]);
					ok = Double.isFinite(zyx[i]);
				}
				catch (final NumberFormatException e) {
					ok = false;
				}
			}
			if (ok)
				return zyx;
		}
		throw new IllegalArgumentException(command + ": " + key + "=" + quote(v) + " is not allowed; allowed: one number for all three " +
			"axes or three in z y x order (" + key + "=[1 2 2]), each " + allowed);
	}

	/**
	 * As {@link #perAxis(String, double[], String)} for whole numbers.
	 *
	 * @param key the key
	 * @param defaultValue its {z, y, x} when absent
	 * @param allowed the allowed values of each number, for messages
	 * @return {z, y, x}
	 * @throws IllegalArgumentException naming the key, the value, the two allowed forms and {@code allowed}
	 */
	public int[] perAxisInteger(final String key, final int[] defaultValue, final String allowed) {
		final double[] d = perAxis(key, new double[] { defaultValue[0], defaultValue[1], defaultValue[2] }, allowed);
		final int[] zyx = new int[3];
		for (int i = 0; i < 3; i++) {
			if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE)
				throw new IllegalArgumentException(command + ": " + key + "=" + quote(values.get(key)) + " is not allowed; allowed: one " +
					"whole number for all three axes or three in z y x order (" + key + "=[1 2 2]), each " + allowed);
			zyx[i] = (int) d[i];
		}
		return zyx;
	}

	/**
	 * Formats a value for an options string: bracketed when it holds spaces or line breaks, with line
	 * breaks written as {@code \n} so the recorded macro line stays on one line.
	 */
	public static String quote(final String value) {
		final String v = value.replace("\r", "").replace("\n", "\\n");
		return v.matches("[^\\s\\[\\]]+") ? v : "[" + v + "]";
	}
}

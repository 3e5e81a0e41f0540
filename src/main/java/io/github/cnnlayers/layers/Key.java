package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * One macro key of a layer command: its name (the public macro API), what kind of value it takes
 * (which decides the dialog field, the recorded form and the SciJava parameter type), its default, the
 * dialog label and the allowed values named in messages.
 */
public final class Key {

	/** What a key holds. */
	public enum Kind {
		/** a one-line text, e.g. {@code padding=same} */
		TEXT,
		/** a multi-line text (the kernel), one text area per dialog */
		AREA,
		/** one of a list of labels, matched in any case */
		CHOICE,
		/** a whole number */
		INTEGER,
		/** a finite number */
		NUMBER,
		/** a flag: on when given */
		FLAG
	}

	private final String name;
	private final Kind kind;
	private final String macroDefault;
	private final String dialogDefault;
	private final String label;
	private final String allowed;
	private final List<String> choices;
	private final boolean quietDefault;
	private final boolean namesFile;

	private Key(final String name, final Kind kind, final String macroDefault, final String dialogDefault, final String label,
		final String allowed, final List<String> choices, final boolean quietDefault)
	{
		this(name, kind, macroDefault, dialogDefault, label, allowed, choices, quietDefault, false);
	}

	private Key(final String name, final Kind kind, final String macroDefault, final String dialogDefault, final String label,
		final String allowed, final List<String> choices, final boolean quietDefault, final boolean namesFile)
	{
		this.namesFile = namesFile;
		this.quietDefault = quietDefault;
		this.name = name;
		this.kind = kind;
		this.macroDefault = macroDefault;
		this.dialogDefault = dialogDefault;
		this.label = label;
		this.allowed = allowed;
		this.choices = choices;
	}

	/**
	 * @param name the macro key
	 * @param kind what it holds
	 * @param macroDefault the documented default (a flag: "false" or "true"), or {@code null} when it is
	 *        computed from other keys (a pooling stride defaults to the size)
	 * @param label the dialog label; its first word, lower-cased, is the macro key in ImageJ's dialogs
	 * @param allowed the allowed values, as named in messages
	 * @return the key
	 */
	public static Key of(final String name, final Kind kind, final String macroDefault, final String label, final String allowed) {
		return new Key(name, kind, macroDefault, macroDefault, label, allowed, Collections.emptyList(), false);
	}

	/**
	 * @param name the macro key
	 * @param macroDefault the default label
	 * @param label the dialog label
	 * @param choices the labels, in menu order
	 * @return a choice key
	 */
	public static Key choice(final String name, final String macroDefault, final String label, final String... choices) {
		return new Key(name, Kind.CHOICE, macroDefault, macroDefault, label, String.join(", ", choices),
			Collections.unmodifiableList(Arrays.asList(choices)), false);
	}

	/**
	 * @param dialogValue the value a first dialog shows when it differs from the macro default
	 * @return a copy with that dialog default
	 */
	public Key dialogDefault(final String dialogValue) {
		return new Key(name, kind, macroDefault, dialogValue, label, allowed, choices, quietDefault, namesFile);
	}

	/**
	 * @return a copy whose value is a file path (a weight or kernel file): front ends that run the
	 *         command elsewhere (a cluster's executors) resolve it first, and fingerprint the file
	 */
	public Key namingFile() {
		return new Key(name, kind, macroDefault, dialogDefault, label, allowed, choices, quietDefault, true);
	}

	/** @return whether the value is a file path ({@link #namingFile}) */
	public boolean namesFile() {
		return namesFile;
	}

	/**
	 * @return a copy that the dialog leaves out of the recorded line while it has its default: for keys
	 *         added after a command shipped, so that the recorded line of the shipped use stays as it was
	 */
	public Key quietDefault() {
		return new Key(name, kind, macroDefault, dialogDefault, label, allowed, choices, true, namesFile);
	}

	/** @return whether the recorded line leaves the key out while it has its default */
	public boolean isQuietDefault() {
		return quietDefault;
	}

	/** @return the macro key */
	public String name() {
		return name;
	}

	/** @return what it holds */
	public Kind kind() {
		return kind;
	}

	/** @return the documented macro default, or {@code null} when computed from other keys */
	public String macroDefault() {
		return macroDefault;
	}

	/** @return the value a first dialog shows */
	public String dialogDefault() {
		return dialogDefault;
	}

	/** @return the dialog label */
	public String label() {
		return label;
	}

	/** @return the allowed values, as messages name them */
	public String allowed() {
		return allowed;
	}

	/** @return the choice labels (empty unless {@link Kind#CHOICE}) */
	public List<String> choices() {
		return choices;
	}

	/**
	 * @param o parsed options
	 * @return this whole-number key's value in {@code o}, or its default
	 * @throws IllegalArgumentException naming the key and {@link #allowed()} for a value that is not one
	 */
	public int integer(final MacroOptions o) {
		return o.integer(name, Integer.parseInt(macroDefault), allowed);
	}

	/**
	 * @param o parsed options
	 * @param computedDefault the value when absent, for a key whose default comes from other keys
	 * @return this whole-number key's value in {@code o}, or {@code computedDefault}
	 */
	public int integer(final MacroOptions o, final int computedDefault) {
		return o.integer(name, computedDefault, allowed);
	}

	/**
	 * @param o parsed options
	 * @return this number key's value in {@code o}, or its default
	 * @throws IllegalArgumentException naming the key and {@link #allowed()} for a value that is not one
	 */
	public double number(final MacroOptions o) {
		return o.number(name, Double.parseDouble(macroDefault), allowed);
	}

	/**
	 * @param o parsed options
	 * @return this per-axis key's whole numbers in {@code o} (one for all axes, or z y x), or its default
	 * @throws IllegalArgumentException naming the key, the allowed forms and {@link #allowed()}
	 */
	public PerAxis3D perAxis(final MacroOptions o) {
		return perAxis(o, PerAxis3D.of(Integer.parseInt(macroDefault)));
	}

	/**
	 * @param o parsed options
	 * @param computedDefault the value when absent, for a key whose default comes from other keys
	 * @return this per-axis key's whole numbers in {@code o}, or {@code computedDefault}
	 * @throws IllegalArgumentException naming the key, the allowed forms and {@link #allowed()}
	 */
	public PerAxis3D perAxis(final MacroOptions o, final PerAxis3D computedDefault) {
		final int[] zyx = o.perAxisInteger(name, computedDefault.toArray(), allowed);
		return PerAxis3D.of(zyx[0], zyx[1], zyx[2]);
	}

	/**
	 * @param o parsed options
	 * @return this per-axis key's numbers {z, y, x} in {@code o} (one for all axes, or z y x), or its default
	 * @throws IllegalArgumentException naming the key, the allowed forms and {@link #allowed()}
	 */
	public double[] perAxisNumbers(final MacroOptions o) {
		final double d = Double.parseDouble(macroDefault);
		return o.perAxis(name, new double[] { d, d, d }, allowed);
	}

	/**
	 * @param o parsed options
	 * @return this key's text in {@code o}, or its default ("" when it has none)
	 */
	public String text(final MacroOptions o) {
		return o.text(name, macroDefault == null ? "" : macroDefault);
	}

	/**
	 * @param o parsed options
	 * @return whether this flag is given
	 */
	public boolean flag(final MacroOptions o) {
		return o.flag(name);
	}

	@Override
	public String toString() {
		return name;
	}
}

package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.Key;
import io.github.cnnlayers.layers.LayerCommand;
import java.awt.AWTEvent;
import java.awt.Choice;
import java.awt.TextArea;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.filter.PlugInFilter;
import ij.plugin.frame.Recorder;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * What every command's dialog shares, written once: fields made from the command's {@link Key}s
 * (filled from the last interactive run), read back into an options string in the macro syntax (so
 * dialog, macro and pipeline go through one parser), the Macro Recorder line, the memory of the last
 * confirmed options, and the error that stops a macro. A {@code preset} choice is shown first and fills
 * the {@code kernel} text area; editing the text switches the preset back to custom.
 */
final class LayerDialog {

	/** The options of each command's last interactive run, offered by its next dialog; macros never read them. */
	private static final Map<LayerCommand, String> LAST = new java.util.HashMap<>(); // not an EnumMap: that would load the registry (and ImgLib2) before commandFor checked for it

	private LayerDialog() {}

	/** @return the options last confirmed in the dialog of {@code command}, or "" */
	static synchronized String recall(final LayerCommand command) {
		return LAST.getOrDefault(command, "");
	}

	/** Remembers the options just confirmed in the dialog of {@code command}. */
	static synchronized void remember(final LayerCommand command, final String options) {
		LAST.put(command, options);
	}

	/**
	 * Adds a field per key, the preset choice first.
	 *
	 * @param gd the dialog
	 * @param command the command
	 * @param last the options to show; absent keys show their dialog defaults
	 */
	static void addFields(final GenericDialog gd, final LayerCommand command, final MacroOptions last) {
		for (final Key key : fieldOrder(command.keys())) {
			final String value = last.text(key.name(), initial(key, last));
			switch (key.kind()) {
				case CHOICE:
					gd.addChoice(key.label(), key.choices().toArray(new String[0]), canonicalChoice(key, value));
					break;
				case AREA:
					gd.addMessage(key.label() + ": " + key.allowed() + ", values separated by spaces");
					gd.addTextAreas(value.replace("\\n", "\n"), null, 7, 36);
					break;
				case TEXT:
					gd.addStringField(key.label(), value, 20);
					break;
				case INTEGER:
					gd.addNumericField(key.label(), number(value), 0);
					break;
				case NUMBER:
					gd.addNumericField(key.label(), number(value), 4);
					break;
				default:
					gd.addCheckbox(key.label(), last.keys().isEmpty() ? Boolean.parseBoolean(key.dialogDefault()) : last.flag(key.name()));
			}
		}
	}

	/**
	 * Reads the fields back, in the order added, into an options string with the keys in the command's
	 * order (as the Macro Recorder writes them). A changed preset fills the kernel area; an edited kernel
	 * switches the preset to custom.
	 *
	 * @param gd the dialog
	 * @param command the command
	 * @param e the event that changed a field, {@code null} for OK
	 * @return the options in macro syntax: texts left empty and flags that are off are left out
	 */
	static String read(final GenericDialog gd, final LayerCommand command, final AWTEvent e) {
		final Map<String, String> values = new LinkedHashMap<>();
		Choice presetChoice = null;
		int choices = 0;
		for (final Key key : fieldOrder(command.keys())) {
			switch (key.kind()) {
				case CHOICE:
					if (key.name().equals("preset"))
						presetChoice = (Choice) gd.getChoices().get(choices);
					choices++;
					values.put(key.name(), gd.getNextChoice());
					break;
				case AREA:
					values.put(key.name(), syncPreset(gd.getNextText().trim(), presetChoice, gd.getTextArea1(), e, values));
					break;
				case TEXT:
					values.put(key.name(), gd.getNextString().trim());
					break;
				case INTEGER:
				case NUMBER:
					values.put(key.name(), NumberText.of(gd.getNextNumber()));
					break;
				default:
					values.put(key.name(), gd.getNextBoolean() ? "" : null);
			}
		}
		final StringBuilder sb = new StringBuilder();
		for (final Key key : command.keys()) {
			final String v = values.get(key.name());
			if (v == null || v.isEmpty() && key.kind() == Key.Kind.TEXT || key.isQuietDefault() && v.equals(key.macroDefault()))
				continue;
			if (sb.length() > 0)
				sb.append(' ');
			sb.append(key.name());
			if (key.kind() != Key.Kind.FLAG)
				sb.append('=').append(MacroOptions.quote(v));
		}
		return sb.toString();
	}

	/** The kernel text after a preset change (the preset's text) or an edit (the preset becomes custom). */
	private static String syncPreset(final String text, final Choice presetChoice, final TextArea area, final AWTEvent e,
		final Map<String, String> values)
	{
		if (presetChoice == null || e == null)
			return text;
		final KernelPreset preset = KernelPreset.fromLabel(values.get("preset"));
		if (e.getSource() == presetChoice && preset != KernelPreset.CUSTOM) {
			area.setText(preset.text());
			return preset.text();
		}
		if (e.getSource() == area && preset != KernelPreset.CUSTOM && !text.equals(preset.text())) {
			presetChoice.select(KernelPreset.CUSTOM.label());
			values.put("preset", KernelPreset.CUSTOM.label());
		}
		return text;
	}

	/** Records the confirmed options as the Macro Recorder's line for this command. */
	static void record(final MacroOptions o) {
		if (!Recorder.record)
			return;
		Recorder.resetCommandOptions();
		for (final String key : o.keys()) {
			final String v = o.text(key, null);
			if (v == null)
				Recorder.recordOption(key);
			else
				Recorder.recordOption(key, v.replace("\n", "\\n"));
		}
	}

	/**
	 * What both plugin classes do first in {@code setup}: check that ImgLib2 is there (before anything
	 * touches it, even the registry, whose core types need it), find the command named by the
	 * {@code plugins.config} argument, and require an image.
	 *
	 * @param arg the argument
	 * @param image the image, or {@code null}
	 * @return the command, or {@code null} when the plugin must return {@code DONE} (the user was told why)
	 */
	static LayerCommand commandFor(final String arg, final ij.ImagePlus image) {
		if (!Requirements.met("CNN Layers"))
			return null;
		final LayerCommand command;
		try {
			command = LayerCommand.fromArgument(arg);
		}
		catch (final IllegalArgumentException e) {
			IJ.error("CNN Layers", e.getMessage());
			abortMacro();
			return null;
		}
		if (image == null) {
			IJ.noImage();
			return null;
		}
		return command;
	}

	/**
	 * Shows {@code message} as an error of {@code command} ("CNN Layers" when {@code null}) and, in a
	 * macro, aborts the macro.
	 */
	static void fail(final LayerCommand command, final String message) {
		fail(command == null ? "CNN Layers" : command.commandName(), message);
	}

	/** Shows {@code message} as an error titled {@code title} and, in a macro, aborts the macro. */
	static void fail(final String title, final String message) {
		IJ.error(title, message);
		abortMacro();
	}

	/**
	 * The one way a menu command stops on any failure, wherever it happens (reading options, reading a
	 * weight file, computing, showing): the error is shown with {@link ErrorText}'s words (an out of memory
	 * error says how much the heap allows) and a running macro is aborted, so that no next command runs on
	 * an image this one was meant to replace. ImageJ's own "Macro canceled" exception and
	 * {@link ThreadDeath} pass on untouched: they are a stop already under way.
	 *
	 * @param command the command that failed, or {@code null} before it is known
	 * @param failure what it threw
	 * @return {@code DONE}, for the plugin to return
	 * @throws RuntimeException ImageJ's macro abort, which this method raises in a macro thread
	 */
	static int failed(final LayerCommand command, final Throwable failure) {
		return failed(command == null ? "CNN Layers" : command.commandName(), failure);
	}

	/**
	 * As {@link #failed(LayerCommand, Throwable)} for a command outside the registry.
	 *
	 * @param title the command's name
	 * @param failure what it threw
	 * @return {@code DONE}
	 */
	static int failed(final String title, final Throwable failure) {
		if (failure instanceof ThreadDeath)
			throw (ThreadDeath) failure;
		if (failure instanceof RuntimeException && Macro.MACRO_CANCELED.equals(failure.getMessage()))
			throw (RuntimeException) failure;
		fail(title, ErrorText.of(failure));
		return PlugInFilter.DONE;
	}

	/**
	 * Shows {@code status} in the dialog's one-line message (the output size, the model, or why the options
	 * are refused).
	 */
	static void showStatus(final GenericDialog gd, final String status) {
		final java.awt.Component message = gd.getMessage();
		if (message instanceof java.awt.Label) {
			((java.awt.Label) message).setText(status);
			gd.validate();
		}
	}

	/** Aborts the running macro, if any (in a macro thread ImageJ throws its "Macro canceled" exception). */
	private static void abortMacro() {
		if (Macro.getOptions() != null || ij.macro.Interpreter.getInstance() != null)
			Macro.abort();
	}

	/** @return the keys in dialog order: a {@code preset} choice first, the others as listed */
	private static List<Key> fieldOrder(final List<Key> keys) {
		final java.util.List<Key> order = new java.util.ArrayList<>(keys);
		order.sort((a, b) -> Boolean.compare(!a.name().equals("preset"), !b.name().equals("preset")));
		return order;
	}

	/** @return the value a field shows when the last options lack the key: its dialog default, or the size for a pooling stride */
	private static String initial(final Key key, final MacroOptions last) {
		return key.dialogDefault() != null ? key.dialogDefault() : last.text("size", "2");
	}

	private static String canonicalChoice(final Key key, final String value) {
		for (final String c : key.choices())
			if (c.equalsIgnoreCase(value.trim()))
				return c;
		return key.choices().get(0);
	}

	private static double number(final String value) {
		try {
			return Double.parseDouble(value.trim());
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}
}

package io.github.cnnlayers.scijava;

import java.lang.reflect.Field;

import org.scijava.ItemIO;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import ij.gui.Roi;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.ResultImages;
import io.github.cnnlayers.layers.Key;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.layers.LayerSpec;

/**
 * What every layer command for scripts shares: the {@code input} image, the {@code result} image, the
 * {@code note}, and the hand-off to the menu command through {@link LayerCommand}. A subclass declares
 * one {@code @Parameter} field per macro key of its command, named as the key (whole numbers and
 * numbers as {@code double}, so that a script's 2.7 is rejected rather than truncated; flags as
 * {@code boolean}; the rest as {@code String}), plus {@code stack}; the fields become the options
 * string of the macro call, so checks, messages and results are the menu command's.
 * <p>
 * Commands that make a new image return it. The activations, which change their image in place in
 * ImageJ, leave the input unchanged and return a copy titled {@code &lt;title&gt;-<suffix>} to which the
 * activation was applied (same planes, position and area ROI); on types that hold no negative values
 * ReLU and Leaky ReLU return an unchanged copy and {@code note} says why.
 * <p>
 * Invalid input cancels the command with the menu command's message as the cancel reason
 * ({@code module.isCanceled()}, {@code module.getCancelReason()}), and {@code result} stays
 * {@code null}. Every parameter has {@code persist = false}, so a value a script leaves out takes its
 * documented default, never the value of a previous call.
 */
public abstract class LayerCommandBase extends ContextCommand {

	/** The image to process; it is never changed. */
	@Parameter(label = "Input image", description = "The image to process; it is never changed", persist = false)
	private ImagePlus input;

	/** The new image; {@code null} when the command was canceled. */
	@Parameter(type = ItemIO.OUTPUT, label = "Result", description = "The new image")
	private ImagePlus result;

	/** Why an activation left the image unchanged, or {@code null}. */
	@Parameter(type = ItemIO.OUTPUT, label = "Note", required = false,
		description = "Why the image was left unchanged (it cannot hold negative values), or null")
	private String note;

	/** @return the menu command this command runs */
	protected abstract LayerCommand layer();

	@Override
	public final void run() {
		result = null;
		note = null;
		final LayerCommand command = layer();
		if (input == null) {
			cancel(command.commandName() + ": no input image; pass one as \"input\"");
			return;
		}
		if (input.getProcessor() == null || input.getWidth() == 0 || input.getHeight() == 0) {
			cancel(command.commandName() + ": the image \"" + input.getTitle() + "\" has no pixels; pass an image with pixels");
			return;
		}
		try {
			final String options = options();
			if (command.inPlace()) {
				final LayerSpec spec = command.spec(options); // bad options fail before anything is copied
				final ImagePlus copy = copyOf(input, command.titleSuffix());
				note = command.applyInPlace(copy, spec);
				result = copy;
			}
			else
				result = command.makeNew(input, options);
		}
		catch (final IllegalArgumentException e) {
			result = null;
			cancel(e.getMessage());
		}
	}

	/** @return the new image after {@link #run()}, or {@code null} when canceled or not run */
	public ImagePlus getResult() {
		return result;
	}

	/** @return why an activation left the image unchanged, or {@code null} */
	public String getNote() {
		return note;
	}

	/**
	 * @return the parameter fields as the options of the macro call: a {@code null} text and a whole
	 *         number 0 for a key without a fixed default (pooling stride: the size) are left out
	 * @throws IllegalArgumentException when a text holds ']', which an options string cannot carry
	 */
	String options() {
		final LayerCommand command = layer();
		final StringBuilder sb = new StringBuilder();
		for (final Key key : command.keys())
			append(sb, key.name(), key.kind(), key.macroDefault() == null, value(key.name()));
		append(sb, "stack", Key.Kind.FLAG, false, value("stack"));
		return sb.toString();
	}

	private void append(final StringBuilder sb, final String key, final Key.Kind kind, final boolean zeroMeansDefault,
		final Object v)
	{
		if (v == null || kind == Key.Kind.FLAG && !Boolean.TRUE.equals(v))
			return;
		String text = null;
		if (v instanceof Number) {
			final double d = ((Number) v).doubleValue();
			if (zeroMeansDefault && d == 0)
				return;
			text = NumberText.of(d);
		}
		else if (kind != Key.Kind.FLAG) {
			text = v.toString();
			if (text.indexOf(']') >= 0)
				throw new IllegalArgumentException(layer().commandName() + ": " + key + "=" + text + " is not allowed: a value " +
					"cannot contain ']'" + ("kernel".equals(key) ? "; give rows of numbers separated by spaces or commas, " +
						"one row per line, e.g. \"0 -1 0\\n-1 5 -1\\n0 -1 0\"" : ""));
		}
		if (sb.length() > 0)
			sb.append(' ');
		sb.append(key);
		if (text != null)
			sb.append('=').append(MacroOptions.quote(text));
	}

	/** @return the value of the parameter field named {@code name} */
	private Object value(final String name) {
		for (Class<?> c = getClass(); c != null && c != LayerCommandBase.class; c = c.getSuperclass()) {
			try {
				final Field f = c.getDeclaredField(name);
				f.setAccessible(true);
				return f.get(this);
			}
			catch (final NoSuchFieldException e) {
				// look in the superclass
			}
			catch (final IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
		throw new IllegalStateException(getClass().getName() + " has no parameter \"" + name + "\" for the macro key of " +
			layer().label());
	}

	/**
	 * @return a full copy of {@code image} (every plane, calibration) at the same position and with a
	 *         copy of its ROI, titled {@code <title>-<suffix>}
	 */
	static ImagePlus copyOf(final ImagePlus image, final String suffix) {
		final ImagePlus copy = image.duplicate(); // whole image, ROI ignored, position reset
		copy.setTitle(ResultImages.title(image.getTitle(), suffix));
		copy.setSlice(image.getCurrentSlice()); // same plane order, so the same stack index
		final Roi roi = image.getRoi();
		if (roi != null)
			copy.setRoi((Roi) roi.clone());
		return copy;
	}
}

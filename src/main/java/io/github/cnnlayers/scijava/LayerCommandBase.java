package io.github.cnnlayers.scijava;

import org.scijava.ItemIO;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;

/**
 * What the five layer commands share: the {@code input} image, the {@code result} image, and failing
 * cleanly. {@link #run()} hands the input to {@link #compute(ImagePlus)}; an
 * {@link IllegalArgumentException} (the plugins' user-facing messages) cancels the command with its
 * message as the cancel reason, and {@code result} stays {@code null}.
 * <p>
 * Through {@code CommandService.run(...)} the reason is {@code module.getCancelReason()} of the
 * returned module ({@code module.isCanceled()} is then true); in Fiji's GUI SciJava also shows it in
 * a warning dialog. Every parameter has {@code persist = false}, so a value a script leaves out takes
 * its documented default, never the value of a previous call.
 */
public abstract class LayerCommandBase extends ContextCommand {

	/** The image to process; it is never changed. */
	@Parameter(label = "Input image", description = "The image to process; it is never changed", persist = false)
	private ImagePlus input;

	/** The new image; {@code null} when the command was canceled. */
	@Parameter(type = ItemIO.OUTPUT, label = "Result", description = "The new image")
	private ImagePlus result;

	/** @return the command's name as the plugin shows it in messages, e.g. "Conv2D" */
	protected abstract String command();

	/**
	 * Runs the layer through its ImageJ 1.x plugin class.
	 *
	 * @param image the input, not {@code null}; must not be changed
	 * @return the new image
	 * @throws IllegalArgumentException with the plugin's message
	 */
	protected abstract ImagePlus compute(ImagePlus image);

	@Override
	public final void run() {
		result = null;
		if (input == null) {
			cancel(command() + ": no input image; pass one as \"input\"");
			return;
		}
		try {
			result = compute(input);
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
}

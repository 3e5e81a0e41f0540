package io.github.cnnlayers.scijava;

import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import ij.gui.Roi;
import io.github.cnnlayers.ij.ResultImages;
import io.github.cnnlayers.plugins.ActivationPlugin;

/**
 * The activations (ReLU, Leaky ReLU) for scripts. The ImageJ 1.x commands change their image in
 * place; these commands leave the input unchanged and return, as {@code result}, a copy titled
 * {@code <title>-<suffix>} to which the plugin was applied: exactly the image the macro command
 * would have left (same planes, current position and area ROI, so {@code stack} and ROIs mean what
 * they mean in macros).
 * <p>
 * Types that hold no negative values (8-bit, unsigned 16-bit, RGB) are left unchanged, as by the
 * menu command: {@code result} is then an unchanged copy and output {@code note} says why; it is
 * {@code null} when the activation was applied.
 */
public abstract class ActivationCommandBase extends LayerCommandBase {

	/** Why the activation left the image unchanged, or {@code null} when it was applied. */
	@Parameter(type = ItemIO.OUTPUT, label = "Note", required = false,
		description = "Why the image was left unchanged (it cannot hold negative values), or null")
	private String note;

	/** @return a new instance of the menu command's plugin class */
	protected abstract ActivationPlugin plugin();

	/** @return the parameters as macro options */
	abstract String options();

	/** @return the title suffix of results, e.g. "relu" */
	protected abstract String suffix();

	@Override
	protected ImagePlus compute(final ImagePlus image) {
		note = null;
		final ActivationPlugin plugin = plugin();
		final String options = options();
		plugin.parse(options); // bad options fail before anything is copied
		final ImagePlus copy = copyOf(image, suffix());
		note = plugin.process(copy, options);
		return copy;
	}

	/** @return why the activation left the image unchanged, or {@code null} when it was applied */
	public String getNote() {
		return note;
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

package io.github.cnnlayers.plugins;

import java.util.Arrays;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.layers.MergeOperation;

/**
 * Plugins &gt; CNN Layers &gt; Merge Feature Maps...: two open images into a new one, as ImageJ's Image
 * Calculator does — {@code run("Merge Feature Maps...", "image1=[a] operation=Concat image2=[b]")} — with the
 * layers of two inputs ({@link MergeOperation}): Concat (channels), Add, Multiply. The result is a new 32-bit
 * image {@code <image1>-<operation>} and the active image; the sources are never changed.
 */
public class MergePlugin implements PlugIn {

	/** The command's name in titles and messages */
	static final String NAME = "Merge Feature Maps";

	@Override
	public void run(final String arg) {
		if (!Requirements.met(NAME))
			return;
		try {
			final int[] ids = WindowManager.getIDList();
			if (ids == null) {
				IJ.noImage();
				return;
			}
			final String options = Macro.getOptions();
			final ImagePlus result = options != null ? fromMacro(options) : fromDialog(ids);
			if (result != null)
				result.show();
		}
		catch (final RuntimeException | Error e) {
			LayerDialog.failed(NAME, e);
		}
	}

	/** @return the result of the macro's options, or {@code null} */
	private static ImagePlus fromMacro(final String options) {
		final MacroOptions o = MacroOptions.parse(NAME, options, Arrays.asList("image1", "operation", "image2"));
		final ImagePlus first = image(o, "image1");
		final MergeOperation op = MergeOperation.fromLabel(o.text("operation", MergeOperation.CONCAT.label()));
		return op.apply(first, image(o, "image2"));
	}

	/** @return the result of the dialog's choices (ImageJ records them as the macro's keys), or {@code null} when cancelled */
	private static ImagePlus fromDialog(final int[] ids) {
		final String[] titles = new String[ids.length];
		for (int i = 0; i < ids.length; i++)
			titles[i] = WindowManager.getImage(ids[i]).getTitle();
		final ImagePlus current = WindowManager.getCurrentImage();
		final GenericDialog gd = new GenericDialog(NAME);
		gd.addChoice("Image1:", titles, current != null ? current.getTitle() : titles[0]);
		gd.addChoice("Operation:", MergeOperation.labels().toArray(new String[0]), MergeOperation.CONCAT.label());
		gd.addChoice("Image2:", titles, titles[ids.length > 1 && current != null && titles[0].equals(current.getTitle()) ? 1 : 0]);
		gd.addMessage("Concat: the channels of image 1, then of image 2. Add, Multiply: element-wise;\n" +
			"a 1-channel or 1 x 1 image repeats over the other's channels or pixels (PyTorch's broadcasting).");
		gd.showDialog();
		if (gd.wasCanceled())
			return null;
		final ImagePlus first = WindowManager.getImage(ids[gd.getNextChoiceIndex()]);
		final MergeOperation op = MergeOperation.values()[gd.getNextChoiceIndex()];
		return op.apply(first, WindowManager.getImage(ids[gd.getNextChoiceIndex()]));
	}

	/** @return the open image the key names */
	private static ImagePlus image(final MacroOptions o, final String key) {
		final String title = o.text(key, "").trim();
		final ImagePlus imp = title.isEmpty() ? null : WindowManager.getImage(title);
		if (imp == null)
			throw new IllegalArgumentException(NAME + ": " + key + "=[" + title + "] is not an open image; allowed: the title of an " +
				"open image" + (WindowManager.getImageTitles().length == 0 ? "" : " (" + String.join(", ", WindowManager.getImageTitles()) + ")"));
		return imp;
	}
}

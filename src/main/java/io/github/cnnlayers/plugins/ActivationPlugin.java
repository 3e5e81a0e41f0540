package io.github.cnnlayers.plugins;

import java.awt.AWTEvent;
import java.util.Collection;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.filter.ExtendedPlugInFilter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.plugin.frame.Recorder;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.MacroOptions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The shared life of an in-place activation command (ReLU, Leaky ReLU), like ImageJ's Process &gt;
 * Math commands: Undo for single images, rectangular and masked ROIs respected, {@code stack} for
 * all slices. 32-bit images get exactly the formula; signed 16-bit images are processed on their
 * calibrated values; images that cannot hold negative values (8-bit, unsigned 16-bit, RGB) are left
 * unchanged, since the activation would change nothing, and the status line says so. The display
 * range of 32-bit images is reset to the new data, as Process &gt; Math does.
 */
public abstract class ActivationPlugin implements ExtendedPlugInFilter, DialogListener {

	private static final int FLAGS = DOES_ALL | SUPPORTS_MASKING;

	private ImagePlus imp;
	private MacroOptions options;

	/** @return the command's name as shown in messages */
	protected abstract String command();

	/** @return the macro keys this command reads, without {@code stack} and {@code slice} */
	protected abstract Collection<String> keys();

	/**
	 * Applies the activation in place.
	 *
	 * @param pixels the pixels (a plane or its ROI rectangle)
	 * @param zero the raw value that means 0: 0, or 32768 for signed 16-bit
	 * @param o the options
	 */
	protected abstract void apply(RandomAccessibleInterval<FloatType> pixels, double zero, MacroOptions o);

	/** Adds the dialog fields; commands without parameters add none and get no dialog. */
	protected void addFields(final GenericDialog gd, final MacroOptions last) {}

	/** @return the options string read from the dialog's fields */
	protected String readFields(final GenericDialog gd) {
		return "";
	}

	/**
	 * Checks options without running: called before processing so bad input changes nothing.
	 *
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	protected void check(final MacroOptions o) {}

	/**
	 * @param optionString the options in macro syntax
	 * @return the parsed options
	 * @throws IllegalArgumentException for an unknown key or a malformed value
	 */
	public MacroOptions parse(final String optionString) {
		final MacroOptions o = MacroOptions.parseLayer(command(), optionString, keys());
		check(o);
		return o;
	}

	/**
	 * @param image an image
	 * @return why the activation leaves {@code image} unchanged (it cannot hold negative values), or
	 *         {@code null} when it applies
	 */
	public String whyUnchanged(final ImagePlus image) {
		switch (image.getBitDepth()) {
			case 8:
				return command() + " left the 8-bit image unchanged: it holds no negative values (convert to 32-bit first)";
			case 24:
				return command() + " left the RGB image unchanged: it holds no negative values (convert to 32-bit first)";
			case 16:
				return image.getCalibration().isSigned16Bit() ? null
					: command() + " left the 16-bit image unchanged: it holds no negative values (convert to 32-bit first)";
			default:
				return null;
		}
	}

	/**
	 * Applies the activation in place without any dialog: what macros, scripts and the headless
	 * pipeline call. An area ROI on the image limits the change to it, as with the menu command.
	 *
	 * @param image the image to change
	 * @param optionString the options in macro syntax; {@code stack} for every plane, else the current one
	 * @return {@code null}, or why the image was left unchanged
	 * @throws IllegalArgumentException naming the problem and the allowed values; nothing is changed then
	 */
	public String process(final ImagePlus image, final String optionString) {
		final MacroOptions o = parse(optionString);
		final String why = whyUnchanged(image);
		if (why != null)
			return why;
		final ImageStack stack = image.getStack();
		final boolean all = o.flag("stack") && stack.getSize() > 1;
		final int from = all ? 1 : image.getCurrentSlice();
		final int to = all ? stack.getSize() : image.getCurrentSlice();
		final Roi roi = image.getRoi();
		for (int i = from; i <= to; i++) {
			final ImageProcessor ip = stack.getProcessor(i);
			if (roi != null && roi.isArea()) {
				ip.setRoi(roi);
				ip.snapshot();
			}
			applyTo(ip, image, o);
			if (ip.getMask() != null)
				ip.reset(ip.getMask());
		}
		if (image.getBitDepth() == 32)
			image.resetDisplayRange();
		image.updateAndDraw();
		return null;
	}

	private void applyTo(final ImageProcessor ip, final ImagePlus image, final MacroOptions o) {
		// Kept out of this class: its ImgLib2 views would make the JVM load ImgLib2 while verifying this
		// registered class, before Requirements could report a missing ImgLib2 (see Requirements).
		ActivationPlanes.apply(this, ip, image, o);
	}

	@Override
	public int setup(final String arg, final ImagePlus image) {
		if (!Requirements.met(command()))
			return DONE;
		if (image == null) {
			IJ.noImage();
			return DONE;
		}
		imp = image;
		final String why = whyUnchanged(image);
		if (why != null) {
			IJ.showStatus(why);
			return DONE;
		}
		return FLAGS;
	}

	@Override
	public int showDialog(final ImagePlus image, final String command, final PlugInFilterRunner pfr) {
		final String macroOptions = Macro.getOptions();
		try {
			if (macroOptions != null) {
				options = parse(macroOptions);
				return IJ.setupDialog(image, FLAGS);
			}
			options = parse(DialogMemory.recall(getClass()));
			final GenericDialog gd = new GenericDialog(command());
			addFields(gd, options);
			if (gd.getNumericFields() != null || gd.getCheckboxes() != null) {
				gd.addPreviewCheckbox(pfr);
				gd.addDialogListener(this);
				gd.showDialog();
				if (gd.wasCanceled()) {
					Recorder.setCommand(null); // a cancelled command is not recorded
					return DONE;
				}
				final String s = readFields(gd);
				options = parse(s);
				DialogMemory.remember(getClass(), s);
				if (Recorder.record) {
					Recorder.resetCommandOptions();
					for (final String key : options.keys())
						Recorder.recordOption(key, options.text(key, ""));
				}
			}
			else
				gd.dispose();
			return IJ.setupDialog(image, FLAGS);
		}
		catch (final IllegalArgumentException e) {
			IJ.error(command(), e.getMessage());
			if (macroOptions != null)
				Macro.abort();
			return DONE;
		}
	}

	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		try {
			options = parse(readFields(gd));
			return true;
		}
		catch (final IllegalArgumentException ex) {
			IJ.showStatus(ex.getMessage());
			return false;
		}
	}

	@Override
	public void setNPasses(final int nPasses) {
		// one pass per slice, shown by ImageJ's runner
	}

	@Override
	public void run(final ImageProcessor ip) {
		applyTo(ip, imp, options);
		if (ip.getBitDepth() == 32) // as Process > Math does for 32-bit images
			ip.resetMinAndMax();
	}
}

package io.github.cnnlayers.plugins;

import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.Label;
import java.util.Collection;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.plugin.filter.ExtendedPlugInFilter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.plugin.frame.Recorder;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneOperation;
import io.github.cnnlayers.ij.PlaneRunner;

/**
 * The shared life of a command that makes a new image from each plane (Conv2D, pooling): read the
 * options (macro string, or dialog turned into the same options string), check them, run the layer
 * plane by plane with progress and Esc, show the result. The source is never modified.
 * <p>
 * Dialog, macro and the headless pipeline all go through {@link #operation(MacroOptions)}, so they
 * accept and reject exactly the same input with the same messages.
 */
public abstract class NewImageLayerPlugin implements ExtendedPlugInFilter, DialogListener {

	private static final int FLAGS = DOES_ALL | NO_CHANGES | NO_UNDO;

	private ImagePlus imp;
	private GenericDialog dialog;
	private String options;
	private boolean allPlanes;
	private ImagePlus preview;
	private ImagePlus result;

	/** @return the command's name as shown in messages, e.g. "Conv2D" */
	protected abstract String command();

	/** @return the macro keys this command reads, without {@code stack} and {@code slice} */
	protected abstract Collection<String> keys();

	/**
	 * Builds the layer from options.
	 *
	 * @param o the parsed options; absent keys take their documented defaults
	 * @return the layer
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public abstract PlaneOperation operation(MacroOptions o);

	/** Adds the command's fields to the dialog, filled from the last interactive run's options. */
	protected abstract void addFields(GenericDialog gd, MacroOptions last);

	/**
	 * Reads the dialog's fields (with {@code getNext...}, in the order added) into an options string.
	 *
	 * @param gd the dialog
	 * @param e the event, {@code null} for OK
	 * @return the options string, in the macro syntax
	 */
	protected abstract String readFields(GenericDialog gd, AWTEvent e);

	/** @return a status line after a successful run, or {@code null} */
	protected String note(final MacroOptions o) {
		return null;
	}

	/**
	 * Parses an options string with this command's keys (plus {@code stack} and {@code slice}).
	 *
	 * @param optionString the options in macro syntax
	 * @return the parsed options
	 * @throws IllegalArgumentException for an unknown key or a malformed value
	 */
	public MacroOptions parse(final String optionString) {
		return MacroOptions.parseLayer(command(), optionString, keys());
	}

	/**
	 * Runs the layer on an image without any dialog: what macros, scripts and the headless pipeline call.
	 *
	 * @param image the source, never modified
	 * @param optionString the options in macro syntax; {@code stack} processes every plane
	 * @return the new image, not shown
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public ImagePlus process(final ImagePlus image, final String optionString) {
		final MacroOptions o = parse(optionString);
		final PlaneOperation op = operation(o);
		return ImageJExecutor.call(() -> PlaneRunner.run(image, processesAllPlanes(image, o), op, null, null));
	}

	/**
	 * @return whether options {@code o} ask for every plane of {@code image}: {@code stack} given, or a
	 *         composite shown in composite mode without {@code slice} (as ImageJ's filters do)
	 */
	static boolean processesAllPlanes(final ImagePlus image, final MacroOptions o) {
		if (image.getStackSize() == 1)
			return false;
		if (o.flag("stack"))
			return true;
		return image.isComposite() && ((CompositeImage) image).getMode() == IJ.COMPOSITE && !o.flag("slice");
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
		return FLAGS;
	}

	@Override
	public int showDialog(final ImagePlus image, final String command, final PlugInFilterRunner pfr) {
		final String macroOptions = Macro.getOptions();
		if (macroOptions != null) {
			options = macroOptions;
			try {
				final MacroOptions o = parse(options);
				operation(o).outputSize(image.getWidth(), image.getHeight());
				allPlanes = processesAllPlanes(image, o);
			}
			catch (final IllegalArgumentException e) {
				fail(e.getMessage());
				return DONE;
			}
			return FLAGS;
		}
		dialog = new GenericDialog(command());
		addFields(dialog, parse(DialogMemory.recall(getClass())));
		dialog.addMessage("Output:                                                                                ");
		dialog.addPreviewCheckbox(pfr);
		dialog.addDialogListener(this);
		dialogItemChanged(dialog, null);
		dialog.showDialog();
		closePreview();
		if (dialog.wasCanceled()) {
			Recorder.setCommand(null); // a cancelled command is not recorded
			return DONE;
		}
		final MacroOptions o = parse(options);
		DialogMemory.remember(getClass(), options);
		if (Recorder.record) {
			Recorder.resetCommandOptions();
			for (final String key : o.keys()) {
				final String v = o.text(key, null);
				if (v == null)
					Recorder.recordOption(key);
				else
					Recorder.recordOption(key, v.replace("\n", "\\n"));
			}
		}
		final int flags = IJ.setupDialog(image, FLAGS);
		if (flags == DONE) {
			Recorder.setCommand(null);
			return DONE;
		}
		allPlanes = (flags & DOES_STACKS) != 0;
		return FLAGS;
	}

	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		final String candidate = readFields(gd, e);
		String status;
		boolean ok;
		try {
			final PlaneOperation op = operation(parse(candidate));
			final long[] size = op.outputSize(imp.getWidth(), imp.getHeight());
			final int planes = imp.getBitDepth() == 24 && !op.keepsType() ? 3 : 1;
			status = "Output: " + size[0] + " \u00d7 " + size[1] + " \u00d7 " + planes + " per plane, " +
				(op.keepsType() ? imp.getBitDepth() == 24 ? "RGB" : imp.getBitDepth() + "-bit" : "32-bit");
			options = candidate;
			ok = true;
		}
		catch (final IllegalArgumentException ex) {
			status = ex.getMessage();
			ok = false;
		}
		final Component message = gd.getMessage();
		if (message instanceof Label) {
			((Label) message).setText(status);
			gd.validate();
		}
		return ok;
	}

	@Override
	public void setNPasses(final int nPasses) {
		// progress is shown per plane by run()
	}

	@Override
	public void run(final ImageProcessor ip) {
		final boolean previewing = dialog != null && !dialog.wasOKed() && !dialog.wasCanceled();
		try {
			if (previewing) {
				final PlaneOperation op = operation(parse(options));
				showPreview(ImageJExecutor.call(() -> PlaneRunner.run(imp, false, op, null, null)));
				return;
			}
			final MacroOptions o = parse(options);
			IJ.resetEscape();
			final long start = System.currentTimeMillis();
			final PlaneOperation op = operation(o);
			result = ImageJExecutor.call(() -> PlaneRunner.run(imp, allPlanes, op, (done, total) -> IJ.showProgress(done, total),
				IJ::escapePressed));
			IJ.showProgress(1.0);
			if (result == null) {
				IJ.showStatus(command() + " cancelled; nothing was made");
				IJ.resetEscape();
				return;
			}
			result.show();
			final String note = note(o);
			IJ.showStatus(command() + ": " + (System.currentTimeMillis() - start) + " ms" + (note == null ? "" : "; " + note));
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
		}
	}

	/** @return the image the last run made, or {@code null} */
	public ImagePlus getResult() {
		return result;
	}

	private void showPreview(final ImagePlus p) {
		if (preview == null || preview.getWindow() == null) {
			preview = p;
			preview.setTitle(p.getTitle() + " (preview)");
			preview.show();
			if (imp.getWindow() != null)
				imp.getWindow().toFront();
		}
		else {
			preview.setImage(p);
			preview.setTitle(p.getTitle() + " (preview)");
		}
	}

	private void closePreview() {
		if (preview != null) {
			preview.changes = false;
			preview.close();
			preview = null;
		}
	}

	private void fail(final String message) {
		IJ.error(command(), message);
		if (Macro.getOptions() != null)
			Macro.abort();
	}
}

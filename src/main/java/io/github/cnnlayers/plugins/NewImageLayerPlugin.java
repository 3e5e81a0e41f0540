package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.layers.LayerSpec;
import java.awt.AWTEvent;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.plugin.filter.ExtendedPlugInFilter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.plugin.frame.Recorder;
import ij.process.ImageProcessor;
import java.nio.file.Paths;

import io.github.cnnlayers.weights.TensorInfo;
import io.github.cnnlayers.weights.WeightFile;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The menu commands that make a new image (Conv2D, the pooling commands, the norms, Upsample, Pad, ...), one class
 * for all: {@code plugins.config} names the command by argument, e.g.
 * {@code NewImageLayerPlugin("max pooling")}. It reads the options (macro string, or dialog turned into
 * the same options string), checks them, runs the layer plane by plane with progress and Esc, and shows
 * the result. The source is never modified.
 * <p>
 * Dialog, macro and the headless pipeline all build the layer through {@link LayerCommand}, so they
 * accept and reject exactly the same input with the same messages.
 */
public class NewImageLayerPlugin implements ExtendedPlugInFilter, DialogListener {

	private static final int FLAGS = DOES_ALL | NO_CHANGES | NO_UNDO;

	private LayerCommand command;
	private ImagePlus imp;
	private GenericDialog dialog;
	private String options;
	/** The spec made from {@link #options} when they were checked (a learned layer reads its weight file once) */
	private LayerSpec spec;
	private boolean allPlanes;
	private ImagePlus preview;
	private ImagePlus result;
	private String listed;

	@Override
	public int setup(final String arg, final ImagePlus image) {
		try {
			command = LayerDialog.commandFor(arg, image);
		}
		catch (final RuntimeException | Error e) { // the registry failed to load
			return LayerDialog.failed("CNN Layers", e);
		}
		if (command == null)
			return DONE;
		imp = image;
		return FLAGS;
	}

	@Override
	public int showDialog(final ImagePlus image, final String menuLabel, final PlugInFilterRunner pfr) {
		try {
			return askForOptions(image, pfr);
		}
		catch (final RuntimeException | Error e) { // reading options or weights, out of memory included
			closePreview();
			return LayerDialog.failed(command, e);
		}
	}

	/** {@link #showDialog}: the options from the macro, or from the dialog; any failure is thrown. */
	private int askForOptions(final ImagePlus image, final PlugInFilterRunner pfr) {
		final String macroOptions = Macro.getOptions();
		if (macroOptions != null) {
			options = macroOptions;
			try {
				spec = command.spec(options);
				spec.outputText(image); // throws when the parameters do not fit the image
				allPlanes = LayerCommand.processesAllPlanes(image, spec.options());
			}
			catch (final IllegalArgumentException e) {
				LayerDialog.fail(command, e.getMessage());
				return DONE;
			}
			return FLAGS;
		}
		dialog = new GenericDialog(command.commandName());
		LayerDialog.addFields(dialog, command, command.parse(LayerDialog.recall(command)));
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
		final MacroOptions o = command.parse(options);
		LayerDialog.remember(command, options);
		LayerDialog.record(o);
		final int flags = spec.choosesPlanes() ? IJ.setupDialog(image, FLAGS) : FLAGS;
		if (flags == DONE) {
			Recorder.setCommand(null);
			return DONE;
		}
		allPlanes = (flags & DOES_STACKS) != 0;
		return FLAGS;
	}

	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		final String candidate = LayerDialog.read(gd, command, e);
		String status;
		boolean ok;
		try {
			listTensors(command.parse(candidate).text("weights", "").trim());
			final LayerSpec candidateSpec = command.spec(candidate);
			status = candidateSpec.outputText(imp);
			options = candidate;
			spec = candidateSpec;
			ok = true;
		}
		catch (final RuntimeException | OutOfMemoryError ex) { // a weight file too big for the heap, too
			status = ErrorText.of(ex);
			ok = false;
		}
		LayerDialog.showStatus(gd, status);
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
				showPreview(ImageJExecutor.call(() -> spec.makeNew(imp, false, null, null)));
				return;
			}
			IJ.resetEscape();
			final long start = System.currentTimeMillis();
			result = ImageJExecutor.call(() -> spec.makeNew(imp, allPlanes, (done, total) -> IJ.showProgress(done, total),
				IJ::escapePressed));
			IJ.showProgress(1.0);
			if (result == null) {
				IJ.showStatus(command.commandName() + " cancelled; nothing was made");
				IJ.resetEscape();
				return;
			}
			result.show();
			final String note = spec.note();
			IJ.showStatus(command.commandName() + ": " + (System.currentTimeMillis() - start) + " ms" + (note == null ? "" : "; " + note));
		}
		catch (final RuntimeException | Error e) { // any failure stops a macro, before a next command
			result = null; // could change the source
			LayerDialog.failed(command, e);
		}
	}

	/** Lists a weight file's tensors with their shapes in the Log, once per file chosen in the dialog. */
	private void listTensors(final String file) {
		if (file.isEmpty() || file.equals(listed))
			return;
		listed = file;
		try {
			final StringBuilder sb = new StringBuilder(command.commandName() + ": tensors of " + file + ":");
			for (final TensorInfo t : WeightFile.list(Paths.get(file)))
				sb.append("\n  ").append(t);
			IJ.log(sb.toString());
		}
		catch (final IllegalArgumentException e) { // also InvalidPathException
			// the status line shows the problem
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
}

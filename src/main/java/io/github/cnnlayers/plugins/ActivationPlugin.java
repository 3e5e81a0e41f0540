package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.ActivationSpec;
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
import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.ij.ActivationRunner;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.ResultImages;

/**
 * The in-place activation commands (ReLU, Leaky ReLU, Sigmoid, Tanh), one class for all:
 * {@code plugins.config} names the command by argument, e.g. {@code ActivationPlugin("relu")}. Like
 * ImageJ's Process &gt; Math commands: Undo for single images, area and masked ROIs respected,
 * {@code stack} for all slices, the display range of 32-bit images reset. A command without parameters
 * never builds a dialog. Images that cannot hold negative values are left unchanged by ReLU and Leaky
 * ReLU (the status line says why); Sigmoid and Tanh need a 32-bit image and say so.
 */
public class ActivationPlugin implements ExtendedPlugInFilter, DialogListener {

	private static final int FLAGS = DOES_ALL | SUPPORTS_MASKING;

	/** The flags: in a batch-mode macro without a selection, no snapshot for an Undo nobody can use. */
	private int flags = FLAGS;

	private LayerCommand command;
	private ImagePlus imp;
	private Activation activation;

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
		try {
			final String why = ActivationRunner.whyUnchanged(image, activation(command.spec("")));
			if (why != null) {
				IJ.showStatus(why);
				return DONE;
			}
		}
		catch (final RuntimeException | Error e) {
			return LayerDialog.failed(command, e);
		}
		if (ij.macro.Interpreter.isBatchMode() && image.getRoi() == null)
			flags = FLAGS | NO_UNDO;
		return flags;
	}

	@Override
	public int showDialog(final ImagePlus image, final String menuLabel, final PlugInFilterRunner pfr) {
		final String macroOptions = Macro.getOptions();
		try {
			if (macroOptions != null || command.keys().isEmpty()) {
				activation = activation(command.spec(macroOptions));
				return IJ.setupDialog(image, flags);
			}
			activation = activation(command.spec(LayerDialog.recall(command)));
			final GenericDialog gd = new GenericDialog(command.commandName());
			LayerDialog.addFields(gd, command, command.parse(LayerDialog.recall(command)));
			gd.addPreviewCheckbox(pfr);
			gd.addDialogListener(this);
			gd.showDialog();
			if (gd.wasCanceled()) {
				Recorder.setCommand(null); // a cancelled command is not recorded
				return DONE;
			}
			final String s = LayerDialog.read(gd, command, null);
			activation = activation(command.spec(s));
			LayerDialog.remember(command, s);
			LayerDialog.record(command.parse(s));
			return IJ.setupDialog(image, flags);
		}
		catch (final RuntimeException | Error e) { // bad options, out of memory: the macro stops here
			return LayerDialog.failed(command, e);
		}
	}

	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		try {
			activation = activation(command.spec(LayerDialog.read(gd, command, e)));
			return true;
		}
		catch (final RuntimeException | OutOfMemoryError ex) {
			IJ.showStatus(ErrorText.of(ex));
			return false;
		}
	}

	/** @return the activation of an in-place command's spec */
	private static Activation activation(final LayerSpec spec) {
		return ((ActivationSpec) spec).activation();
	}

	@Override
	public void setNPasses(final int nPasses) {
		// one pass per slice, shown by ImageJ's runner
	}

	@Override
	public void run(final ImageProcessor ip) {
		try {
			ImageJExecutor.call(() -> {
				ActivationRunner.apply(ip, activation, imp.getCalibration().isSigned16Bit());
				if (ip.getBitDepth() == 32) // a new display range, as Process > Math gives 32-bit images
					ResultImages.findRange(ip);
				return null;
			});
		}
		catch (final RuntimeException | Error e) { // any failure stops a macro
			LayerDialog.failed(command, e);
		}
	}
}

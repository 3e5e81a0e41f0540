package io.github.cnnlayers.plugins;

import java.awt.AWTEvent;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.filter.ExtendedPlugInFilter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.plugin.frame.Recorder;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.ModelRunner;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.layers.NetworkSpec;

/**
 * Plugins &gt; CNN Layers &gt; Run Network...: a trained network from an ONNX or Keras file over the image —
 * {@code run("Run Network...", "model=[/path/unet.onnx] output=[name] tile=0 stack")}. The image's channels are
 * the model input's C, every (z, t) one sample; the result is a new 32-bit image {@code <title>-network}, the
 * active image, or for a classifier the Results table (one row per sample, columns {@code class 0} ...). The
 * source is never changed; Esc stops and discards.
 */
public class RunNetworkPlugin implements ExtendedPlugInFilter, DialogListener {

	/** The command's name in titles and messages */
	static final String NAME = "Run Network";

	private static final int FLAGS = DOES_ALL | NO_CHANGES | NO_UNDO;

	/** The options last confirmed in the dialog */
	private static String last = "";

	private ImagePlus imp;
	private NetworkSpec spec;
	private String options;
	private boolean allPlanes;

	@Override
	public int setup(final String arg, final ImagePlus image) {
		if (!Requirements.met(NAME))
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
		try {
			final String macro = Macro.getOptions();
			if (macro != null) {
				options = macro;
				spec = NetworkSpec.parse(options);
				allPlanes = LayerCommand.processesAllPlanes(image, spec.options());
				return FLAGS;
			}
			final MacroOptions o = NetworkSpec.parseOptions(last);
			final GenericDialog gd = new GenericDialog(NAME);
			gd.addStringField("Model (.onnx .h5 .keras):", NetworkSpec.MODEL.text(o), 45);
			gd.addStringField("Output (empty: the first):", NetworkSpec.OUTPUT.text(o), 20);
			gd.addStringField("Tile (auto, 0: whole image, N >= " + io.github.cnnlayers.network.Tiling.MINIMUM + "):", NetworkSpec.TILE.text(o), 8);
			gd.addMessage("Model: " + new String(new char[150]).replace('\0', ' ')); // one line: a Label the status can update
			gd.addDialogListener(this);
			dialogItemChanged(gd, null);
			gd.showDialog();
			if (gd.wasCanceled()) {
				Recorder.setCommand(null);
				return DONE;
			}
			spec = NetworkSpec.parse(options);
			last = options;
			final int flags = IJ.setupDialog(image, FLAGS);
			if (flags == DONE) {
				Recorder.setCommand(null);
				return DONE;
			}
			allPlanes = (flags & DOES_STACKS) != 0;
			return FLAGS;
		}
		catch (final RuntimeException | Error e) {
			return LayerDialog.failed(NAME, e);
		}
	}

	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		gd.resetCounters();
		final String candidate = "model=" + MacroOptions.quote(gd.getNextString()) + " output=" + MacroOptions.quote(gd.getNextString()) +
			" tile=" + MacroOptions.quote(gd.getNextString());
		String status;
		boolean ok;
		try {
			final NetworkSpec s = NetworkSpec.parse(candidate);
			status = s.describe(imp).replace("\n", " | ");
			options = candidate;
			ok = true;
		}
		catch (final RuntimeException | OutOfMemoryError ex) {
			status = ErrorText.of(ex);
			ok = false;
		}
		LayerDialog.showStatus(gd, status);
		return ok;
	}

	@Override
	public void setNPasses(final int nPasses) {
		// progress is shown per layer by run()
	}

	@Override
	public void run(final ImageProcessor ip) {
		try {
			IJ.resetEscape();
			final long start = System.currentTimeMillis();
			final ModelRunner.Result r = ImageJExecutor.call(() -> ModelRunner.run(imp, spec.model(), spec.output(), allPlanes,
				spec.tiling(), new io.github.cnnlayers.ij.NetworkImages.Progress() {

					@Override
					public void step(final int sample, final int samples, final int node, final int nodes) {
						IJ.showProgress((sample - 1) * nodes + node, samples * nodes);
					}

					@Override
					public void tile(final int sample, final int samples, final int tile, final int tiles) {
						IJ.showStatus(NAME + ": tile " + tile + " of " + tiles + (samples > 1 ? ", plane " + sample + " of " + samples : "") +
							" (Esc stops)");
						step(sample, samples, tile, tiles);
					}
				}, IJ::escapePressed));
			IJ.showProgress(1.0);
			if (r.note() != null)
				IJ.log(NAME + ": " + r.note());
			if (r.image() != null)
				r.image().show();
			else
				table(r.rows());
			IJ.showStatus(NAME + ": " + (System.currentTimeMillis() - start) + " ms; at most " +
				io.github.cnnlayers.ij.HeapBudget.megabytes(r.peakBytes()) + " of tensors per sample");
		}
		catch (final java.util.concurrent.CancellationException e) {
			IJ.showStatus(NAME + " cancelled; nothing was made");
			IJ.resetEscape();
			if (Macro.getOptions() != null || ij.macro.Interpreter.getInstance() != null)
				Macro.abort();
		}
		catch (final RuntimeException | Error e) {
			LayerDialog.failed(NAME, e);
		}
	}

	/** Fills the Results table: one row per sample, columns {@code class 0} ... {@code class K-1}. */
	private static void table(final float[][] rows) {
		final ResultsTable rt = ResultsTable.getResultsTable();
		rt.reset();
		for (final float[] row : rows) {
			rt.incrementCounter();
			for (int k = 0; k < row.length; k++)
				rt.addValue("class " + k, row[k]);
		}
		rt.show("Results");
	}
}

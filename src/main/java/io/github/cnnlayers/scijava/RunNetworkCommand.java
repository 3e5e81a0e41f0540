package io.github.cnnlayers.scijava;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.ModelRunner;
import io.github.cnnlayers.layers.NetworkSpec;

/**
 * Run Network for scripts: a trained ONNX or Keras model over the input's (z, t) samples, as the ImageJ 1.x
 * command {@code Run Network...} does. The parameters are its macro keys with the same defaults: {@code model}
 * (the file), {@code output} (empty: the model's first), {@code tile} ("auto", "0": the whole image, or N: tiles of about N x N), {@code stack}.
 * An image output is {@code result} ({@code <title>-network}); a classifier's scores are {@code scores}, one row per
 * sample. Bad input cancels the command with the menu command's message.
 * <p>
 * Groovy: {@code command.run(RunNetworkCommand, true, "input", imp, "model", "/path/unet.onnx").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Run Network",
	description = "CNN Layers: a trained ONNX or Keras network over the image (the ImageJ 1.x command Run Network... for scripts)")
public class RunNetworkCommand extends ContextCommand {

	/** The image to process; it is never changed. */
	@Parameter(label = "Input image", description = "The image to process; it is never changed", persist = false)
	private ImagePlus input;

	/** The model file. */
	@Parameter(label = "Model", description = "An .onnx, .h5 or .keras file", persist = false)
	private String model;

	/** The output to show; empty: the first. */
	@Parameter(label = "Output", required = false, persist = false, description = "One of the model's outputs (default: the first)")
	private String output = "";

	/** "auto", "0" (the whole image at once) or N (tiles of about N x N pixels). */
	@Parameter(label = "Tile", required = false, persist = false, description = "auto (tiles only when the whole image does not " +
		"fit in free memory), 0 (the whole image at once) or N >= 64 (tiles of about N x N pixels, the result equal to the whole image's)")
	private String tile = "auto";

	/** Every (z, t); else the current one. */
	@Parameter(label = "All planes (stack)", persist = false, description = "Every (z, t) of a stack or hyperstack; else the current one")
	private boolean stack;

	/** The new image, or {@code null} for a classifier or when canceled. */
	@Parameter(type = ItemIO.OUTPUT, label = "Result", required = false, description = "The new image")
	private ImagePlus result;

	/** A classifier's scores, one row per sample, or {@code null}. */
	@Parameter(type = ItemIO.OUTPUT, label = "Scores", required = false, description = "A classifier's scores: one row per sample")
	private float[][] scores;

	@Override
	public void run() {
		result = null;
		scores = null;
		if (input == null) {
			cancel("Run Network: no input image; pass one as \"input\"");
			return;
		}
		try {
			final String options = "model=" + MacroOptions.quote(model == null ? "" : model) +
				(output == null || output.isEmpty() ? "" : " output=" + MacroOptions.quote(output)) + " tile=" + MacroOptions.quote(tile) +
				(stack ? " stack" : "");
			final NetworkSpec spec = NetworkSpec.parse(options);
			final ModelRunner.Result r = ImageJExecutor.call(() -> ModelRunner.run(input, spec.model(), spec.output(), stack, spec.tiling(), null, null));
			result = r.image();
			scores = r.rows();
		}
		catch (final RuntimeException | OutOfMemoryError e) {
			cancel(ErrorText.of(e));
		}
	}

	/** @return the new image after {@link #run()}, or {@code null} */
	public ImagePlus getResult() {
		return result;
	}

	/** @return a classifier's scores after {@link #run()}, or {@code null} */
	public float[][] getScores() {
		return scores;
	}
}

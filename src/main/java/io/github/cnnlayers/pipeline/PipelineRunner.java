package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * Runs the course notes' pipeline, or a pipeline of steps written in the macro syntax, on an image,
 * the embedded sample or every image of a folder, without a display: the main class of the project's
 * one-command demo.
 *
 * <pre>
 * java -cp CNN_Layers.jar:ij.jar:... io.github.cnnlayers.pipeline.PipelineRunner
 *     [--input FILE_OR_FOLDER... | --sample cell|ihc] [--output DIR] [--step "STEP"]... [STEP]...
 * </pre>
 *
 * Without {@code --input} it runs on the embedded {@code cell.png} (0.107 µm per pixel); without steps
 * it runs {@link DemoPipeline}. Every step goes through the registry's spec of its menu command (the
 * same option parser, checks and layer); nothing here calls {@code IJ.run} or opens a dialog, so
 * it works with {@code -Djava.awt.headless=true} and a plain {@code ij.jar}.
 * <p>
 * Files, in the output folder ({@code cnn-layers-output} by default): for every step's result
 * {@code <input>_<suffixes>.tif} (pixel type and calibration kept) and {@code .png} (8-bit view),
 * and {@code <input>_montage.png}, the source and every result side by side, labelled.
 * <p>
 * Exit codes: 0 success; 1 an image could not be read, processed or written (the others go on); 2 bad
 * command line: unknown or repeated option, bad step, input not found, no images in the folder, or an
 * output that would overwrite an input (nothing is written then).
 */
public final class PipelineRunner {

	/** The default output folder, relative to the working directory. */
	public static final String DEFAULT_OUTPUT = "cnn-layers-output";

	/** Exit code: an image could not be read, processed or written. */
	public static final int FAILED = 1;

	/** Exit code: bad command line, missing input, or an output that would overwrite an input. */
	public static final int USAGE_ERROR = 2;

	/** File name extensions taken from an input folder (case-insensitive). */
	public static final List<String> IMAGE_EXTENSIONS = Arrays.asList("tif", "tiff", "png", "jpg", "jpeg", "gif",
		"bmp", "pgm", "fits", "fit", "fts", "dcm");

	private static final String MAIN = PipelineRunner.class.getName();

	/** The usage text printed by {@code --help}. */
	public static final String USAGE = String.join("\n",
		"Usage: java -cp <classpath> " + MAIN,
		"         [--input FILE_OR_FOLDER... | --sample cell|ihc] [--output DIR] [--step \"STEP\"]... [--steps FILE] [STEP]...",
		"",
		"  --input, -i   an image file, or a folder: every image in it (" + String.join(", ", IMAGE_EXTENSIONS) + "), sorted;",
		"                repeat for several (a file given twice is run once)",
		"                default: the embedded sample cell.png (0.107 um/pixel)",
		"  --sample      an embedded sample instead: cell (gray) or ihc (RGB)",
		"  --output, -o  the output folder, created if needed (default: " + DEFAULT_OUTPUT + ")",
		"  --step, -s    a step in the macro syntax: a menu label, then its options (repeat in order);",
		"                arguments that are not options are steps too",
		"                commands: " + LayerCommand.knownLabels() + ", \"Run Network... model=[FILE]\"",
		"                (.onnx, .h5, .keras), and steps of two results: Concat @A @B, Add @A @B, Multiply @A @B",
		"                a step works on the previous result, or on step N's with a leading @N (@0: the input)",
		"                e.g. --step \"Conv2D... kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] stride=2\" \\",
		"                     --step \"Leaky ReLU... alpha=0.1\" --step \"Max Pooling... size=2\"",
		"                default: the course notes' demo: Conv2D (edge kernel) -> ReLU, and",
		"                Conv2D -> Leaky ReLU (alpha=0.1) -> Max Pooling (2x2); and a two-layer learned network",
		"                (weights in the jar): +-Sobel x, +-Sobel y -> ReLU -> 1x1 sum = |gx| + |gy|, as <input>_learned_...;",
		"                on the embedded cell.png also the trained U-Net that segments the cell, as cell_unet_network",
		"  --steps       a text file of steps, one per line (recorded-macro lines work), # starts a comment",
		"  --tile        auto|N: stream each TIFF input tile by tile through the steps, run as one network, into a",
		"                tiled BigTIFF of the last step's result, <input>_<steps>.tif (one page per channel), for images",
		"                larger than memory; equal to the untiled result; 2D steps only (no 3D layer, no vector output);",
		"                N >= 64 pixels, auto: the largest tile that fits in half the free memory",
		"  --help, -h    this text",
		"",
		"Writes <input>_<steps>.tif (32-bit after Conv2D, calibration kept) and .png (8-bit view) for every",
		"step's result, and <input>_montage.png (the source and every result, labelled). Files are complete or",
		"absent: each is written to a temporary name and renamed; an image that fails leaves none of its files.",
		"Exit codes: 0 done; 1 an image could not be read, processed or written (the others go on);",
		"2 bad command line, input not found, or an output that would overwrite an input (nothing written).");

	private final PrintStream out;
	private final PrintStream err;

	private PipelineRunner(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs from the command line; exits with {@link #FAILED} or {@link #USAGE_ERROR} on errors.
	 *
	 * @param args see {@link #USAGE}
	 */
	public static void main(final String[] args) {
		CommandLine.main((out, err) -> run(args, out, err));
	}

	/**
	 * Runs without exiting: what {@link #main} and tests call.
	 *
	 * @param args see {@link #USAGE}
	 * @param out receives the report
	 * @param err receives error messages
	 * @return the exit code: 0, {@link #FAILED} or {@link #USAGE_ERROR}
	 */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		return new PipelineRunner(out, err).run(args);
	}

	private int run(final String[] args) {
		final Arguments a;
		final List<Pipeline> pipelines = new ArrayList<>();
		final List<String> suffixes = new ArrayList<>();
		final List<Input> inputs;
		final List<String> notes = new ArrayList<>();
		final OutputFolder folder;
		try {
			a = Arguments.parse(args);
			if (a.help) {
				out.println(USAGE);
				return 0;
			}
			if (!a.hasSteps()) { // the notes' demo, and the learned-edges network as <input>_learned_...
				pipelines.add(DemoPipeline.pipeline());
				suffixes.add("");
				pipelines.add(DemoPipeline.learnedEdges());
				suffixes.add("_learned");
				if (a.inputs.isEmpty() && (a.sample == null || Samples.CELL.equals(a.sample.trim().toLowerCase(java.util.Locale.ROOT)))) {
					pipelines.add(DemoPipeline.cellUNet()); // trained on cell.png: <input>_unet_network
					suffixes.add("_unet");
				}
			}
			else {
				pipelines.add(Pipeline.parse(a.steps(path -> java.nio.file.Files.readAllLines(java.nio.file.Paths.get(path),
					java.nio.charset.StandardCharsets.UTF_8))));
				suffixes.add("");
			}
			inputs = Input.list(a, notes);
		}
		catch (final IllegalArgumentException e) {
			return CommandLine.usageError(err, e);
		}
		try {
			folder = new OutputFolder(new File(a.output));
		}
		catch (final IOException e) {
			err.println("Error: " + e.getMessage());
			return FAILED;
		}
		final List<String> inputNames = new ArrayList<>();
		final List<String> inputFiles = new ArrayList<>();
		final List<String> labels = new ArrayList<>();
		for (final Input in : inputs) {
			inputNames.add(in.name);
			inputFiles.add(in.file == null ? null : in.file.getPath());
			labels.add(in.label);
		}
		final List<List<OutputNames>> names = OutputNames.plan(inputNames, pipelines, suffixes); // before anything is written
		final String overwrite = ImageJob.overwrittenInput(inputFiles, labels, names, f -> new File(folder.dir(), f).toString(),
			PipelineRunner::canonical);
		if (overwrite != null) {
			err.println("Error: " + overwrite);
			return USAGE_ERROR;
		}
		if (a.tile != null)
			return streamed(a.tile, pipelines.get(0), inputs, names, folder);
		final long start = System.nanoTime();
		out.println("CNN Layers pipeline (headless; each step runs the menu command's own plugin code)");
		final boolean single = inputs.size() == 1 && !a.batch;
		for (final String note : notes)
			out.println(note);
		if (!single)
			out.println("Input:  " + (a.inputs.size() == 1 ? "folder " + new File(a.inputs.get(0)).getAbsoluteFile() : a.inputs.size() +
				" inputs") + ": " + inputs.size() + " image" + (inputs.size() == 1 ? "" : "s"));
		int failed = 0;
		int written = 0;
		for (int i = 0; i < inputs.size(); i++) {
			final Input input = inputs.get(i);
			final String prefix = "[" + (i + 1) + "/" + inputs.size() + "] " + input.label + " ... ";
			final long t0 = System.nanoTime();
			final boolean first = i == 0;
			final ImageJob.Outcome o = ImageJob.run(input::open, pipelines, names.get(i), folder, imp -> {
				if (single)
					out.println("Input:  " + input.label + ": " + describe(imp));
				if (single || first) {
					for (int k = 0; k < pipelines.size(); k++)
						ImageJob.printPlan(out, pipelines.get(k), suffixes.get(k));
					out.println("Output: " + folder.dir());
				}
				return ImageJob.Release.NOTHING;
			});
			if (!o.ok()) {
				failed++;
				if (single)
					err.println("Error: " + o.error());
				else
					out.println(prefix + "FAILED: " + o.error());
				continue;
			}
			written += o.files().size();
			if (single)
				printRun(o.image(), o.maps(), o.files(), folder, o.warning());
			else
				out.println(prefix + "done in " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + size(o.image()) + "; " +
					stepTimes(o.maps()) + "; " + o.files().size() + " files)" + notes(o.maps()) + (o.warning() == null ? "" : "; warning: " +
						o.warning()));
		}
		final long ms = (System.nanoTime() - start) / 1_000_000;
		if (single)
			return failed > 0 ? FAILED : done(ms);
		out.println("Wrote " + written + " files to " + folder.dir() + ".");
		if (failed > 0) {
			err.println("Error: " + failed + " of " + inputs.size() + " images failed (see above).");
			return FAILED;
		}
		out.println("Done: " + inputs.size() + " image" + (inputs.size() == 1 ? "" : "s") + " in " + ms + " ms.");
		return 0;
	}

	/**
	 * --tile: each TIFF input streamed through the pipeline, as one network ({@link PipelineNetwork}), into a tiled
	 * BigTIFF of the last step's result ({@link StreamedNetworkRun}), named as the untiled run names that result;
	 * pipelines with a step that cannot be a part of a network of planes, and inputs that are not TIFF, are refused.
	 */
	private int streamed(final String tile, final Pipeline pipeline, final List<Input> inputs, final List<List<OutputNames>> names,
		final OutputFolder folder)
	{
		final PipelineNetwork network = new PipelineNetwork(pipeline);
		final io.github.cnnlayers.network.Tiling tiling;
		try {
			tiling = io.github.cnnlayers.network.Tiling.parse(tile);
			if (tiling.whole())
				throw new IllegalArgumentException("--tile: " + StreamedNetworkRun.WHOLE_REFUSED);
			for (final Input in : inputs)
				StreamedNetworkRun.checkTiff(in.file == null ? in.label : in.file.getName(), in.label);
		}
		catch (final IllegalArgumentException e) {
			return CommandLine.usageError(err, e);
		}
		int failed = 0;
		for (int i = 0; i < inputs.size(); i++) {
			final Input in = inputs.get(i);
			final File target = new File(folder.dir(), names.get(i).get(0).streamedFile());
			final long t0 = System.nanoTime();
			try {
				out.println(StreamedNetworkRun.run(network, network.outputs().get(0), in.file.toPath(), target.toPath(), tiling) +
					" in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
			}
			catch (final IOException | RuntimeException e) {
				failed++;
				err.println("Error: " + StreamedNetworkRun.pipelineError(in.label, e));
			}
		}
		return failed > 0 ? FAILED : 0;
	}

	private int done(final long ms) {
		out.println(String.format(Locale.ROOT, "Done in %d ms.", ms));
		return 0;
	}

	private static String canonical(final String path) {
		final File f = new File(path);
		try {
			return f.getCanonicalPath();
		}
		catch (final IOException e) {
			return f.getAbsolutePath();
		}
	}

	private void printRun(final ImagePlus imp, final List<FeatureMap> maps, final List<File> files, final OutputFolder folder,
		final String warning)
	{
		out.println("Ran:");
		for (int i = 0; i < maps.size(); i++) {
			final FeatureMap m = maps.get(i);
			final Step s = m.step();
			final ImagePlus in = s.input() == 0 ? imp : maps.get(i - s.number() + s.input()).image();
			out.println(String.format(Locale.ROOT, "  step %d %-19s %s -> %s  %5d ms  %s", s.number(), s.label(),
				size(in), size(m.image()) + ", " + calibration(m.image()), m.millis(), m.name()));
			if (m.note() != null)
				out.println("         note: " + m.note());
		}
		out.println("Wrote " + files.size() + " files to " + folder.dir() + ":");
		for (int i = 0; i < files.size(); i++) {
			final File f = files.get(i);
			final boolean pair = f.getName().endsWith(".tif") && i + 1 < files.size();
			out.println("  " + f.getName() + (pair ? "  " + files.get(++i).getName() : ""));
		}
		if (warning != null)
			out.println("Warning: " + warning);
	}

	private static String stepTimes(final List<FeatureMap> maps) {
		final StringBuilder steps = new StringBuilder();
		for (final FeatureMap m : maps)
			steps.append(steps.length() == 0 ? "" : ", ").append(m.step().fileSuffix()).append(' ').append(m.millis()).append(" ms");
		return steps.toString();
	}

	private static String notes(final List<FeatureMap> maps) {
		final StringBuilder notes = new StringBuilder();
		for (final FeatureMap m : maps)
			if (m.note() != null)
				notes.append("; note: step ").append(m.step().number()).append(": ").append(m.note());
		return notes.toString();
	}

	/** @return e.g. {@code "550 x 660 pixels, 8-bit, 1 plane, 0.107 µm/pixel"} */
	static String describe(final ImagePlus imp) {
		final int planes = imp.getStackSize();
		return imp.getWidth() + " x " + imp.getHeight() + " pixels, " + type(imp) + ", " + planes + " plane" +
			(planes == 1 ? "" : "s") + ", " + calibration(imp);
	}

	/** @return e.g. {@code "550x660 32-bit"}, {@code "512x512 32-bit, 3 channels"} or {@code "64x64x10 16-bit"} */
	static String size(final ImagePlus imp) {
		final int c = imp.getNChannels();
		final int planes = imp.getStackSize() / c;
		return imp.getWidth() + "x" + imp.getHeight() + (planes > 1 ? "x" + planes : "") + " " + type(imp) +
			(c > 1 ? ", " + c + " channels" : "");
	}

	private static String type(final ImagePlus imp) {
		return imp.getBitDepth() == 24 ? "RGB" : imp.getBitDepth() + "-bit";
	}

	/** @return e.g. {@code "0.107 µm/pixel"}, {@code "uncalibrated"}, or {@code "uncalibrated, 2 input pixels/pixel"} after a stride */
	static String calibration(final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		final String w = NumberText.of(round(cal.pixelWidth));
		final String h = NumberText.of(round(cal.pixelHeight));
		final String size = w.equals(h) ? w : w + " x " + h;
		final String unit = cal.getUnit();
		if (unit == null || unit.equals("pixel") || unit.equals("pixels") || unit.isEmpty())
			return "uncalibrated" + (size.equals("1") ? "" : ", " + size + " input pixels/pixel");
		return size + " " + unit + "/pixel";
	}

	private static double round(final double v) {
		return Double.parseDouble(String.format(Locale.ROOT, "%.6g", v));
	}
}

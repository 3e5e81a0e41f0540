package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.plugins.LayerCommand;

/**
 * Runs the course notes' pipeline, or a pipeline of steps written in the macro syntax, on an image,
 * the embedded sample or every image of a folder, without a display: the main class of the project's
 * one-command demo.
 *
 * <pre>
 * java -cp CNN_Layers.jar:ij.jar:... io.github.cnnlayers.pipeline.PipelineRunner
 *     [--input FILE_OR_FOLDER | --sample cell|ihc] [--output DIR] [--step "STEP"]... [STEP]...
 * </pre>
 *
 * Without {@code --input} it runs on the embedded {@code cell.png} (0.107 µm per pixel); without steps
 * it runs {@link DemoPipeline}. Every step goes through the menu command's own plugin class (its
 * {@code process} method and option parser); nothing here calls {@code IJ.run} or opens a dialog, so
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
		"         [--input FILE_OR_FOLDER | --sample cell|ihc] [--output DIR] [--step \"STEP\"]... [--steps FILE] [STEP]...",
		"",
		"  --input, -i   an image file, or a folder: every image in it (" + String.join(", ", IMAGE_EXTENSIONS) + "), sorted",
		"                default: the embedded sample cell.png (0.107 um/pixel)",
		"  --sample      an embedded sample instead: cell (gray) or ihc (RGB)",
		"  --output, -o  the output folder, created if needed (default: " + DEFAULT_OUTPUT + ")",
		"  --step, -s    a step in the macro syntax: a menu label, then its options (repeat in order);",
		"                arguments that are not options are steps too",
		"                commands: " + LayerCommand.knownLabels(),
		"                a step works on the previous result, or on step N's with a leading @N (@0: the input)",
		"                e.g. --step \"Conv2D... kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] stride=2\" \\",
		"                     --step \"Leaky ReLU... alpha=0.1\" --step \"Max Pooling... size=2\"",
		"                default: the course notes' demo: Conv2D (edge kernel) -> ReLU, and",
		"                Conv2D -> Leaky ReLU (alpha=0.1) -> Max Pooling (2x2)",
		"  --steps       a text file of steps, one per line (recorded-macro lines work), # starts a comment",
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
		if (System.getProperty("java.awt.headless") == null)
			System.setProperty("java.awt.headless", "true");
		final PrintStream out = utf8(FileDescriptor.out, System.out);
		final PrintStream err = utf8(FileDescriptor.err, System.err);
		final int code = run(args, out, err);
		out.flush();
		err.flush();
		if (code != 0)
			System.exit(code);
	}

	private static PrintStream utf8(final FileDescriptor fd, final PrintStream fallback) {
		try {
			return new PrintStream(new FileOutputStream(fd), true, "UTF-8");
		}
		catch (final UnsupportedEncodingException e) {
			return fallback;
		}
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
		final Pipeline pipeline;
		final List<Input> inputs;
		final OutputFolder folder;
		try {
			a = Arguments.parse(args);
			if (a.help) {
				out.println(USAGE);
				return 0;
			}
			pipeline = a.steps.isEmpty() ? DemoPipeline.pipeline() : Pipeline.parse(a.steps);
			inputs = Input.list(a);
		}
		catch (final IllegalArgumentException e) {
			err.println("Error: " + e.getMessage().replace("\n", "\nError: "));
			err.println("Run with --help for the usage.");
			return USAGE_ERROR;
		}
		try {
			folder = new OutputFolder(new File(a.output));
		}
		catch (final IOException e) {
			err.println("Error: " + e.getMessage());
			return FAILED;
		}
		final String overwrite = overwrittenInput(inputs, pipeline, folder);
		if (overwrite != null) {
			err.println("Error: " + overwrite);
			return USAGE_ERROR;
		}
		final long start = System.nanoTime();
		out.println("CNN Layers pipeline (headless; each step runs the menu command's own plugin code)");
		final boolean single = inputs.size() == 1 && !a.batch;
		if (!single)
			out.println("Input:  folder " + new File(a.input).getAbsoluteFile() + ": " + inputs.size() + " image" +
				(inputs.size() == 1 ? "" : "s"));
		int failed = 0;
		int written = 0;
		for (int i = 0; i < inputs.size(); i++) {
			final Input input = inputs.get(i);
			final String prefix = "[" + (i + 1) + "/" + inputs.size() + "] " + input.label + " ... ";
			final long t0 = System.nanoTime();
			try {
				final ImagePlus imp = input.open();
				if (single) {
					out.println("Input:  " + input.label + ": " + describe(imp));
					printPlan(pipeline);
					out.println("Output: " + folder.dir());
				}
				else if (i == 0) {
					printPlan(pipeline);
					out.println("Output: " + folder.dir());
				}
				final List<FeatureMap> maps = pipeline.run(imp, input.name);
				final String warning = save(imp, input.name, maps, folder);
				final List<File> files = new ArrayList<>(folder.written());
				folder.keep();
				written += files.size();
				if (single)
					printRun(imp, maps, files, folder, warning);
				else
					out.println(prefix + "done in " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + size(imp) + "; " +
						stepTimes(maps) + "; " + files.size() + " files)" + notes(maps) + (warning == null ? "" : "; warning: " + warning));
			}
			catch (final IOException | RuntimeException | OutOfMemoryError e) {
				folder.discard(); // all or nothing per image
				failed++;
				final String message = ImageFailure.message(e);
				if (single)
					err.println("Error: " + message);
				else
					out.println(prefix + "FAILED: " + message);
			}
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

	private int done(final long ms) {
		out.println(String.format(Locale.ROOT, "Done in %d ms.", ms));
		return 0;
	}

	/**
	 * @return why the run would write over one of its inputs (an output file name equal to an input
	 *         file), or {@code null}; checked before anything is written
	 */
	private static String overwrittenInput(final List<Input> inputs, final Pipeline pipeline, final OutputFolder folder) {
		final java.util.Map<File, Input> byFile = new java.util.HashMap<>();
		for (final Input in : inputs)
			if (in.file != null)
				byFile.put(canonical(in.file), in);
		if (byFile.isEmpty())
			return null;
		for (final Input in : inputs) {
			final List<File> outputs = new ArrayList<>();
			for (final String name : pipeline.outputNames(in.name))
				outputs.addAll(folder.filesOf(name));
			outputs.add(new File(folder.dir(), in.name + "_montage.png"));
			for (final File o : outputs) {
				final Input victim = byFile.get(canonical(o));
				if (victim != null)
					return "the output " + o + " of " + in.label + " would overwrite the input " + victim.file.getPath() +
						"; inputs are never overwritten: choose another --output folder";
			}
		}
		return null;
	}

	private static File canonical(final File f) {
		try {
			return f.getCanonicalFile();
		}
		catch (final IOException e) {
			return f.getAbsoluteFile();
		}
	}

	private void printRun(final ImagePlus imp, final List<FeatureMap> maps, final List<File> files, final OutputFolder folder,
		final String warning)
	{
		out.println("Ran:");
		for (final FeatureMap m : maps) {
			final Step s = m.step();
			final ImagePlus in = s.input() == 0 ? imp : maps.get(s.input() - 1).image();
			out.println(String.format(Locale.ROOT, "  step %d %-19s %s -> %s  %5d ms  %s", s.number(), s.command().label(),
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
			steps.append(steps.length() == 0 ? "" : ", ").append(m.step().command().fileSuffix()).append(' ').append(m.millis()).append(" ms");
		return steps.toString();
	}

	private static String notes(final List<FeatureMap> maps) {
		final StringBuilder notes = new StringBuilder();
		for (final FeatureMap m : maps)
			if (m.note() != null)
				notes.append("; note: step ").append(m.step().number()).append(": ").append(m.note());
		return notes.toString();
	}

	/** Saves every map and the montage; returns the montage's warning (missing fonts) or null. */
	static String save(final ImagePlus source, final String name, final List<FeatureMap> maps,
		final OutputFolder folder) throws IOException
	{
		final Montage montage = new Montage();
		montage.add(ScreenView.of(source), source.getTitle(), size(source));
		for (final FeatureMap m : maps) {
			folder.save(m);
			montage.add(ScreenView.of(m.image()), m.name(), m.step().caption() + ", " + size(m.image()));
		}
		folder.savePng(montage.build(), name + "_montage");
		return montage.warning();
	}

	private void printPlan(final Pipeline pipeline) {
		final int n = pipeline.steps().size();
		out.println("Pipeline: " + n + " step" + (n == 1 ? "" : "s") + (pipeline.isChain() ? ", each on the previous result"
			: "; @N: on step N's result"));
		for (final Step s : pipeline.steps()) {
			out.println("  " + s.number() + ". " + s.text());
			out.println("       " + s.describe());
		}
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

	/** The command line. */
	private static final class Arguments {

		String input;
		String sample;
		String output = DEFAULT_OUTPUT;
		final List<String> steps = new ArrayList<>();
		boolean outputGiven;
		boolean help;
		boolean batch;

		static Arguments parse(final String[] args) {
			final Arguments a = new Arguments();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				String value = null;
				if (arg.startsWith("--") && arg.contains("=")) {
					value = arg.substring(arg.indexOf('=') + 1);
					arg = arg.substring(0, arg.indexOf('='));
				}
				switch (arg) {
					case "--help":
					case "-h":
						a.help = true;
						break;
					case "--input":
					case "-i":
						a.input = once(a.input, "--input", value != null ? value : next(args, ++i, arg));
						break;
					case "--sample":
						a.sample = once(a.sample, "--sample", value != null ? value : next(args, ++i, arg));
						break;
					case "--output":
					case "-o":
						a.output = once(a.outputGiven ? a.output : null, "--output", value != null ? value : next(args, ++i, arg));
						a.outputGiven = true;
						break;
					case "--steps":
						a.steps.addAll(stepsFile(value != null ? value : next(args, ++i, arg)));
						break;
					case "--step":
					case "-s":
						a.steps.add(value != null ? value : next(args, ++i, arg));
						break;
					default:
						if (arg.startsWith("-"))
							throw new IllegalArgumentException("unknown option \"" + args[i] + "\"; options: --input, --sample, --output, --step, --steps, --help");
						a.steps.add(args[i]);
				}
			}
			if (a.input != null && a.sample != null)
				throw new IllegalArgumentException("give either --input or --sample, not both");
			if (a.output.trim().isEmpty())
				throw new IllegalArgumentException("--output needs a folder name");
			return a;
		}

		private static String once(final String previous, final String option, final String value) {
			if (previous != null)
				throw new IllegalArgumentException(option + " is given twice (\"" + previous + "\" and \"" + value + "\"); give it once");
			return value;
		}

		/** @return the steps of a steps file: one per line, blank lines and {@code #} comments skipped */
		private static List<String> stepsFile(final String path) {
			final List<String> lines;
			try {
				lines = java.nio.file.Files.readAllLines(java.nio.file.Paths.get(path), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (final IOException | RuntimeException e) {
				throw new IllegalArgumentException("cannot read the steps file " + path + " (" + e.getClass().getSimpleName() +
					"); give a text file with one step per line");
			}
			final List<String> steps = new ArrayList<>();
			for (final String line : lines) {
				final String t = line.trim();
				if (!t.isEmpty() && !t.startsWith("#"))
					steps.add(t);
			}
			if (steps.isEmpty())
				throw new IllegalArgumentException("the steps file " + path + " holds no step (blank lines and # comments only)");
			return steps;
		}

		private static String next(final String[] args, final int i, final String option) {
			if (i >= args.length)
				throw new IllegalArgumentException(option + " needs a value");
			return args[i];
		}
	}

	/** One input image: an embedded sample or a file, opened when needed. */
	private static final class Input {

		final String name;
		final String label;
		final File file;
		final String sample;

		private Input(final String name, final String label, final File file, final String sample) {
			this.name = name;
			this.label = label;
			this.file = file;
			this.sample = sample;
		}

		static List<Input> list(final Arguments a) {
			if (a.input == null) {
				final String title = Samples.fileName(a.sample == null ? Samples.CELL : a.sample);
				return Arrays.asList(new Input(baseName(title), title + " (embedded sample)", null, title));
			}
			final File f = new File(a.input);
			if (!f.exists())
				throw new IllegalArgumentException("input not found: " + f.getAbsolutePath());
			if (f.isFile())
				return Arrays.asList(new Input(baseName(f.getName()), f.getPath(), f, null));
			a.batch = true;
			final File[] files = f.listFiles();
			final List<File> images = new ArrayList<>();
			if (files != null)
				for (final File c : files)
					if (c.isFile() && !c.getName().startsWith(".") && IMAGE_EXTENSIONS.contains(extension(c.getName())))
						images.add(c);
			if (images.isEmpty())
				throw new IllegalArgumentException("no image files in folder " + f.getAbsolutePath() + " (looked for " +
					String.join(", ", IMAGE_EXTENSIONS) + ")");
			images.sort((x, y) -> x.getName().compareTo(y.getName()));
			final List<Input> inputs = new ArrayList<>();
			final Set<String> names = new HashSet<>();
			for (final File c : images) {
				String n = baseName(c.getName());
				if (!names.add(n)) {
					n = n + "_" + extension(c.getName());
					names.add(n);
				}
				inputs.add(new Input(n, c.getName(), c, null));
			}
			return inputs;
		}

		ImagePlus open() throws IOException {
			return sample != null ? Samples.image(sample) : ImageFiles.open(file);
		}

		private static String baseName(final String fileName) {
			final int dot = fileName.lastIndexOf('.');
			return dot > 0 ? fileName.substring(0, dot) : fileName;
		}

		private static String extension(final String fileName) {
			final int dot = fileName.lastIndexOf('.');
			return dot > 0 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		}
	}
}

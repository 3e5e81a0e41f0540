package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import ij.ImagePlus;
import ij.io.FileInfo;
import io.github.cnnlayers.ij.ErrorText;

/**
 * The per-image job every runner shares (the command line, the Spark job): open the image, run the
 * pipelines, write every result ({@code .tif} and {@code .png}) and the montage into a folder, all or
 * nothing ({@link #run(Source, List, List, OutputFolder, Gate)}); and what the runners decide the same
 * way around it: the inputs' and outputs' names, the overwrite check, the plan they print, the
 * memory an image needs.
 */
public final class ImageJob {

	/** The suffix of the montage file name: {@code <input>_montage.png} ({@link OutputNames#MONTAGE_SUFFIX}). */
	public static final String MONTAGE_SUFFIX = OutputNames.MONTAGE_SUFFIX;

	/** At most this many channels of a multi-channel feature map get a panel in the montage. */
	static final int MONTAGE_CHANNELS = 8;

	private ImageJob() {}

	/** What became of one image. */
	public static final class Outcome {

		private final ImagePlus image;
		private final List<FeatureMap> maps;
		private final List<File> files;
		private final String error;
		private final String warning;

		private Outcome(final ImagePlus image, final List<FeatureMap> maps, final List<File> files, final String error,
			final String warning)
		{
			this.image = image;
			this.maps = Collections.unmodifiableList(new ArrayList<>(maps));
			this.files = Collections.unmodifiableList(new ArrayList<>(files));
			this.error = error;
			this.warning = warning;
		}

		private static Outcome failed(final Throwable e) {
			return new Outcome(null, Collections.<FeatureMap> emptyList(), Collections.<File> emptyList(), ErrorText.of(e), null);
		}

		/** @return the opened image; {@code null} when the image failed */
		public ImagePlus image() {
			return image;
		}

		/** @return every pipeline's results, in order; empty when the image failed */
		public List<FeatureMap> maps() {
			return maps;
		}

		/** @return the files written, in the command line's order; empty when the image failed */
		public List<File> files() {
			return files;
		}

		/** @return the one-line message of the failure (the command line's wording), or {@code null} */
		public String error() {
			return error;
		}

		/** @return a warning about the written files (e.g. missing fonts in the montage), or {@code null} */
		public String warning() {
			return warning;
		}

		/** @return whether every file was written */
		public boolean ok() {
			return error == null;
		}
	}

	/** An image to open: a file, an embedded sample. */
	public interface Source {

		/**
		 * @return the image
		 * @throws IOException when it cannot be read, with the message to report
		 */
		ImagePlus open() throws IOException;
	}

	/**
	 * Admits an opened image to its steps, or refuses it (e.g. when the memory they need is not free);
	 * what a runner does between opening an image and running it (reserve memory, print the plan).
	 */
	public interface Gate {

		/**
		 * @param imp the opened image, before any step runs
		 * @return what to call when the image's files are written or it failed
		 * @throws IOException when the image must not run, with the message to report
		 */
		Release enter(ImagePlus imp) throws IOException;
	}

	/** Called once when an admitted image is finished. */
	public interface Release {

		/** Releases nothing: for a gate that takes nothing. */
		Release NOTHING = () -> {};

		/** Releases what {@link Gate#enter} took. */
		void release();
	}

	/**
	 * Opens an image file, runs the pipeline and writes its files into a folder, as
	 * {@link #run(Source, List, List, OutputFolder, Gate)} does.
	 *
	 * @param pipeline the steps
	 * @param file the image file; its name is the source's title in the montage
	 * @param name the input's name, the start of every output name (see {@link #inputNames})
	 * @param dir the folder to write into, created when missing
	 * @return the files written, or the failure
	 */
	public static Outcome run(final Pipeline pipeline, final File file, final String name, final File dir) {
		try {
			return run(() -> ImageFiles.open(file), Collections.singletonList(pipeline), Collections.singletonList(OutputNames.of(pipeline,
				name)), new OutputFolder(dir), imp -> Release.NOTHING);
		}
		catch (final IOException e) { // the folder
			return Outcome.failed(e);
		}
	}

	/**
	 * The one per-image sequence of every runner: open the image, let the gate admit it, run each
	 * pipeline, write its results and montage, and keep the image's files, or, on any failure
	 * (unreadable file, a step that does not fit, out of memory, a write error), discard all of them.
	 *
	 * @param source the image
	 * @param pipelines the pipelines, in order
	 * @param names one per pipeline: its output names, planned for the whole run ({@link OutputNames#plan})
	 * @param folder the folder to write into; holds nothing unkept when this returns
	 * @param gate admits the opened image
	 * @return the image, its results and the files written, or the failure (never thrown)
	 */
	public static Outcome run(final Source source, final List<Pipeline> pipelines, final List<OutputNames> names,
		final OutputFolder folder, final Gate gate)
	{
		Release release = null;
		try {
			final ImagePlus imp = source.open();
			release = gate.enter(imp);
			final List<FeatureMap> maps = new ArrayList<>();
			String warning = null;
			for (int k = 0; k < pipelines.size(); k++) {
				final List<FeatureMap> m = pipelines.get(k).run(imp, names.get(k));
				final String w = save(imp, names.get(k).montage(), m, folder);
				warning = warning == null ? w : warning;
				maps.addAll(m);
			}
			final List<File> files = new ArrayList<>(folder.written());
			folder.keep();
			return new Outcome(imp, maps, files, null, warning);
		}
		catch (final IOException | RuntimeException | OutOfMemoryError e) {
			folder.discard(); // all or nothing per image
			return Outcome.failed(e);
		}
		finally {
			if (release != null)
				release.release();
		}
	}

	/** Saves every map and the montage (named {@code montageName}); returns the montage's warning (missing fonts) or null. */
	private static String save(final ImagePlus source, final String montageName, final List<FeatureMap> maps,
		final OutputFolder folder) throws IOException
	{
		final Montage montage = new Montage();
		montage.add(ScreenView.of(source), source.getTitle(), PipelineRunner.size(source));
		for (final FeatureMap m : maps) {
			folder.save(m);
			final ImagePlus imp = m.image();
			if (imp.isComposite() && ((ij.CompositeImage) imp).getMode() != ij.IJ.COMPOSITE && imp.getNChannels() > 1) {
				final int shown = Math.min(imp.getNChannels(), MONTAGE_CHANNELS);
				for (int c = 1; c <= shown; c++) // a panel per channel of a feature-map stack
					montage.add(ScreenView.gray(imp.getStack().getProcessor(imp.getStackIndex(c, 1, 1))), m.name() + " [" + c + "/" +
						imp.getNChannels() + "]", String.valueOf(imp.getStack().getSliceLabel(imp.getStackIndex(c, 1, 1))));
			}
			else
				montage.add(ScreenView.of(imp), m.name(), m.step().caption() + ", " + PipelineRunner.size(imp));
		}
		folder.savePng(montage.build(), montageName);
		return montage.warning();
	}

	/**
	 * The one overwrite check of every runner, before anything is written.
	 *
	 * @param inputs the inputs' paths, in the run's order; {@code null} for one that is no file (a sample)
	 * @param labels the inputs' names in messages
	 * @param names per input, per pipeline, its output names ({@link OutputNames#plan})
	 * @param inFolder an output file name's path in the output folder
	 * @param key a path as compared (e.g. canonical; as given for URIs)
	 * @return why the run would write over one of its inputs, or {@code null}
	 */
	public static String overwrittenInput(final List<String> inputs, final List<String> labels, final List<List<OutputNames>> names,
		final Function<String, String> inFolder, final Function<String, String> key)
	{
		final Map<String, String> byKey = new HashMap<>();
		for (final String in : inputs)
			if (in != null)
				byKey.put(key.apply(in), in);
		for (int i = 0; i < inputs.size() && !byKey.isEmpty(); i++)
			for (final OutputNames n : names.get(i))
				for (final String f : n.fileNames()) {
					final String o = inFolder.apply(f);
					if (byKey.containsKey(key.apply(o)))
						return "the output " + o + " of " + labels.get(i) + " would overwrite the input " + byKey.get(key.apply(o)) +
							"; inputs are never overwritten: choose another --output folder";
				}
		return null;
	}

	/**
	 * The one plan printer: a pipeline's header and its steps, each with its description.
	 *
	 * @param out receives the lines
	 * @param pipeline the steps
	 * @param suffix the pipeline's suffix of output names ({@link OutputNames#plan}), {@code ""} for none
	 */
	public static void printPlan(final PrintStream out, final Pipeline pipeline, final String suffix) {
		final int n = pipeline.steps().size();
		out.println("Pipeline" + (suffix.isEmpty() ? "" : " (results <input>" + suffix + "_...)") + ": " + n + " step" +
			(n == 1 ? "" : "s") + (pipeline.isChain() ? ", each on the previous result" : "; @N: on step N's result"));
		for (final Step s : pipeline.steps()) {
			out.println("  " + s.number() + ". " + s.text());
			out.println("       " + s.describe());
		}
	}

	/**
	 * @param pipeline the steps
	 * @param name an input's name
	 * @return the names of the files {@link #run} writes for it alone, in its order: {@code <map>.tif},
	 *         {@code <map>.png} for every step, then {@code <name>_montage.png} ({@link OutputNames#fileNames})
	 */
	public static List<String> outputFileNames(final Pipeline pipeline, final String name) {
		return OutputNames.of(pipeline, name).fileNames();
	}

	/**
	 * The output names of input files, as the command line gives them in a folder batch: the file name
	 * without its extension, or, when an earlier file (in the given order) has taken it, with
	 * {@code _<extension>} appended ({@code a.tif}, {@code a.png} give {@code a}, {@code a_png}); a
	 * further clash (same file name in two folders) gets {@code _2}, {@code _3}, ...
	 *
	 * @param fileNames file names (no folders), sorted as the inputs will be listed
	 * @return one name per file, all different
	 */
	public static List<String> inputNames(final List<String> fileNames) {
		final List<String> names = new ArrayList<>(fileNames.size());
		final Set<String> taken = new HashSet<>();
		for (final String f : fileNames) {
			final int dot = f.lastIndexOf('.');
			String n = dot > 0 ? f.substring(0, dot) : f;
			if (!taken.add(n)) {
				n = n + "_" + (dot > 0 ? f.substring(dot + 1).toLowerCase(Locale.ROOT) : "");
				if (!taken.add(n)) {
					int i = 2;
					while (!taken.add(n + "_" + i))
						i++;
					n = n + "_" + i;
				}
			}
			names.add(n);
		}
		return names;
	}

	/**
	 * @param fileName a file name
	 * @return whether a folder batch takes it: a known image extension ({@link PipelineRunner#IMAGE_EXTENSIONS}), not hidden
	 */
	public static boolean isImageFileName(final String fileName) {
		return !fileName.startsWith(".") && hasImageExtension(fileName);
	}

	/**
	 * @param fileName a file name
	 * @return whether it ends in a known image extension ({@link PipelineRunner#IMAGE_EXTENSIONS}), in any case
	 */
	public static boolean hasImageExtension(final String fileName) {
		final int dot = fileName.lastIndexOf('.');
		return dot >= 0 && dot < fileName.length() - 1 &&
			PipelineRunner.IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/**
	 * Why a folder batch leaves out an entry of an input folder whose name looks like an image's: the
	 * one rule of the command line and the Spark job, so that nothing that looks like an image is left
	 * out without a word.
	 *
	 * @param fileName the entry's name
	 * @param regularFile whether it is a regular file (or a link to one)
	 * @param danglingLink whether it is a symbolic link to nothing
	 * @return the reason, e.g. {@code "a hidden file"}, or {@code null} when the batch takes it or its
	 *         name is no image's (e.g. {@code notes.txt}: not mentioned)
	 */
	public static String skipReason(final String fileName, final boolean regularFile, final boolean danglingLink) {
		if (!hasImageExtension(fileName))
			return null;
		if (danglingLink)
			return "a link to a file that does not exist";
		if (fileName.startsWith("."))
			return "a hidden file (its name starts with a dot)";
		if (!regularFile)
			return "not a regular file (a folder, pipe or device)";
		return null;
	}

	/**
	 * @param path an input left out
	 * @param reason why ({@link #skipReason})
	 * @return the line the command line and the Spark job print for it
	 */
	public static String skippedLine(final String path, final String reason) {
		return "Skipped: " + path + ": " + reason;
	}

	/**
	 * The inputs of a run, each once: the first of every group of items with the same key (an input's
	 * normalized absolute path or URI), in order, with a line for every group given more than once.
	 *
	 * @param items the inputs, in the run's order
	 * @param key an item's normalized absolute path or URI
	 * @param notes receives one line per input given more than once
	 * @param <T> the type of inputs
	 * @return the items, each path once
	 */
	public static <T> List<T> eachOnce(final List<T> items, final java.util.function.Function<T, String> key, final List<String> notes) {
		final java.util.Map<String, Integer> count = new java.util.LinkedHashMap<>();
		final List<T> once = new ArrayList<>(items.size());
		for (final T item : items)
			if (count.merge(key.apply(item), 1, Integer::sum) == 1)
				once.add(item);
		for (final java.util.Map.Entry<String, Integer> e : count.entrySet())
			if (e.getValue() > 1)
				notes.add("Input " + e.getKey() + " is given " + e.getValue() + " times; it is run once");
		return once;
	}

	/**
	 * Estimates the memory, in bytes, that running a pipeline on an image needs at most at once: the
	 * image, every step's result as 32-bit planes of at most the input's size (padding included) with
	 * the input's planes, and the 8-bit views and montage. Learned convolutions with more output than
	 * input channels need more; out-of-memory errors are still caught and reported per image.
	 *
	 * @param width the image's width
	 * @param height its height
	 * @param planes its number of planes (channels × slices × frames; 3 for RGB)
	 * @param bytesPerPixel bytes per pixel of the image as stored (1, 2, 4; RGB: 4 for the whole pixel)
	 * @param pipeline the steps
	 * @return the estimate
	 */
	public static long memoryNeeded(final int width, final int height, final int planes, final int bytesPerPixel,
		final Pipeline pipeline)
	{
		final long pixels = (long) width * height;
		final long input = pixels * Math.max(1, planes) * Math.max(1, bytesPerPixel);
		final long perStep = (long) (width + 16) * (height + 16) * Math.max(1, planes) * 4;
		final int steps = pipeline.steps().size();
		// every result is kept (each is written), plus one working copy; views and montage: 1 byte per pixel each
		return input + perStep * (steps + 1) + pixels * (steps + 1) * 2;
	}

	/**
	 * Reads the size of an image from its header only, without reading pixels: TIFF files, for a
	 * memory check before opening.
	 *
	 * @param file an image file
	 * @return {width, height, planes, bytesPerPixel}, or {@code null} when not a TIFF ImageJ can read the header of
	 */
	public static int[] tiffSize(final File file) {
		final FileInfo[] infos = ImageFiles.tiffInfo(file);
		if (infos == null || infos.length == 0)
			return null;
		final FileInfo fi = infos[0];
		final int planes = infos.length > 1 ? infos.length : Math.max(1, fi.nImages);
		return new int[] { fi.width, fi.height, planes * (fi.getBytesPerPixel() == 3 ? 3 : 1),
			fi.getBytesPerPixel() == 3 ? 1 : Math.max(1, fi.getBytesPerPixel()) };
	}
}

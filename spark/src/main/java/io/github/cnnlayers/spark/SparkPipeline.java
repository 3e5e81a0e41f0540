package io.github.cnnlayers.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

import io.github.cnnlayers.pipeline.CommandLine;
import io.github.cnnlayers.pipeline.ImageFiles;
import io.github.cnnlayers.pipeline.ImageJob;
import io.github.cnnlayers.pipeline.OutputFolder;
import io.github.cnnlayers.pipeline.OutputNames;
import io.github.cnnlayers.pipeline.Pipeline;
import io.github.cnnlayers.pipeline.PipelineRunner;
import io.github.cnnlayers.pipeline.Recipe;
import io.github.cnnlayers.pipeline.StreamedNetworkRun;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * The headless pipeline on Apache Spark: every image of a folder, glob or list file (on any
 * filesystem Hadoop reads) is one task that runs the steps with the command line's own code and
 * writes the command line's files into the output folder. Run with {@code spark-submit}; without a
 * master (plain {@code java}) it runs in local mode on every core.
 * <p>
 * Images whose complete outputs exist and were made by the same steps and weight files (the manifest's
 * recipe) are skipped (unless {@code --overwrite}), so a job that died half-way resumes where it
 * stopped; outputs that other steps made, or that no manifest row accounts for, stop the job before
 * anything is written (exit 2). An image that fails is reported and the others go on. The job
 * writes a CSV manifest of every input and exits with 0 (all done or skipped), 1 (an image failed, or
 * the job stopped) or 2 (bad command line, or outputs other steps made; nothing written).
 */
public final class SparkPipeline {

	/** The manifest's default file name, in the output folder. */
	public static final String MANIFEST = "cnn-layers-manifest.csv";

	private static final String MAIN = SparkPipeline.class.getName();

	/** The usage text printed by {@code --help}. */
	public static final String USAGE = String.join("\n",
		"Usage: spark-submit [spark options] --class " + MAIN + " cnn-layers-spark.jar",
		"         --input FOLDER|GLOB|LIST|FILE --output DIR [--step \"STEP\"]... [--steps FILE] [STEP]...",
		"         [--overwrite] [--manifest FILE] [--progress N] [--images-per-task N] [--image-memory MB] [--tile auto|N]",
		"",
		"  --input, -i   a folder (its images: " + String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + "),",
		"                a glob (\"hdfs:///screen/plate*/*.tif\"), one image, or a text file listing images",
		"                (one path or URI a line, relative to the list's folder; # comments); any Hadoop filesystem",
		"  --output, -o  the output folder (any Hadoop filesystem), created if needed",
		"  --step, -s    a step in the macro syntax, as for the command line (" + PipelineRunner.class.getSimpleName() + ")",
		"                commands: " + LayerCommand.knownLabels(),
		"  --steps       a text file of steps, one per line (any Hadoop filesystem), # starts a comment",
		"  --overwrite   run every image again, even when its complete outputs exist (default: skip those that the",
		"                same steps and weights made, as the manifest records; stop, writing nothing, if others made any)",
		"  --manifest    where to write the CSV manifest (default: OUTPUT/" + MANIFEST + ")",
		"  --progress    print a progress line every N images (default 100)",
		"  --images-per-task  images per Spark task (default 1: one task per image; more for 10^5+ images)",
		"  --image-memory  the MB of an executor's heap its images may take together (default: 60% of the heap)",
		"  --tile        auto|N: stream each TIFF input tile by tile through the steps, run as one network (the command",
		"                line's --tile), into a tiled BigTIFF of the last step's result only, <input>_<steps>.tif; equal to",
		"                the untiled result, so the recipe is the same: a run with --tile skips images whose last step's TIFF",
		"                that recipe made; a run without it runs again images that have only that file; N >= 64, auto: the",
		"                largest tile that fits in half the executor's free memory; non-TIFF inputs are refused",
		"  --help, -h    this text",
		"",
		"Writes, per image, the command line's files: <input>_<steps>.tif and .png for every step, and",
		"<input>_montage.png; each is copied under a temporary name and renamed, so it is complete or absent.",
		"Exit codes: 0 done; 1 an image failed or the job stopped (run again to finish); 2 bad command line.");

	private final PrintStream out;
	private final PrintStream err;

	private SparkPipeline(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs the job; exits with 1 or 2 on errors.
	 *
	 * @param args see {@link #USAGE}
	 */
	public static void main(final String[] args) {
		CommandLine.main((out, err) -> {
			try {
				if (JobArguments.parse(args).help) { // before Spark starts
					out.println(USAGE);
					return 0;
				}
			}
			catch (final IllegalArgumentException e) {
				return CommandLine.usageError(err, e);
			}
			final SparkConf conf = new SparkConf().setAppName("CNN Layers pipeline");
			if (!conf.contains("spark.master"))
				conf.setMaster("local[*]");
			try (JavaSparkContext sc = new JavaSparkContext(conf)) {
				sc.setLogLevel("WARN");
				return run(sc, args, out, err);
			}
		});
	}

	/**
	 * Runs the job on a Spark context, without exiting: what {@link #main} and tests call.
	 *
	 * @param sc the context
	 * @param args see {@link #USAGE}
	 * @param out receives the report
	 * @param err receives error messages
	 * @return the exit code: 0, {@link PipelineRunner#FAILED} or {@link PipelineRunner#USAGE_ERROR}
	 */
	public static int run(final JavaSparkContext sc, final String[] args, final PrintStream out, final PrintStream err) {
		return new SparkPipeline(out, err).run(sc, args);
	}

	private int run(final JavaSparkContext sc, final String[] args) {
		final Configuration hadoop = sc.hadoopConfiguration();
		final JobArguments a;
		final List<String> steps;
		final Pipeline pipeline;
		final List<InputImage> inputs;
		final List<String> notes = new ArrayList<>();
		try {
			a = JobArguments.parse(args);
			if (a.help) {
				out.println(USAGE);
				return 0;
			}
			steps = a.steps(file -> stepsFile(file, hadoop));
			pipeline = Pipeline.parse(steps); // every file a step names is made absolute here, for the executors
			inputs = planned(InputListing.list(a.input(), hadoop, notes), pipeline);
			if (a.tile != null)
				for (final InputImage in : inputs)
					StreamedNetworkRun.checkTiff(in.fileName, in.path);
		}
		catch (final IllegalArgumentException e) {
			return CommandLine.usageError(err, e);
		}
		catch (final IOException e) {
			err.println("Error: cannot list the input " + e.getMessage());
			return PipelineRunner.FAILED;
		}
		final Recipe recipe;
		try {
			recipe = Recipe.of(pipeline);
		}
		catch (final IOException e) {
			err.println("Error: " + e.getMessage());
			return PipelineRunner.FAILED;
		}
		final Path outDir;
		final FileSystem fs;
		final Map<String, Long> existing = new HashMap<>();
		final List<Path> leftovers = new ArrayList<>();
		try {
			final Path o = new Path(a.output);
			fs = o.getFileSystem(hadoop);
			outDir = fs.makeQualified(o);
			if (fs.exists(outDir) && !fs.getFileStatus(outDir).isDirectory())
				throw new IOException("the output " + outDir + " exists and is not a folder; give a folder with --output");
			if ("file".equals(outDir.toUri().getScheme())) // java.nio says why; Hadoop's local mkdirs only returns false
				new OutputFolder(new java.io.File(outDir.toUri()));
			else if (!fs.mkdirs(outDir))
				throw new IOException("cannot create the output folder " + outDir + " (the filesystem refused); give a folder you may " +
					"write with --output");
			fs.setWriteChecksum(false);
			for (final FileStatus s : fs.listStatus(outDir)) {
				final String n = s.getPath().getName();
				if (n.startsWith(ImageFiles.TEMPORARY_PREFIX))
					leftovers.add(s.getPath()); // left by a task that was killed
				else if (s.isFile())
					existing.put(n, s.getLen());
			}
		}
		catch (final IOException e) {
			err.println("Error: " + e.getMessage());
			return PipelineRunner.FAILED;
		}
		final String overwrite = overwrittenInput(inputs, outDir);
		if (overwrite != null) {
			err.println("Error: " + overwrite);
			return PipelineRunner.USAGE_ERROR;
		}
		Path manifest = new Path(outDir, MANIFEST);
		try {
			if (a.manifest != null)
				manifest = new Path(a.manifest).getFileSystem(hadoop).makeQualified(new Path(a.manifest));
		}
		catch (final IOException e) {
			err.println("Error: " + e.getMessage());
		}

		final Map<String, ImageRecord> records = new LinkedHashMap<>();
		final List<InputImage> todo = new ArrayList<>();
		final Map<String, ImageRecord> before = readManifest(manifest, hadoop);
		final List<String> stale = new ArrayList<>();
		for (final InputImage in : inputs) {
			final List<String> files = in.outputs.fileNames(); // every file either run writes: all are checked for their recipe
			final List<String> needed = a.tile == null ? files : Collections.singletonList(in.outputs.streamedFile());
			final List<String> found = new ArrayList<>();
			long bytes = 0;
			boolean complete = !a.overwrite;
			boolean any = false;
			for (final String f : files) {
				final Long len = existing.get(f);
				if (needed.contains(f))
					complete &= len != null && len > 0;
				any |= len != null;
				if (len != null) {
					found.add(f);
					bytes += len;
				}
			}
			final ImageRecord last = a.overwrite ? null : before.get(in.path);
			if (any && !a.overwrite && (last == null || !recipe.text().equals(last.recipe)))
				stale.add(in.path + " (" + (last == null ? "no row in " + manifest + " says what made " + firstExisting(files, existing)
					: last.recipe.isEmpty() ? "its row in the manifest does not say what made its files" : "its files were made by: " + last.recipe) + ")");
			else if (complete)
				records.put(in.path, new ImageRecord(in.path, in.name, ImageRecord.SKIPPED, found, bytes, 0, "", recipe.text()));
			else
				todo.add(in);
		}
		if (!stale.isEmpty()) { // nothing written yet
			err.println("Error: " + stale.size() + " of " + inputs.size() + " images have outputs in " + outDir + " that other steps or " +
				"weights made, or that no manifest row accounts for; this job makes: " + recipe.text());
			for (int i = 0; i < Math.min(stale.size(), 10); i++)
				err.println("Error:   " + stale.get(i));
			if (stale.size() > 10)
				err.println("Error:   ... and " + (stale.size() - 10) + " more");
			err.println("Error: give --overwrite to run every image again and replace them, or another --output folder.");
			return PipelineRunner.USAGE_ERROR;
		}
		for (final Path p : leftovers)
			try {
				fs.delete(p, false);
			}
			catch (final IOException e) {
				// removed at the next run
			}

		out.println("CNN Layers pipeline on Spark " + sc.version() + " (master " + sc.master() + ", default parallelism " +
			sc.defaultParallelism() + "; each step runs the menu command's own plugin code)");
		out.println("Input:  " + a.input() + ": " + inputs.size() + " image" + (inputs.size() == 1 ? "" : "s") + "; " +
			todo.size() + " to run, " + (inputs.size() - todo.size()) + " skipped (complete outputs exist" +
			(a.overwrite ? "" : "; --overwrite runs them again") + ")");
		ImageJob.printPlan(out, pipeline, "");
		for (final String note : notes)
			out.println(note);
		out.println("Output: " + outDir);

		final List<ImageRecord> others = kept(before, inputs);
		final List<ImageRecord> planned = new ArrayList<>();
		for (final InputImage in : inputs)
			planned.add(records.containsKey(in.path) ? records.get(in.path) : notRun(in, recipe));
		planned.addAll(others);
		try {
			writeManifest(manifest, planned, hadoop); // before any task: if the driver dies, the rows still say what makes the files
		}
		catch (final IOException e) {
			err.println("Error: could not write the manifest " + manifest + ": " + e.getMessage());
			return PipelineRunner.FAILED;
		}

		final long start = System.nanoTime();
		String stopped = null;
		final Map<String, ImageRecord> ran = new HashMap<>();
		if (!todo.isEmpty()) {
			final CollectionAccumulator<ImageRecord> results = sc.sc().collectionAccumulator("cnn-layers images");
			final LongAccumulator done = sc.sc().longAccumulator("cnn-layers done");
			final LongAccumulator failed = sc.sc().longAccumulator("cnn-layers failed");
			final ImageTask task = new ImageTask(new HadoopConf(hadoop), pipeline.resolvedSteps(), recipe.text(), outDir.toString(),
				a.memoryLimit, a.tile, results, done, failed);
			final Progress progress = new Progress(out, todo.size(), a.progressEvery, done, failed);
			sc.setJobGroup("cnn-layers-pipeline", "CNN Layers: " + todo.size() + " images, " + steps.size() + " steps", true);
			progress.start();
			try {
				sc.parallelize(todo, (todo.size() + a.imagesPerTask - 1) / a.imagesPerTask).foreach(task);
			}
			catch (final Exception e) { // SparkException (cancelled, aborted), thrown unchecked from Scala
				stopped = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
			}
			finally {
				progress.finish();
				sc.clearJobGroup();
			}
			for (final ImageRecord r : results.value())
				ran.put(r.input, r);
		}
		int done = 0;
		int failed = 0;
		int notRun = 0;
		final List<ImageRecord> failures = new ArrayList<>();
		for (final InputImage in : todo) {
			ImageRecord r = ran.get(in.path);
			if (r == null) {
				r = notRun(in, recipe);
				notRun++;
			}
			else if (ImageRecord.DONE.equals(r.status))
				done++;
			else {
				failed++;
				failures.add(r);
			}
			records.put(in.path, r);
		}
		final List<ImageRecord> ordered = new ArrayList<>();
		for (final InputImage in : inputs)
			ordered.add(records.get(in.path));
		ordered.addAll(others);

		final int shown = Math.min(failures.size(), 50);
		for (int i = 0; i < shown; i++)
			out.println("FAILED: " + failures.get(i).input + ": " + failures.get(i).message);
		if (failures.size() > shown)
			out.println("... and " + (failures.size() - shown) + " more failures (see the manifest)");

		try {
			writeManifest(manifest, ordered, hadoop);
			out.println("Manifest: " + manifest);
		}
		catch (final IOException e) {
			err.println("Error: could not write the manifest " + manifest + ": " + e.getMessage());
			stopped = stopped == null ? "the manifest could not be written" : stopped;
		}
		final double seconds = (System.nanoTime() - start) / 1e9;
		out.println(String.format(Locale.ROOT, "Summary: %d done, %d failed, %d skipped%s of %d image%s in %.1f s%s", done, failed,
			inputs.size() - todo.size(), notRun > 0 ? ", " + notRun + " not run" : "", inputs.size(), inputs.size() == 1 ? "" : "s", seconds,
			done + failed > 0 ? String.format(Locale.ROOT, " (%.1f images/s)", (done + failed) / seconds) : ""));
		if (stopped != null) {
			err.println("Error: the job stopped: " + stopped + "; run it again to finish the " + (notRun + failed) + " images left " +
				"(finished images are skipped)");
			return PipelineRunner.FAILED;
		}
		if (failed > 0) {
			err.println("Error: " + failed + " of " + inputs.size() + " images failed (see above and the manifest).");
			return PipelineRunner.FAILED;
		}
		return 0;
	}

	/** @return the lines of a steps file on any Hadoop filesystem */
	private static List<String> stepsFile(final String file, final Configuration conf) throws IOException {
		final List<String> lines = new ArrayList<>();
		final Path p = new Path(file);
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;)
				lines.add(line);
		}
		return lines;
	}

	/** @return the images, each with its output names planned for the whole job ({@link OutputNames#plan}) */
	private static List<InputImage> planned(final List<InputImage> images, final Pipeline pipeline) {
		final List<String> names = new ArrayList<>(images.size());
		for (final InputImage in : images)
			names.add(in.name);
		final List<OutputNames> plan = OutputNames.plan(names, pipeline);
		final List<InputImage> planned = new ArrayList<>(images.size());
		for (int i = 0; i < images.size(); i++)
			planned.add(images.get(i).withOutputs(plan.get(i)));
		return planned;
	}

	private static ImageRecord notRun(final InputImage in, final Recipe recipe) {
		return new ImageRecord(in.path, in.name, ImageRecord.NOT_RUN, Collections.<String> emptyList(), 0, 0,
			"the job stopped before this image finished; run again to finish", recipe.text());
	}

	private static String firstExisting(final List<String> files, final Map<String, Long> existing) {
		for (final String f : files)
			if (existing.containsKey(f))
				return f;
		return files.get(0);
	}

	/** @return why the job would write over one of its inputs ({@link ImageJob#overwrittenInput}), or {@code null} */
	private static String overwrittenInput(final List<InputImage> inputs, final Path outDir) {
		final List<String> paths = new ArrayList<>();
		final List<List<OutputNames>> names = new ArrayList<>();
		for (final InputImage in : inputs) {
			paths.add(in.path);
			names.add(Collections.singletonList(in.outputs));
		}
		return ImageJob.overwrittenInput(paths, paths, names, f -> new Path(outDir, f).toString(), p -> p);
	}

	/** The manifest's columns, in order. */
	static final String MANIFEST_HEADER = "input,name,status,files,bytes,millis,message,recipe";

	/**
	 * @return the rows of an existing manifest by input; empty when there is none or it cannot be read
	 *         (then every existing output is of unknown origin); a manifest of an older version has no
	 *         recipe column: its rows' recipes are empty
	 */
	static Map<String, ImageRecord> readManifest(final Path manifest, final Configuration conf) {
		final Map<String, ImageRecord> rows = new HashMap<>();
		try {
			final FileSystem fs = manifest.getFileSystem(conf);
			if (!fs.exists(manifest))
				return rows;
			final StringBuilder text = new StringBuilder();
			try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(manifest), StandardCharsets.UTF_8))) {
				final char[] buffer = new char[1 << 16];
				for (int n; (n = r.read(buffer)) > 0;)
					text.append(buffer, 0, n);
			}
			final List<List<String>> table = csvRows(text.toString());
			if (table.isEmpty())
				return rows;
			final List<String> header = table.get(0);
			final int input = header.indexOf("input");
			final int name = header.indexOf("name");
			final int status = header.indexOf("status");
			final int files = header.indexOf("files");
			final int bytes = header.indexOf("bytes");
			final int millis = header.indexOf("millis");
			final int message = header.indexOf("message");
			final int recipe = header.indexOf("recipe");
			if (input < 0 || status < 0)
				return rows;
			for (final List<String> row : table.subList(1, table.size()))
				if (row.size() > Math.max(input, status)) {
					final String f = cell(row, files);
					rows.put(row.get(input), new ImageRecord(row.get(input), cell(row, name), row.get(status), f.isEmpty() ?
						Collections.<String> emptyList() : Arrays.asList(f.split(";")), number(cell(row, bytes)), number(cell(row, millis)),
						cell(row, message), cell(row, recipe)));
				}
		}
		catch (final IOException | RuntimeException e) {
			rows.clear();
		}
		return rows;
	}

	private static String cell(final List<String> row, final int column) {
		return column >= 0 && column < row.size() ? row.get(column) : "";
	}

	private static long number(final String s) {
		try {
			return Long.parseLong(s.trim());
		}
		catch (final NumberFormatException e) {
			return 0;
		}
	}

	/**
	 * @return the rows of an earlier manifest to keep: those of inputs this job does not list and whose
	 *         files no input of this job writes (an output folder's manifest accounts for all its files)
	 */
	private static List<ImageRecord> kept(final Map<String, ImageRecord> before, final List<InputImage> inputs) {
		final Set<String> paths = new HashSet<>();
		final Set<String> files = new HashSet<>();
		for (final InputImage in : inputs) {
			paths.add(in.path);
			files.addAll(in.outputs.fileNames());
		}
		final List<ImageRecord> kept = new ArrayList<>();
		for (final ImageRecord r : before.values())
			if (!paths.contains(r.input) && Collections.disjoint(r.files, files))
				kept.add(r);
		kept.sort(java.util.Comparator.comparing((ImageRecord r) -> r.input));
		return kept;
	}

	/** @return the rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks) */
	static List<List<String>> csvRows(final String text) {
		final List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		final StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			final char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"')
					quoted = false;
				else
					field.append(c);
			}
			else if (c == '"')
				quoted = true;
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
			}
			else if (c != '\r')
				field.append(c);
		}
		if (field.length() > 0 || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

	/** Writes the manifest: under a temporary name, then renamed. */
	static void writeManifest(final Path manifest, final List<ImageRecord> records, final Configuration conf) throws IOException {
		final FileSystem fs = manifest.getFileSystem(conf);
		fs.setWriteChecksum(false);
		final Path tmp = new Path(manifest.getParent(), ImageFiles.TEMPORARY_PREFIX + UUID.randomUUID() + "-" + manifest.getName());
		try {
			try (Writer w = new OutputStreamWriter(fs.create(tmp, false), StandardCharsets.UTF_8)) {
				w.write(MANIFEST_HEADER + "\n");
				for (final ImageRecord r : records)
					w.write(csv(r.input) + "," + csv(r.name) + "," + r.status + "," + csv(String.join(";", r.files)) + "," + r.bytes +
						"," + r.millis + "," + csv(r.message) + "," + csv(r.recipe) + "\n");
			}
			if (fs.exists(manifest))
				fs.delete(manifest, false);
			if (!fs.rename(tmp, manifest))
				throw new IOException("cannot rename " + tmp + " to " + manifest);
		}
		finally {
			if (fs.exists(tmp))
				fs.delete(tmp, false);
		}
	}

	private static String csv(final String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0)
			return s;
		return "\"" + s.replace("\"", "\"\"") + "\"";
	}

	/** The driver's progress line, every N images: done, failed, rate, estimated time left. */
	private static final class Progress extends Thread {

		private final PrintStream out;
		private final int total;
		private final int every;
		private final LongAccumulator done;
		private final LongAccumulator failed;
		private final long start = System.nanoTime();
		private volatile boolean finished;
		private long printed;

		Progress(final PrintStream out, final int total, final int every, final LongAccumulator done, final LongAccumulator failed) {
			super("cnn-layers-progress");
			setDaemon(true);
			this.out = out;
			this.total = total;
			this.every = every;
			this.done = done;
			this.failed = failed;
		}

		@Override
		public void run() {
			while (!finished) {
				report(false);
				try {
					Thread.sleep(250);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		}

		private synchronized void report(final boolean last) {
			final long d = done.value();
			final long f = failed.value();
			final long n = d + f;
			if (n / every == printed / every && !(last && n != printed))
				return;
			printed = n;
			final double s = (System.nanoTime() - start) / 1e9;
			final double rate = n / Math.max(s, 1e-9);
			final long eta = rate > 0 ? Math.round((total - n) / rate) : -1;
			out.println(String.format(Locale.ROOT, "Progress: %d/%d images (%d done, %d failed), %.1f images/s, %s", n, total, d, f,
				rate, n >= total ? "finished in " + time(Math.round(s)) : "ETA " + (eta < 0 ? "?" : time(eta))));
		}

		void finish() {
			finished = true;
			interrupt();
			try {
				join(2000);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			report(true);
		}

		private static String time(final long seconds) {
			return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
				: String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
		}
	}
}

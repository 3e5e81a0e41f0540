package io.github.cnnlayers.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

import ij.ImagePlus;
import io.github.cnnlayers.pipeline.ImageFiles;
import io.github.cnnlayers.pipeline.ImageJob;
import io.github.cnnlayers.pipeline.OutputFolder;
import io.github.cnnlayers.pipeline.Pipeline;
import io.github.cnnlayers.pipeline.PipelineNetwork;
import io.github.cnnlayers.pipeline.StreamedNetworkRun;
import io.github.cnnlayers.network.Tiling;

/**
 * One image, on an executor: copy the file from its filesystem to a local temporary folder, run it
 * through {@link ImageJob#run} (the command line's open, steps and files), then copy every file to the
 * output folder under a temporary name and rename it into place. With {@code --tile}, the file is streamed by
 * {@link StreamedNetworkRun#run} (the command line's call) into its last step's TIFF, the one file published. A failure of any kind becomes a
 * {@link ImageRecord#FAILED} record with the command line's message; the task itself succeeds, so
 * the job goes on.
 */
final class ImageTask implements VoidFunction<InputImage> {

	private static final long serialVersionUID = 1L;

	/** Pipelines parsed on this executor, by their steps. */
	private static final Map<List<String>, Pipeline> PIPELINES = new ConcurrentHashMap<>();

	private final HadoopConf conf;
	private final ArrayList<String> steps;
	private final String output;
	private final long memoryLimit;
	private final String recipe;
	private final CollectionAccumulator<ImageRecord> records;
	private final LongAccumulator done;
	private final LongAccumulator failed;
	/** The --tile value, or {@code null}: untiled. */
	private final String tile;

	/**
	 * @param steps the steps as the driver resolved them ({@link Pipeline#resolvedSteps()}: files absolute)
	 * @param recipe the job's recipe text, for the records
	 * @param tile the --tile value (each image streamed into its last step's TIFF), or {@code null}
	 */
	ImageTask(final HadoopConf conf, final List<String> steps, final String recipe, final String output, final long memoryLimit,
		final String tile, final CollectionAccumulator<ImageRecord> records, final LongAccumulator done, final LongAccumulator failed)
	{
		this.tile = tile;
		this.recipe = recipe;
		this.conf = conf;
		this.steps = new ArrayList<>(steps);
		this.output = output;
		this.memoryLimit = memoryLimit;
		this.records = records;
		this.done = done;
		this.failed = failed;
	}

	@Override
	public void call(final InputImage image) {
		final ImageRecord record = process(image);
		records.add(record);
		(ImageRecord.DONE.equals(record.status) ? done : failed).add(1);
	}

	private ImageRecord process(final InputImage image) {
		if (System.getProperty("java.awt.headless") == null)
			System.setProperty("java.awt.headless", "true");
		final long t0 = System.nanoTime();
		Path work = null;
		try {
			final Pipeline pipeline = PIPELINES.computeIfAbsent(steps, Pipeline::parse);
			work = Files.createTempDirectory("cnnlayers-task-");
			final File local = new File(Files.createDirectory(work.resolve("in")).toFile(), image.fileName);
			final org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(image.path);
			try (InputStream in = src.getFileSystem(conf.get()).open(src)) {
				Files.copy(in, local.toPath(), StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final IOException e) {
				throw new IOException("cannot read " + image.path + ": " + e.getMessage(), e);
			}
			if (tile != null)
				return streamed(image, pipeline, local, work, t0);
			final String what = image.fileName + " and " + pipeline.steps().size() + " step" + (pipeline.steps().size() == 1 ? "" : "s");
			final int[] header = ImageJob.tiffSize(local);
			if (header != null)
				MemoryBudget.check(ImageJob.memoryNeeded(header[0], header[1], header[2], header[3], pipeline), memoryLimit, what);
			final long[] held = { 0 };
			final ImageJob.Outcome outcome = ImageJob.run(() -> ImageFiles.open(local), Collections.singletonList(pipeline),
				Collections.singletonList(image.outputs), new OutputFolder(work.resolve("out").toFile()), imp -> {
					held[0] = ImageJob.memoryNeeded(imp.getWidth(), imp.getHeight(), planes(imp), bytesPerPixel(imp), pipeline);
					MemoryBudget.reserve(held[0], memoryLimit, what + " (" + imp.getWidth() + "x" + imp.getHeight() + ", " +
						imp.getStackSize() + " plane" + (imp.getStackSize() == 1 ? "" : "s") + ")");
					return () -> MemoryBudget.release(held[0]);
				});
			if (!outcome.ok()) { // name the input, not the local copy; memory advice for executors
				final String error = outcome.error().startsWith("out of memory") ? outOfMemory() : outcome.error().replace(local.getPath(),
					image.path);
				return record(image, ImageRecord.FAILED, new ArrayList<>(), 0, t0, error);
			}
			final List<String> names = new ArrayList<>();
			long bytes = 0;
			for (final File f : outcome.files()) {
				publish(f);
				names.add(f.getName());
				bytes += f.length();
			}
			return record(image, ImageRecord.DONE, names, bytes, t0, outcome.warning());
		}
		catch (final IOException | RuntimeException | OutOfMemoryError e) {
			String message = e.getMessage() == null ? e.toString() : e.getMessage();
			if (e instanceof OutOfMemoryError)
				message = outOfMemory();
			return record(image, ImageRecord.FAILED, new ArrayList<>(), 0, t0, message);
		}
		finally {
			if (work != null)
				deleteTree(work);
		}
	}

	/**
	 * --tile: the image streamed through the steps as one network into its last step's TIFF, by the command line's own
	 * {@link StreamedNetworkRun#run}, then published; the record names that one file.
	 */
	private ImageRecord streamed(final InputImage image, final Pipeline pipeline, final File local, final Path work, final long t0)
		throws IOException
	{
		final PipelineNetwork network = new PipelineNetwork(pipeline);
		final File target = new File(Files.createDirectory(work.resolve("out")).toFile(), image.outputs.streamedFile());
		try {
			StreamedNetworkRun.run(network, network.outputs().get(0), local.toPath(), target.toPath(), Tiling.parse(tile));
		}
		catch (final IOException | RuntimeException e) {
			return record(image, ImageRecord.FAILED, new ArrayList<>(), 0, t0, StreamedNetworkRun.pipelineError(image.path, e)
				.replace(local.getPath(), image.path));
		}
		publish(target);
		return record(image, ImageRecord.DONE, Collections.singletonList(target.getName()), target.length(), t0, null);
	}

	/**
	 * Copies a local file into the output folder: under a temporary name first, then renamed, so a file
	 * under its final name is always complete (a killed task leaves at most a temporary file).
	 */
	private void publish(final File file) throws IOException {
		final org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(output);
		if ("file".equals(dir.toUri().getScheme())) { // java.nio: Hadoop's local filesystem forks a chmod per file
			Files.createDirectories(new File(dir.toUri()).toPath());
			ImageFiles.copy(file, new File(new File(dir.toUri()), file.getName()));
			return;
		}
		final FileSystem fs = dir.getFileSystem(conf.get());
		fs.setWriteChecksum(false);
		final org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, file.getName());
		final org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dir, ImageFiles.TEMPORARY_PREFIX +
			UUID.randomUUID() + "-" + file.getName());
		try {
			try (FSDataOutputStream out = fs.create(tmp, false)) {
				Files.copy(file.toPath(), out);
				out.hsync();
			}
			if (fs.getFileStatus(tmp).getLen() != file.length())
				throw new IOException("the copy has " + fs.getFileStatus(tmp).getLen() + " bytes, the file " + file.length());
			if (fs.exists(target))
				fs.delete(target, false); // --overwrite, or a retried task: the new file replaces the old
			if (!fs.rename(tmp, target))
				throw new IOException("cannot rename " + tmp + " to " + target);
		}
		catch (final IOException | RuntimeException e) {
			try {
				fs.delete(tmp, false);
			}
			catch (final IOException ignored) {
				// the driver removes leftover temporary files at the next run
			}
			throw new IOException("could not write " + target + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
		}
	}

	private static String outOfMemory() {
		return "out of memory (executor heap " + MemoryBudget.mb(Runtime.getRuntime().maxMemory()) + " MB, shared by the images of " +
			"its cores); give executors more memory, e.g. --executor-memory 8g, or fewer cores per executor";
	}

	private static int planes(final ImagePlus imp) {
		return imp.getStackSize() * (imp.getBitDepth() == 24 ? 3 : 1);
	}

	private static int bytesPerPixel(final ImagePlus imp) {
		return imp.getBitDepth() == 24 ? 1 : imp.getBitDepth() / 8;
	}

	private ImageRecord record(final InputImage image, final String status, final List<String> files, final long bytes,
		final long t0, final String message)
	{
		return new ImageRecord(image.path, image.name, status, files, bytes, (System.nanoTime() - t0) / 1_000_000, message, recipe);
	}

	private static void deleteTree(final Path dir) {
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException | RuntimeException e) {
			// a temporary folder left behind; nothing to report for the image
		}
	}
}

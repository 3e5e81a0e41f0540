package io.github.cnnlayers.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.github.cnnlayers.pipeline.ImageJob;
import io.github.cnnlayers.pipeline.PipelineRunner;

/**
 * The images of a job, listed on the driver: every image file of a folder (as the command line takes
 * them), the image files a glob matches, one image file, or the files a list file names (one path or
 * URI a line, relative to the list's folder; blank lines and {@code #} comments skipped). Sorted by
 * file name, then path, and named as the command line names a folder's images.
 */
final class InputListing {

	private InputListing() {}

	/**
	 * @param input a folder, glob, image file or list file
	 * @param conf the Hadoop configuration
	 * @param notes receives a line for every entry that looks like an image and is left out
	 *        ({@link ImageJob#skipReason}), and for every image listed more than once (run once)
	 * @return the images, at least one, each once (by qualified, normalized path)
	 * @throws IllegalArgumentException when the input does not exist or holds no image
	 * @throws IOException when the filesystem cannot be read
	 */
	static List<InputImage> list(final String input, final Configuration conf, final List<String> notes) throws IOException {
		final Path path = new Path(input);
		final FileSystem fs = path.getFileSystem(conf);
		final List<FileStatus> files = new ArrayList<>();
		final String where;
		if (isGlob(input)) {
			final FileStatus[] matches = fs.globStatus(path);
			if (matches != null)
				for (final FileStatus s : matches)
					if (taken(s, notes))
						files.add(s);
			where = "matching " + input;
		}
		else {
			if (!fs.exists(path))
				throw new IllegalArgumentException("input not found: " + fs.makeQualified(path));
			final FileStatus status = fs.getFileStatus(path);
			if (status.isDirectory()) {
				final FileStatus[] entries = fs.listStatus(path);
				java.util.Arrays.sort(entries, Comparator.comparing((FileStatus s) -> s.getPath().getName()));
				for (final FileStatus s : entries)
					if (taken(s, notes))
						files.add(s);
				where = "in folder " + fs.makeQualified(path);
			}
			else if (ImageJob.isImageFileName(path.getName())) {
				files.add(status);
				where = "";
			}
			else
				return named(listed(fs, fs.makeQualified(path)), notes);
		}
		if (files.isEmpty())
			throw new IllegalArgumentException("no image files " + where + " (looked for " +
				String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ")");
		final List<InputImage> images = new ArrayList<>();
		for (final FileStatus s : files)
			images.add(new InputImage(s.getPath().toString(), s.getPath().getName(), null, s.getLen()));
		return named(images, notes);
	}

	/** @return whether a listed entry is taken; an entry that looks like an image and is not gets a line in {@code notes} */
	private static boolean taken(final FileStatus s, final List<String> notes) {
		final String reason = ImageJob.skipReason(s.getPath().getName(), s.isFile(), false);
		if (reason != null)
			notes.add(ImageJob.skippedLine(s.getPath().toString(), reason));
		return reason == null && s.isFile() && ImageJob.isImageFileName(s.getPath().getName());
	}

	/** @return the images a list file names, unnamed, sizes unknown (-1): a task reports a missing file */
	private static List<InputImage> listed(final FileSystem fs, final Path list) throws IOException {
		final List<InputImage> images = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				final String t = line.trim();
				if (t.isEmpty() || t.startsWith("#"))
					continue;
				Path p = new Path(t);
				if (!p.isAbsolute() && p.toUri().getScheme() == null)
					p = new Path(list.getParent(), p);
				final Path q = p.getFileSystem(fs.getConf()).makeQualified(p);
				images.add(new InputImage(q.toString(), q.getName(), null, -1));
			}
		}
		if (images.isEmpty())
			throw new IllegalArgumentException("the list file " + list + " names no image (blank lines and # comments only); " +
				"give a folder, a glob, an image file (" + String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ") or a list of images");
		return images;
	}

	private static List<InputImage> named(final List<InputImage> listed, final List<String> notes) {
		final List<InputImage> images = ImageJob.eachOnce(listed, i -> i.path, notes);
		images.sort(Comparator.comparing((InputImage i) -> i.fileName).thenComparing(i -> i.path));
		final List<String> fileNames = new ArrayList<>();
		for (final InputImage i : images)
			fileNames.add(i.fileName);
		final List<String> names = ImageJob.inputNames(fileNames);
		final List<InputImage> named = new ArrayList<>(images.size());
		for (int k = 0; k < images.size(); k++) {
			final InputImage i = images.get(k);
			named.add(new InputImage(i.path, i.fileName, names.get(k), i.length));
		}
		return named;
	}

	private static boolean isGlob(final String s) {
		return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
	}
}

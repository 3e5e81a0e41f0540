package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;

/** One input image of the pipeline runner: an embedded sample or a file, opened when needed. */
final class Input {

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

	/**
	 * @param a the command line: every {@code --input} file and folder (a folder's images sorted by
	 *        name), or the sample
	 * @param notes receives a line for every entry of a folder that looks like an image and is left
	 *        out ({@link ImageJob#skipReason}), and for every image given more than once (run once)
	 * @return the inputs, each file once, named apart ({@link ImageJob#inputNames})
	 * @throws IllegalArgumentException when an input does not exist, or a folder holds no image
	 */
	static List<Input> list(final Arguments a, final List<String> notes) {
		if (a.inputs.isEmpty()) {
			final String title = Samples.fileName(a.sample == null ? Samples.CELL : a.sample);
			return Arrays.asList(new Input(baseName(title), title + " (embedded sample)", null, title));
		}
		final List<File> images = new ArrayList<>();
		for (final String given : a.inputs) {
			final File f = new File(given);
			if (!f.exists())
				throw new IllegalArgumentException("input not found: " + f.getAbsolutePath() +
					(Files.isSymbolicLink(f.toPath()) ? " (a link to a file that does not exist)" : ""));
			if (!f.isDirectory())
				images.add(f);
			else {
				a.batch = true;
				images.addAll(folder(f, notes));
			}
		}
		if (a.inputs.size() > 1)
			a.batch = true;
		final List<File> once = ImageJob.eachOnce(images, f -> f.toPath().toAbsolutePath().normalize().toString(), notes);
		final List<String> fileNames = new ArrayList<>();
		for (final File c : once)
			fileNames.add(c.getName());
		final List<String> names = ImageJob.inputNames(fileNames);
		final List<Input> inputs = new ArrayList<>();
		for (int i = 0; i < once.size(); i++)
			inputs.add(new Input(names.get(i), label(once.get(i), a), once.get(i), null));
		return inputs;
	}

	/** @return a folder's images, sorted by name; what looks like an image and is left out goes to {@code notes} */
	private static List<File> folder(final File folder, final List<String> notes) {
		final File[] files = folder.listFiles();
		final List<File> images = new ArrayList<>();
		if (files != null) {
			Arrays.sort(files, (x, y) -> x.getName().compareTo(y.getName()));
			for (final File c : files) {
				final boolean dangling = !c.exists() && Files.isSymbolicLink(c.toPath());
				final String reason = ImageJob.skipReason(c.getName(), c.isFile(), dangling);
				if (reason != null)
					notes.add(ImageJob.skippedLine(c.getPath(), reason));
				else if (c.isFile() && ImageJob.isImageFileName(c.getName()))
					images.add(c);
			}
		}
		if (images.isEmpty())
			throw new IllegalArgumentException("no image files in folder " + folder.getAbsolutePath() + " (looked for " +
				String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ")" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
		return images;
	}

	/** @return how progress lines name an input: its file name in a single folder, else its path as given */
	private static String label(final File f, final Arguments a) {
		return a.inputs.size() == 1 && new File(a.inputs.get(0)).isDirectory() ? f.getName() : f.getPath();
	}

	ImagePlus open() throws IOException {
		return sample != null ? Samples.image(sample) : ImageFiles.open(file);
	}

	private static String baseName(final String fileName) {
		final int dot = fileName.lastIndexOf('.');
		return dot > 0 ? fileName.substring(0, dot) : fileName;
	}
}

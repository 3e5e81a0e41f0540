package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
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
				if (c.isFile() && ImageJob.isImageFileName(c.getName()))
					images.add(c);
		if (images.isEmpty())
			throw new IllegalArgumentException("no image files in folder " + f.getAbsolutePath() + " (looked for " +
				String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ")");
		images.sort((x, y) -> x.getName().compareTo(y.getName()));
		final List<String> fileNames = new ArrayList<>();
		for (final File c : images)
			fileNames.add(c.getName());
		final List<String> names = ImageJob.inputNames(fileNames);
		final List<Input> inputs = new ArrayList<>();
		for (int i = 0; i < images.size(); i++)
			inputs.add(new Input(names.get(i), images.get(i).getName(), images.get(i), null));
		return inputs;
	}

	ImagePlus open() throws IOException {
		return sample != null ? Samples.image(sample) : ImageFiles.open(file);
	}

	private static String baseName(final String fileName) {
		final int dot = fileName.lastIndexOf('.');
		return dot > 0 ? fileName.substring(0, dot) : fileName;
	}
}

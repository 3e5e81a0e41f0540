package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
				if (c.isFile() && !c.getName().startsWith(".") && PipelineRunner.IMAGE_EXTENSIONS.contains(extension(c.getName())))
					images.add(c);
		if (images.isEmpty())
			throw new IllegalArgumentException("no image files in folder " + f.getAbsolutePath() + " (looked for " +
				String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ")");
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

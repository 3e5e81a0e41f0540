package io.github.cnnlayers.spark;

import java.util.ArrayList;
import java.util.List;

import io.github.cnnlayers.pipeline.CommandLine;

/** The command line of {@link SparkPipeline}: the command line's options, plus what a cluster job needs. */
final class JobArguments {

	String input;
	String output;
	final List<String> steps = new ArrayList<>();
	final List<String> stepsFiles = new ArrayList<>();
	String manifest;
	boolean overwrite;
	boolean help;
	int progressEvery = 100;
	int imagesPerTask = 1;
	long memoryLimit;

	static JobArguments parse(final String[] args) {
		final JobArguments a = new JobArguments();
		final CommandLine line = new CommandLine(args);
		while (line.next()) {
			final String arg = line.name();
			switch (arg) {
				case "--help":
				case "-h":
					a.help = true;
					break;
				case "--input":
				case "-i":
					a.input = CommandLine.once(a.input, "--input", line.value());
					break;
				case "--output":
				case "-o":
					a.output = CommandLine.once(a.output, "--output", line.value());
					break;
				case "--steps":
					a.stepsFiles.add(line.value());
					break;
				case "--step":
				case "-s":
					a.steps.add(line.value());
					break;
				case "--manifest":
					a.manifest = CommandLine.once(a.manifest, "--manifest", line.value());
					break;
				case "--overwrite":
					a.overwrite = true;
					break;
				case "--progress":
					a.progressEvery = positive(line.value(), arg);
					break;
				case "--images-per-task":
					a.imagesPerTask = positive(line.value(), arg);
					break;
				case "--image-memory":
					a.memoryLimit = (long) positive(line.value(), arg) << 20;
					break;
				default:
					if (arg.startsWith("-"))
						throw new IllegalArgumentException("unknown option \"" + line.word() + "\"; options: --input, --output, --step, " +
							"--steps, --overwrite, --manifest, --progress, --images-per-task, --image-memory, --help");
					a.steps.add(line.word());
			}
		}
		if (a.help)
			return a;
		if (a.input == null)
			throw new IllegalArgumentException("--input is missing: give a folder, a glob (e.g. \"/data/plate*/*.tif\") " +
				"or a text file listing images, on any filesystem Hadoop reads");
		if (a.output == null || a.output.trim().isEmpty())
			throw new IllegalArgumentException("--output is missing: give the output folder");
		if (a.steps.isEmpty() && a.stepsFiles.isEmpty())
			throw new IllegalArgumentException("no steps: give --step \"STEP\"... or --steps FILE");
		return a;
	}

	private static int positive(final String value, final String option) {
		try {
			final int n = Integer.parseInt(value.trim());
			if (n > 0)
				return n;
		}
		catch (final NumberFormatException e) {
			// below
		}
		throw new IllegalArgumentException(option + " needs a whole number above 0, not \"" + value + "\"");
	}
}

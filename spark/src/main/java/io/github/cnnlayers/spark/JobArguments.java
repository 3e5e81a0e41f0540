package io.github.cnnlayers.spark;

import java.util.ArrayList;
import java.util.List;

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
				case "--output":
				case "-o":
					a.output = once(a.output, "--output", value != null ? value : next(args, ++i, arg));
					break;
				case "--steps":
					a.stepsFiles.add(value != null ? value : next(args, ++i, arg));
					break;
				case "--step":
				case "-s":
					a.steps.add(value != null ? value : next(args, ++i, arg));
					break;
				case "--manifest":
					a.manifest = once(a.manifest, "--manifest", value != null ? value : next(args, ++i, arg));
					break;
				case "--overwrite":
					a.overwrite = true;
					break;
				case "--progress":
					a.progressEvery = positive(value != null ? value : next(args, ++i, arg), arg);
					break;
				case "--images-per-task":
					a.imagesPerTask = positive(value != null ? value : next(args, ++i, arg), arg);
					break;
				case "--image-memory":
					a.memoryLimit = (long) positive(value != null ? value : next(args, ++i, arg), arg) << 20;
					break;
				default:
					if (arg.startsWith("-"))
						throw new IllegalArgumentException("unknown option \"" + args[i] + "\"; options: --input, --output, --step, " +
							"--steps, --overwrite, --manifest, --progress, --images-per-task, --image-memory, --help");
					a.steps.add(args[i]);
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

	private static String once(final String previous, final String option, final String value) {
		if (previous != null)
			throw new IllegalArgumentException(option + " is given twice (\"" + previous + "\" and \"" + value + "\"); give it once");
		return value;
	}

	private static String next(final String[] args, final int i, final String option) {
		if (i >= args.length)
			throw new IllegalArgumentException(option + " needs a value");
		return args[i];
	}
}

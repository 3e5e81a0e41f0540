package io.github.cnnlayers.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The pipeline runner's command line, parsed: see {@link PipelineRunner#USAGE}. */
final class Arguments {

	String input;
	String sample;
	String output = PipelineRunner.DEFAULT_OUTPUT;
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

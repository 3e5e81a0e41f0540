package io.github.cnnlayers.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The pipeline runner's command line, parsed: see {@link PipelineRunner#USAGE}. */
final class Arguments {

	/** The {@code --input} values, in order (each a file or folder). */
	final List<String> inputs = new ArrayList<>();
	String sample;
	String output = PipelineRunner.DEFAULT_OUTPUT;
	final List<String> steps = new ArrayList<>();
	boolean outputGiven;
	boolean help;
	boolean batch;

	static Arguments parse(final String[] args) {
		final Arguments a = new Arguments();
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
					a.inputs.add(line.value());
					break;
				case "--sample":
					a.sample = CommandLine.once(a.sample, "--sample", line.value());
					break;
				case "--output":
				case "-o":
					a.output = CommandLine.once(a.outputGiven ? a.output : null, "--output", line.value());
					a.outputGiven = true;
					break;
				case "--steps":
					a.steps.addAll(stepsFile(line.value()));
					break;
				case "--step":
				case "-s":
					a.steps.add(line.value());
					break;
				default:
					if (arg.startsWith("-"))
						throw new IllegalArgumentException("unknown option \"" + line.word() + "\"; options: --input, --sample, --output, --step, --steps, --help");
					a.steps.add(line.word());
			}
		}
		if (!a.inputs.isEmpty() && a.sample != null)
			throw new IllegalArgumentException("give either --input or --sample, not both");
		if (a.output.trim().isEmpty())
			throw new IllegalArgumentException("--output needs a folder name");
		return a;
	}

	/** @return the steps of a steps file: one per line, blank lines and {@code #} comments skipped */
	private static List<String> stepsFile(final String path) {
		final List<String> lines;
		try {
			lines = java.nio.file.Files.readAllLines(java.nio.file.Paths.get(path), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (final IOException | RuntimeException e) {
			throw CommandLine.unreadableSteps(path, e);
		}
		return CommandLine.steps(path, lines);
	}
}

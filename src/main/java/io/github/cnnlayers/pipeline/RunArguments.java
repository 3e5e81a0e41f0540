package io.github.cnnlayers.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line every runner shares (the pipeline runner, the Spark job): {@code --help},
 * {@code --input}, {@code --output}, {@code --step}, {@code --steps} and bare words as steps, in one
 * {@link CommandLine.Options} table. A runner adds its options ({@link #options}) and checks
 * ({@link #check}); how it differs in the shared ones is data given to the constructor.
 */
public abstract class RunArguments {

	/** Whether {@code --help} was given: then nothing else is checked. */
	public boolean help;

	/** The {@code --input} values, in order. */
	public final List<String> inputs = new ArrayList<>();

	/** The {@code --output} folder, or the runner's default. */
	public String output;

	private final boolean manyInputs;
	private final String defaultOutput;
	/** The steps as given, in order: a step, or a steps file's path where {@link #fromFile} says so. */
	private final List<String> given = new ArrayList<>();
	private final List<Boolean> fromFile = new ArrayList<>();

	/**
	 * @param manyInputs whether {@code --input} may be given several times (else once)
	 * @param defaultOutput the output folder without {@code --output}, or {@code null} when it must be given
	 */
	protected RunArguments(final boolean manyInputs, final String defaultOutput) {
		this.manyInputs = manyInputs;
		this.defaultOutput = defaultOutput;
	}

	/**
	 * Parses a command line into this and checks it (unless it asks for {@code --help}).
	 *
	 * @throws IllegalArgumentException naming what is wrong: an unknown, repeated or missing option or value
	 */
	protected final void read(final String[] args) {
		final CommandLine.Options table = new CommandLine.Options().flag(() -> help = true, "--help", "-h").value(v -> {
			if (!manyInputs)
				CommandLine.once(inputs.isEmpty() ? null : inputs.get(0), "--input", v);
			inputs.add(v);
		}, "--input", "-i").value(v -> output = CommandLine.once(output, "--output", v), "--output", "-o")
			.value(v -> given(v, false), "--step", "-s").value(v -> given(v, true), "--steps");
		options(table);
		table.parse(args, v -> given(v, false));
		if (help)
			return;
		check();
		if (output == null && defaultOutput == null)
			throw new IllegalArgumentException("--output is missing: give the output folder");
		output = output == null ? defaultOutput : output;
		if (output.trim().isEmpty())
			throw new IllegalArgumentException("--output needs a folder name");
	}

	private void given(final String stepOrFile, final boolean file) {
		given.add(stepOrFile);
		fromFile.add(file);
	}

	/** Declares the runner's own options in {@code table}, which holds the shared ones. */
	protected abstract void options(CommandLine.Options table);

	/** Checks the runner's own rules, after parsing; throws an {@link IllegalArgumentException} naming what is wrong. */
	protected abstract void check();

	/** Reads a steps file on a runner's filesystem. */
	public interface StepsFile {

		/** @return the lines of the steps file at {@code path} */
		List<String> lines(String path) throws IOException;
	}

	/** @return whether any step or steps file is given */
	public final boolean hasSteps() {
		return !given.isEmpty();
	}

	/**
	 * @param reader reads a steps file
	 * @return the steps, in the order given, each steps file's steps in its place ({@link CommandLine#steps})
	 * @throws IllegalArgumentException when a steps file cannot be read or holds no step
	 */
	public final List<String> steps(final StepsFile reader) {
		final List<String> steps = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			if (!fromFile.get(i)) {
				steps.add(given.get(i));
				continue;
			}
			final List<String> lines;
			try {
				lines = reader.lines(given.get(i));
			}
			catch (final IOException | RuntimeException e) {
				throw CommandLine.unreadableSteps(given.get(i), e);
			}
			steps.addAll(CommandLine.steps(given.get(i), lines));
		}
		return steps;
	}
}

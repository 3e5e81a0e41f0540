package io.github.cnnlayers.pipeline;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the pipeline runner and the Spark job (a module of its own) share on their command lines:
 * options given as {@code --name value}, {@code --name=value} or {@code -x value} among bare words,
 * a table of the options a command line takes ({@link Options}), an option given twice, the steps of
 * a steps file, the error report, and UTF-8 output.
 */
public final class CommandLine {

	private final String[] args;
	private int i = -1;
	private String name;
	private String inline;

	/** @param args the command line */
	public CommandLine(final String[] args) {
		this.args = args;
	}

	/** @return whether there is another argument; then {@link #name()} is it, without a {@code =value} */
	public boolean next() {
		if (++i >= args.length)
			return false;
		name = args[i];
		inline = null;
		if (name.startsWith("--") && name.contains("=")) {
			inline = name.substring(name.indexOf('=') + 1);
			name = name.substring(0, name.indexOf('='));
		}
		return true;
	}

	/** @return the current option's name ({@code --input}), or the current bare word */
	public String name() {
		return name;
	}

	/** @return the current argument as given */
	public String word() {
		return args[i];
	}

	/**
	 * @return the current option's value: after its {@code =}, else the next argument (which it takes)
	 * @throws IllegalArgumentException when there is none
	 */
	public String value() {
		if (inline != null)
			return inline;
		if (i + 1 >= args.length)
			throw new IllegalArgumentException(name + " needs a value");
		return args[++i];
	}

	/** The options a command line takes, each with what it does: the one parser of every runner ({@link RunArguments}). */
	public static final class Options {

		private final Map<String, Consumer<String>> withValue = new HashMap<>();
		private final Map<String, Runnable> flags = new HashMap<>();
		private final List<String> names = new ArrayList<>();

		/** Declares an option without a value, named e.g. {@code --help}, {@code -h}: {@code set} runs when it is given; returns this. */
		public Options flag(final Runnable set, final String... name) {
			names.add(name[0]);
			for (final String n : name)
				flags.put(n, set);
			return this;
		}

		/** Declares an option with a value, named e.g. {@code --step}, {@code -s}: {@code take} gets each value given; returns this. */
		public Options value(final Consumer<String> take, final String... name) {
			names.add(name[0]);
			for (final String n : name)
				withValue.put(n, take);
			return this;
		}

		/**
		 * Runs the options of a command line in order; {@code words} gets every argument that is no option.
		 *
		 * @throws IllegalArgumentException for an unknown option (naming the options) or a missing value
		 */
		public void parse(final String[] args, final Consumer<String> words) {
			final CommandLine line = new CommandLine(args);
			while (line.next())
				if (flags.containsKey(line.name()))
					flags.get(line.name()).run();
				else if (withValue.containsKey(line.name()))
					withValue.get(line.name()).accept(line.value());
				else if (line.name().startsWith("-"))
					throw new IllegalArgumentException("unknown option \"" + line.word() + "\"; options: " + String.join(", ", names));
				else
					words.accept(line.word());
		}
	}

	/**
	 * @return {@code value}, for an option that may be given once
	 * @throws IllegalArgumentException when {@code previous} (the value given before) is not {@code null}
	 */
	public static String once(final String previous, final String option, final String value) {
		if (previous != null)
			throw new IllegalArgumentException(option + " is given twice (\"" + previous + "\" and \"" + value + "\"); give it once");
		return value;
	}

	/**
	 * @param file the steps file, for messages
	 * @param lines its lines
	 * @return its steps: one per line, blank lines and {@code #} comments skipped
	 * @throws IllegalArgumentException when it holds no step
	 */
	public static List<String> steps(final String file, final Iterable<String> lines) {
		final List<String> steps = new ArrayList<>();
		for (final String line : lines) {
			final String t = line.trim();
			if (!t.isEmpty() && !t.startsWith("#"))
				steps.add(t);
		}
		if (steps.isEmpty())
			throw new IllegalArgumentException("the steps file " + file + " holds no step (blank lines and # comments only)");
		return steps;
	}

	/** @return the error for a steps file that cannot be read */
	public static IllegalArgumentException unreadableSteps(final String file, final Exception e) {
		return new IllegalArgumentException("cannot read the steps file " + file + " (" + e.getClass().getSimpleName() +
			"); give a text file with one step per line");
	}

	/**
	 * Prints a command-line error and the hint to {@code --help}.
	 *
	 * @return {@link PipelineRunner#USAGE_ERROR}
	 */
	public static int usageError(final PrintStream err, final IllegalArgumentException e) {
		err.println("Error: " + e.getMessage().replace("\n", "\nError: "));
		err.println("Run with --help for the usage.");
		return PipelineRunner.USAGE_ERROR;
	}

	/** A command line's run: its exit code. */
	public interface Run {

		/** @return the exit code of the run, reporting to {@code out} and errors to {@code err} */
		int code(PrintStream out, PrintStream err);
	}

	/** Runs a runner's {@code main}: headless (unless told otherwise), UTF-8 output, and its exit code unless 0. */
	public static void main(final Run run) {
		if (System.getProperty("java.awt.headless") == null)
			System.setProperty("java.awt.headless", "true");
		final PrintStream out = utf8(FileDescriptor.out, System.out);
		final PrintStream err = utf8(FileDescriptor.err, System.err);
		final int code = run.code(out, err);
		out.flush();
		err.flush();
		if (code != 0)
			System.exit(code);
	}

	/** @return a UTF-8 print stream on {@code fd} (standard output or error), or {@code fallback} */
	private static PrintStream utf8(final FileDescriptor fd, final PrintStream fallback) {
		try {
			return new PrintStream(new FileOutputStream(fd), true, "UTF-8");
		}
		catch (final UnsupportedEncodingException e) {
			return fallback;
		}
	}
}

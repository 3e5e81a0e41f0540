package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line pipeline in a separate Java process, with the test class path: for faults that
 * need a process of its own (a small heap, {@code kill -9}). Output goes to files, every wait is bounded
 * and a process that outlives its timeout is killed.
 */
final class Subprocess {

	final Process process;
	final Path stdout;
	final Path stderr;

	private Subprocess(final Process process, final Path stdout, final Path stderr) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	/**
	 * @param logs a folder for the process's stdout and stderr
	 * @param jvmOptions e.g. {@code -Xmx256m}
	 * @param args the pipeline's arguments
	 */
	static Subprocess start(final Path logs, final List<String> jvmOptions, final String... args) throws IOException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.addAll(jvmOptions);
		cmd.add("-Djava.awt.headless=true");
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(PipelineRunner.class.getName());
		cmd.addAll(Arrays.asList(args));
		Files.createDirectories(logs);
		final Path out = Files.createTempFile(logs, "stdout", ".txt");
		final Path err = Files.createTempFile(logs, "stderr", ".txt");
		final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		return new Subprocess(p, out, err);
	}

	/** Waits for the end; kills the process and fails the test after {@code seconds}. */
	int waitFor(final long seconds) throws IOException, InterruptedException {
		if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
			kill();
			fail("the pipeline did not finish within " + seconds + " s\n" + this);
		}
		return process.exitValue();
	}

	/** Kills the process as {@code kill -9} does and waits until it is gone. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS))
			fail("the pipeline process " + process.pid() + " could not be killed");
	}

	String out() throws IOException {
		return new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
	}

	String err() throws IOException {
		return new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		try {
			return "--- out:\n" + out() + "--- err:\n" + err();
		}
		catch (final IOException e) {
			return "(no output: " + e + ")";
		}
	}
}

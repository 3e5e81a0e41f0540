package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a macro in a real ImageJ 1.x: a fresh {@code plugins} folder holding the built CNN_Layers jar
 * (and ImgLib2, which plain ImageJ lacks and Fiji ships), then
 * {@code xvfb-run -a java -Dplugins.dir=DIR -jar ij.jar -batch macro.ijm ARG}. The macro's
 * {@code print()} output arrives on stdout. A macro error opens a modal dialog that never closes under
 * Xvfb, so a watchdog kills the process tree after the timeout and the test fails with the last output.
 * <p>
 * Paths come from failsafe's system properties {@code cnnlayers.jar}, {@code ij.jar}, {@code imglib2.jar}
 * ({@link Install#standard()}); {@link Install#of} chooses other jars and another ImageJ, such as
 * {@code cnnlayers.standalone.jar} and {@code ij.old.jar}.
 */
final class RealImageJ {

	private RealImageJ() {}

	/** What a test installs: which {@code ij.jar} runs, which jars lie in {@code plugins/} and in {@code plugins/jars/}. */
	static final class Install {

		final Path ij;
		final List<Path> plugins;
		final List<Path> jars;

		private Install(final Path ij, final List<Path> plugins, final List<Path> jars) {
			this.ij = ij;
			this.plugins = plugins;
			this.jars = jars;
		}

		/** @return ImageJ {@code ij.jar} with the built jar in {@code plugins/} and ImgLib2 in {@code plugins/jars/}, as in Fiji */
		static Install standard() {
			return of(property("ij.jar"), Arrays.asList(property("cnnlayers.jar")), Arrays.asList(property("imglib2.jar")));
		}

		/**
		 * @param ij the {@code ij.jar} to run
		 * @param plugins the jars to copy into {@code plugins/}
		 * @param jars the jars to copy into {@code plugins/jars/}
		 * @return that installation
		 */
		static Install of(final Path ij, final List<Path> plugins, final List<Path> jars) {
			return new Install(ij, plugins, jars);
		}
	}

	/**
	 * @param macro the macro text
	 * @param argument the macro's {@code getArgument()}, or {@code null}
	 * @param timeout the watchdog
	 * @return everything the macro printed (stdout), for the test to check
	 */
	static String runMacro(final String macro, final String argument, final Duration timeout) throws IOException,
		InterruptedException
	{
		return runMacro(Install.standard(), macro, argument, timeout);
	}

	/**
	 * @param install which ImageJ runs, with which jars
	 * @param macro the macro text
	 * @param argument the macro's {@code getArgument()}, or {@code null}
	 * @param timeout the watchdog
	 * @return everything the macro printed (stdout)
	 */
	static String runMacro(final Install install, final String macro, final String argument, final Duration timeout)
		throws IOException, InterruptedException
	{
		final Path dir = Files.createTempDirectory("cnnlayers-ij");
		final Path macroFile = dir.resolve("test.ijm");
		Files.write(macroFile, macro.getBytes(StandardCharsets.UTF_8));
		return run(install, dir, macroFile, argument, timeout);
	}

	/**
	 * @param macroFile a macro file, e.g. one of {@code macros/}
	 * @param argument the macro's {@code getArgument()}, or {@code null}
	 * @return everything the macro printed (stdout)
	 */
	static String runMacroFile(final Path macroFile, final String argument) throws IOException, InterruptedException {
		return run(Install.standard(), Files.createTempDirectory("cnnlayers-ij"), macroFile.toAbsolutePath(), argument,
			Duration.ofSeconds(240));
	}

	/**
	 * Runs a main class of the test classpath in an ImageJ set up the same way (plugins folder with the
	 * built jar, Xvfb display), for tests that drive dialogs like a user.
	 *
	 * @param mainClass the class to run; ImageJ's own classes come from the plugins folder and ij.jar
	 * @param timeout the watchdog
	 * @return its stdout
	 */
	static String runJava(final String mainClass, final Duration timeout) throws IOException, InterruptedException {
		return runJava(Install.standard(), mainClass, new ArrayList<>(), timeout);
	}

	/**
	 * @param install which ImageJ runs, with which jars
	 * @param mainClass the class to run; only ImageJ and this project's test classes are on its class path
	 * @param args its arguments
	 * @param timeout the watchdog
	 * @return its stdout
	 */
	static String runJava(final Install install, final String mainClass, final List<String> args, final Duration timeout)
		throws IOException, InterruptedException
	{
		final Path dir = Files.createTempDirectory("cnnlayers-ij");
		final List<String> javaArgs = new ArrayList<>(Arrays.asList("-cp", install.ij + File.pathSeparator + testClasses(),
			mainClass));
		javaArgs.addAll(args);
		return launch(install, dir, javaArgs, timeout);
	}

	/** @return the folder of this project's compiled test classes, which hold the dialog drivers */
	private static String testClasses() {
		try {
			return Paths.get(RealImageJ.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (final java.net.URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String run(final Install install, final Path dir, final Path macroFile, final String argument,
		final Duration timeout) throws IOException, InterruptedException
	{
		final List<String> args = new ArrayList<>(Arrays.asList("-jar", install.ij.toString(), "-batch",
			macroFile.toString()));
		if (argument != null)
			args.add(argument);
		return launch(install, dir, args, timeout);
	}

	private static String launch(final Install install, final Path dir, final List<String> javaArgs, final Duration timeout)
		throws IOException, InterruptedException
	{
		assumeFalse(Boolean.getBoolean("cnnlayers.e2e.skip"), "end-to-end tests skipped (cnnlayers.e2e.skip=true)");
		if (!onPath("xvfb-run"))
			fail("xvfb-run is not installed: end-to-end tests run ImageJ under Xvfb. Install it with " +
				"'apt-get install -y xvfb' (.ci/run does), or skip them with -Dcnnlayers.e2e.skip=true");
		final Path plugins = Files.createDirectories(dir.resolve("plugins"));
		final Path jars = Files.createDirectories(plugins.resolve("jars"));
		for (final Path jar : install.plugins)
			Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		for (final Path jar : install.jars)
			Files.copy(jar, jars.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		final Path stdout = dir.resolve("stdout.txt");
		final Path stderr = dir.resolve("stderr.txt");
		final List<String> cmd = new ArrayList<>(Arrays.asList("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24",
			Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-Dplugins.dir=" + dir));
		cmd.addAll(javaArgs);
		final Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile()).start();
		if (!p.waitFor(timeout.getSeconds(), TimeUnit.SECONDS)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			p.waitFor(10, TimeUnit.SECONDS);
			fail("ImageJ did not finish within " + timeout.getSeconds() + " s (a macro error opens a dialog that never " +
				"closes under Xvfb). Last output:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
		}
		final String out = new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
		if (p.exitValue() != 0)
			fail("ImageJ exited with " + p.exitValue() + ". Output:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
		return out;
	}

	/**
	 * @param key a system property set by failsafe in pom.xml
	 * @return the existing file it names; the test fails otherwise
	 */
	static Path property(final String key) {
		assumeFalse(Boolean.getBoolean("cnnlayers.e2e.skip"), "end-to-end tests skipped (cnnlayers.e2e.skip=true)");
		final String v = System.getProperty(key);
		if (v == null || !new File(v).isFile())
			fail("System property " + key + " must name an existing file (set by failsafe in pom.xml), got " + v);
		return Paths.get(v);
	}

	private static boolean onPath(final String program) {
		for (final String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (new File(d, program).canExecute())
				return true;
		return false;
	}

	private static String tail(final Path file) throws IOException {
		if (!Files.exists(file))
			return "(none)";
		final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}
}

package io.github.cnnlayers.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * The job on a real Spark standalone cluster (issue 20 item 7): a Master and a Worker in JVMs of their
 * own, started from the Spark jars on the test class path, the Worker's executors in a working folder
 * other than the driver's. A step's weight file named relative to the driver's folder must reach every
 * executor (local mode hides this: its executors share the driver's folder). Everything binds to
 * 127.0.0.1, every wait is bounded, and the JVMs are killed at the end whatever happens.
 */
class StandaloneClusterTest {

	/** The longest wait for the cluster to come up, or for the job. */
	private static final long WAIT_SECONDS = 120;

	@TempDir
	Path dir;

	@Test
	void aRelativeWeightPathOnTheDriverWorksOnEveryExecutor() throws Exception {
		// the driver's folder is this JVM's working folder: the weight file is named relative to it
		final Path driverFolder = Paths.get("").toAbsolutePath();
		final Path weightsFolder = Files.createDirectories(driverFolder.resolve("target").resolve("cluster-" + UUID.randomUUID()));
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdirs());
		for (final String name : new String[] { "a", "b", "c" }) {
			final FloatProcessor fp = new FloatProcessor(4, 2, new float[] { -10, -10, 10, 10, -10, -10, 10, 10 });
			assertTrue(new FileSaver(new ImagePlus(name, fp)).saveAsTiff(new File(in, name + ".tif").getPath()));
		}
		SparkOutputsTest.npy(weightsFolder.resolve("w.npy").toFile(), new float[] { 2 }, 1, 1, 1, 1);
		final String relative = driverFolder.relativize(weightsFolder.resolve("w.npy")).toString();
		assertTrue(!new File(relative).isAbsolute() && new File(relative).isFile());
		final Path workerFolder = Files.createDirectories(dir.resolve("worker"));
		final Path sparkHome = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
		final File out = dir.resolve("out").toFile();

		final int port = freePort();
		final List<Process> jvms = new ArrayList<>();
		JavaSparkContext sc = null;
		try {
			final Path masterLog = dir.resolve("master.log");
			jvms.add(start(masterLog, sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
				String.valueOf(port), "--webui-port", "0"));
			awaitLine(masterLog, "I have been elected leader", jvms.get(0));
			final Path workerLog = dir.resolve("worker.log");
			jvms.add(start(workerLog, sparkHome, "org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port, "--host",
				"127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "768m", "--work-dir", workerFolder.toString()));
			awaitLine(workerLog, "Successfully registered with master", jvms.get(1));

			sc = new JavaSparkContext(new SparkConf().setMaster("spark://127.0.0.1:" + port).setAppName("StandaloneClusterTest")
				.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false").set("spark.driver.host", "127.0.0.1")
				.set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "512m").set("spark.cores.max", "1")
				.set("spark.executor.extraJavaOptions", "-Djava.awt.headless=true"));
			sc.setLogLevel("ERROR");
			final ByteArrayOutputStream o = new ByteArrayOutputStream();
			final int code = SparkPipeline.run(sc, new String[] { "--input", in.getPath(), "--output", out.getPath(), "--step",
				"Conv2D... weights=[" + relative + "] padding=0", "--step", "Leaky ReLU... alpha=0.1" }, new PrintStream(o, true, "UTF-8"),
				new PrintStream(o, true, "UTF-8"));
			final String log = new String(o.toByteArray(), StandardCharsets.UTF_8);
			assertEquals(0, code, log);
			assertTrue(log.contains("(master spark://127.0.0.1:" + port), log);
			assertTrue(log.contains("Summary: 3 done, 0 failed, 0 skipped of 3 images"), log);
			for (final String name : new String[] { "a", "b", "c" }) {
				final ImagePlus imp = IJ.openImage(new File(out, name + "_conv2d_leakyrelu.tif").getPath());
				assertEquals(-2f, imp.getProcessor().getf(0, 0), 1e-6f, "-10 * 2 * 0.1");
				assertEquals(20f, imp.getProcessor().getf(3, 1), 1e-6f, "10 * 2");
			}
			try (Stream<Path> s = Files.walk(workerFolder)) { // the executor ran in the Worker's folder, not the driver's
				assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("stderr")), "an executor's folder under " + workerFolder);
			}
		}
		finally {
			if (sc != null)
				sc.stop();
			for (int i = jvms.size() - 1; i >= 0; i--)
				kill(jvms.get(i));
			deleteTree(weightsFolder);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return s.getLocalPort();
		}
	}

	/**
	 * Starts a Spark daemon in a JVM of its own with this JVM's class path; its executors get the same
	 * class path (SPARK_DIST_CLASSPATH) and Java options, as a Spark install would give them its jars.
	 */
	private static Process start(final Path log, final Path sparkHome, final String mainClass, final String... args) throws IOException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx256m");
		for (final String option : ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (option.startsWith("--add-opens") || option.startsWith("--add-exports") || option.startsWith("-XX:+IgnoreUnrecognized") ||
				option.startsWith("-Djdk.reflect"))
				cmd.add(option);
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(mainClass);
		cmd.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.directory(sparkHome.toFile());
		final Map<String, String> env = pb.environment();
		env.put("SPARK_HOME", sparkHome.toString());
		env.put("SPARK_SCALA_VERSION", "2.12");
		env.put("SPARK_DIST_CLASSPATH", System.getProperty("java.class.path"));
		env.put("SPARK_LOCAL_IP", "127.0.0.1");
		env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
		return pb.start();
	}

	/** Waits until a daemon's log has a line, failing with the log after {@link #WAIT_SECONDS} or when it dies. */
	private static void awaitLine(final Path log, final String line, final Process p) throws IOException, InterruptedException {
		final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		while (System.nanoTime() < until) {
			final String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
			if (text.contains(line))
				return;
			if (!p.isAlive())
				fail("the daemon ended (exit " + p.exitValue() + ") before \"" + line + "\":\n" + text);
			Thread.sleep(100);
		}
		fail("no \"" + line + "\" within " + WAIT_SECONDS + " s:\n" + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
	}

	/** Kills a daemon and the processes it started (an executor), as {@code kill -9} does. */
	private static void kill(final Process p) throws InterruptedException {
		try { // ProcessHandle (Java 9+), by reflection: this module compiles for Java 8
			final Class<?> handles = Class.forName("java.lang.ProcessHandle");
			final Object handle = Process.class.getMethod("toHandle").invoke(p);
			final Stream<?> children = (Stream<?>) handles.getMethod("descendants").invoke(handle);
			for (final Object child : children.toArray())
				handles.getMethod("destroyForcibly").invoke(child);
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			// Java 8: an executor ends by itself once its driver and Worker are gone
		}
		p.destroyForcibly();
		if (!p.waitFor(30, TimeUnit.SECONDS))
			fail("a Spark daemon could not be killed");
	}

	private static void deleteTree(final Path root) throws IOException {
		if (!Files.exists(root))
			return;
		try (Stream<Path> s = Files.walk(root)) {
			s.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
		}
	}
}

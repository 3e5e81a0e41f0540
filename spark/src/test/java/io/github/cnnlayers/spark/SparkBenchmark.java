package io.github.cnnlayers.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.cnnlayers.pipeline.PipelineRunner;

/**
 * Not a test (not run by surefire): images per second of the command line's folder batch and of the
 * Spark job in local mode with 1 and 2 cores, on N generated 16-bit images (default 1,000 of 512²),
 * through Conv2D 5x5 → Leaky ReLU → Max Pooling; and the fixed cost of a job (context start, a job
 * of one image).
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g [Java 17 --add-opens flags] -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.github.cnnlayers.spark.SparkBenchmark [N] [SIZE]
 * </pre>
 */
public final class SparkBenchmark {

	private SparkBenchmark() {}

	/**
	 * @param args [number of images] [width = height]
	 * @throws IOException when the images cannot be written
	 */
	public static void main(final String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 512;
		final Path root = Files.createTempDirectory("cnnlayers-bench-");
		final File in = root.resolve("in").toFile();
		in.mkdirs();
		final Random rnd = new Random(1);
		for (int i = 0; i < n; i++) {
			final ShortProcessor sp = new ShortProcessor(size, size);
			final short[] p = (short[]) sp.getPixels();
			for (int k = 0; k < p.length; k++)
				p[k] = (short) rnd.nextInt(4096);
			new FileSaver(new ImagePlus("b", sp)).saveAsTiff(new File(in, String.format("b%05d.tif", i)).getPath());
		}
		final File one = root.resolve("one").toFile();
		one.mkdirs();
		Files.copy(new File(in, "b00000.tif").toPath(), new File(one, "b00000.tif").toPath());
		final PrintStream quiet = new PrintStream(new OutputStream() {

			@Override
			public void write(final int b) {}
		});
		System.out.printf(Locale.ROOT, "%d images of %dx%d 16-bit, %d cores available, heap %d MB%n", n, size, size,
			Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

		// warm up the plugin code (JIT) on the one image, as a long job would be
		PipelineRunner.run(args(one, root.resolve("warm"), new String[0]), quiet, quiet);
		long t = System.nanoTime();
		long cpu = cpu();
		final int cliCode = PipelineRunner.run(args(in, root.resolve("cli"), new String[0]), quiet, quiet);
		final double cli = (System.nanoTime() - t) / 1e9;
		System.out.printf(Locale.ROOT, "CLI folder batch:   %7.1f s  %6.2f images/s, CPU %.0f ms/image (exit %d)%n", cli, n / cli,
			(cpu() - cpu) / 1e6 / n, cliCode);
		delete(root.resolve("cli"));

		for (final int cores : new int[] { 1, 2 }) {
			t = System.nanoTime();
			final JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]").setAppName("bench")
				.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"));
			sc.setLogLevel("ERROR");
			final double start = (System.nanoTime() - t) / 1e9;
			t = System.nanoTime();
			SparkPipeline.run(sc, args(one, root.resolve("one-out-" + cores), new String[0]), quiet, quiet);
			final double first = (System.nanoTime() - t) / 1e9;
			t = System.nanoTime();
			SparkPipeline.run(sc, args(one, root.resolve("one-out2-" + cores), new String[0]), quiet, quiet);
			final double oneImage = (System.nanoTime() - t) / 1e9;
			t = System.nanoTime();
			cpu = cpu();
			final int code = SparkPipeline.run(sc, args(in, root.resolve("spark-" + cores), new String[] { "--progress", "100000" }),
				quiet, quiet);
			final double all = (System.nanoTime() - t) / 1e9;
			final double cpuPerImage = (cpu() - cpu) / 1e6 / n;
			t = System.nanoTime();
			SparkPipeline.run(sc, args(in, root.resolve("spark-" + cores), new String[0]), quiet, quiet);
			final double skipAll = (System.nanoTime() - t) / 1e9;
			sc.stop();
			System.out.printf(Locale.ROOT, "Spark local[%d]:     %7.1f s  %6.2f images/s, CPU %.0f ms/image (exit %d); context start " +
				"%.1f s, job of 1 image %.2f s (first %.2f s), re-run skipping all %.2f s%n", cores, all, n / all, cpuPerImage, code, start,
				oneImage, first, skipAll);
			delete(root.resolve("spark-" + cores));
		}
		delete(root);
	}

	/** @return the CPU time of this process so far, in nanoseconds (all threads, JIT and GC included) */
	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String[] args(final File in, final Path out, final String[] more) {
		final List<String> a = new ArrayList<>(Arrays.asList("--input", in.getPath(), "--output", out.toString()));
		a.addAll(Arrays.asList(SparkPipelineTest.STEPS));
		a.addAll(Arrays.asList(more));
		return a.toArray(new String[0]);
	}

	private static void delete(final Path dir) throws IOException {
		if (!Files.exists(dir))
			return;
		try (Stream<Path> s = Files.walk(dir)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}
}

package io.github.cnnlayers.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.cnnlayers.pipeline.ImageFiles;
import io.github.cnnlayers.pipeline.ImageJob;
import io.github.cnnlayers.pipeline.Pipeline;
import io.github.cnnlayers.pipeline.PipelineRunner;

/**
 * The Spark job in local mode ({@code local[2]}): the command line's files bit for bit, per-image
 * failures in the manifest, skipping on a second run, and resuming a cancelled run.
 */
class SparkPipelineTest {

	/** Conv2D (5x5, no padding) → Leaky ReLU → Max Pooling: an image smaller than 5x5 fails step 1. */
	static final String[] STEPS = { "--step", "Conv2D... kernel=[1 1 1 1 1\\n1 2 2 2 1\\n1 2 -4 2 1\\n1 2 2 2 1\\n1 1 1 1 1] padding=0",
		"--step", "Leaky ReLU... alpha=0.1", "--step", "Max Pooling... size=2" };

	static JavaSparkContext sc;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSpark() {
		System.setProperty("java.awt.headless", "true");
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkPipelineTest")
			.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
			.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
		sc.setLogLevel("ERROR");
	}

	@AfterAll
	static void stopSpark() {
		if (sc != null)
			sc.stop();
	}

	/** What a run printed and returned. */
	static final class Result {

		int code;
		String out;
		String err;

		@Override
		public String toString() {
			return "exit " + code + "\n" + out + err;
		}
	}

	static Result spark(final String... args) throws UnsupportedEncodingException {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		final Result r = new Result();
		r.code = SparkPipeline.run(sc, args, new PrintStream(o, true, "UTF-8"), new PrintStream(e, true, "UTF-8"));
		r.out = new String(o.toByteArray(), StandardCharsets.UTF_8);
		r.err = new String(e.toByteArray(), StandardCharsets.UTF_8);
		return r;
	}

	static Result cli(final String... args) throws UnsupportedEncodingException {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final Result r = new Result();
		r.code = PipelineRunner.run(args, new PrintStream(o, true, "UTF-8"), new PrintStream(o, true, "UTF-8"));
		r.out = new String(o.toByteArray(), StandardCharsets.UTF_8);
		r.err = "";
		return r;
	}

	static String[] args(final String input, final File output, final String... more) {
		final List<String> a = new ArrayList<>(Arrays.asList("--input", input, "--output", output.getPath()));
		a.addAll(Arrays.asList(STEPS));
		a.addAll(Arrays.asList(more));
		return a.toArray(new String[0]);
	}

	/**
	 * Writes {@code n} small images (16-bit TIFFs, some calibrated, 8-bit PNGs, an RGB TIFF, and two with
	 * the same base name), a truncated TIFF and an image too small for a 5x5 kernel without padding.
	 */
	static void images(final File folder, final int n, final int size, final boolean withFailures) throws IOException {
		assertTrue(folder.mkdirs());
		final Random rnd = new Random(n * 31L + size);
		for (int i = 0; i < n; i++) {
			final int w = size + rnd.nextInt(size / 2 + 1);
			final int h = size + rnd.nextInt(size / 2 + 1);
			final String name = String.format("img%03d", i);
			if (i % 3 == 1) {
				final ByteProcessor bp = new ByteProcessor(w, h);
				for (int k = 0; k < w * h; k++)
					bp.set(k, rnd.nextInt(256));
				assertTrue(new FileSaver(new ImagePlus(name, bp)).saveAsPng(new File(folder, name + ".png").getPath()));
			}
			else if (i == 5) {
				final ColorProcessor cp = new ColorProcessor(w, h);
				for (int k = 0; k < w * h; k++)
					cp.set(k, rnd.nextInt(1 << 24));
				assertTrue(new FileSaver(new ImagePlus(name, cp)).saveAsTiff(new File(folder, name + ".tif").getPath()));
			}
			else {
				final ShortProcessor sp = new ShortProcessor(w, h);
				for (int k = 0; k < w * h; k++)
					sp.set(k, rnd.nextInt(4096));
				final ImagePlus imp = new ImagePlus(name, sp);
				if (i % 3 == 0) {
					final Calibration cal = imp.getCalibration();
					cal.pixelWidth = cal.pixelHeight = 0.25;
					cal.setUnit("micron");
				}
				assertTrue(new FileSaver(imp).saveAsTiff(new File(folder, name + ".tif").getPath()));
				if (i == 0) // same base name as img000.tif: named img000_png, as the command line does
					assertTrue(new FileSaver(new ImagePlus(name, sp.convertToByteProcessor())).saveAsPng(new File(folder, name + ".png").getPath()));
			}
		}
		if (!withFailures)
			return;
		final ShortProcessor sp = new ShortProcessor(64, 64);
		for (int k = 0; k < 64 * 64; k++)
			sp.set(k, rnd.nextInt(4096));
		final File corrupt = new File(folder, "corrupt.tif");
		assertTrue(new FileSaver(new ImagePlus("corrupt", sp)).saveAsTiff(corrupt.getPath()));
		try (RandomAccessFile f = new RandomAccessFile(corrupt, "rw")) {
			f.setLength(f.length() / 2); // an interrupted copy
		}
		assertTrue(new FileSaver(new ImagePlus("tiny", new ByteProcessor(3, 3))).saveAsPng(new File(folder, "tiny.png").getPath()));
	}

	static TreeSet<String> names(final File folder) {
		final String[] n = folder.list();
		return new TreeSet<>(n == null ? Collections.<String> emptyList() : Arrays.asList(n));
	}

	/** Every file of the command line's folder is in Spark's, with the same bytes, and Spark wrote nothing else. */
	static void assertSameFiles(final File cliOut, final File sparkOut) throws IOException {
		final TreeSet<String> expected = names(cliOut);
		final TreeSet<String> actual = names(sparkOut);
		assertTrue(actual.remove(SparkPipeline.MANIFEST), "manifest written");
		assertEquals(expected, actual);
		for (final String f : expected)
			assertArrayEquals(Files.readAllBytes(new File(cliOut, f).toPath()), Files.readAllBytes(new File(sparkOut, f).toPath()), f);
	}

	/** @return the manifest's rows by input file name: {name, status, files, bytes, millis, message, recipe} */
	static Map<String, String[]> manifest(final File sparkOut) throws IOException {
		final List<String> lines = Files.readAllLines(new File(sparkOut, SparkPipeline.MANIFEST).toPath(), StandardCharsets.UTF_8);
		assertEquals("input,name,status,files,bytes,millis,message,recipe", lines.get(0));
		final Map<String, String[]> rows = new HashMap<>();
		for (final String line : lines.subList(1, lines.size())) {
			final List<String> cells = new ArrayList<>();
			final StringBuilder cell = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < line.length(); i++) {
				final char c = line.charAt(i);
				if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"')
					quoted = !quoted;
				else if (c == ',' && !quoted) {
					cells.add(cell.toString());
					cell.setLength(0);
				}
				else
					cell.append(c);
			}
			cells.add(cell.toString());
			assertEquals(8, cells.size(), line);
			final String input = cells.get(0);
			rows.put(input.substring(input.lastIndexOf('/') + 1), cells.subList(1, 8).toArray(new String[0]));
		}
		return rows;
	}

	@Test
	void sameFilesAsTheCommandLineFailuresInTheManifestAndASecondRunSkips() throws IOException {
		final File in = dir.resolve("in").toFile();
		images(in, 30, 24, true);
		final File cliOut = dir.resolve("cli").toFile();
		final Result c = cli(args(in.getPath(), cliOut));
		assertEquals(PipelineRunner.FAILED, c.code, c.toString());

		final File out = dir.resolve("spark").toFile();
		final Result r = spark(args(in.getPath(), out, "--progress", "10"));
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		assertTrue(r.out.contains("Summary: 31 done, 2 failed, 0 skipped of 33 images"), r.toString());
		// the driver polls every 250 ms and prints when a multiple of --progress was passed, so how many lines
		// depends on the machine's speed; the counts only grow, and the last line is the total
		long previous = -1;
		for (final java.util.regex.Matcher p = java.util.regex.Pattern.compile("\nProgress: (\\d+)/33").matcher(r.out); p.find();) {
			final long n = Long.parseLong(p.group(1));
			assertTrue(n > previous, r.toString());
			previous = n;
		}
		assertEquals(33, previous, r.toString());
		assertTrue(r.out.contains("Progress: 33/33 images"), r.toString());
		assertTrue(r.err.contains("2 of 33 images failed"), r.toString());
		assertSameFiles(cliOut, out);

		final Map<String, String[]> m = manifest(out);
		assertEquals(33, m.size());
		assertEquals("failed", m.get("corrupt.tif")[1]);
		assertTrue(m.get("corrupt.tif")[5].startsWith(new File(in, "corrupt.tif").toURI().toString().replace("file:/", "file:/").replaceAll("^file:/+", "file:/") +
			" is truncated: "), m.get("corrupt.tif")[5]);
		assertEquals("failed", m.get("tiny.png")[1]);
		assertTrue(m.get("tiny.png")[5].startsWith("Step 1 (Conv2D...): on tiny (3x3)"), m.get("tiny.png")[5]);
		assertEquals("", m.get("tiny.png")[2]);
		assertEquals("img000", m.get("img000.png")[0]); // sorted first
		assertEquals("img000_tif", m.get("img000.tif")[0]);
		final Pipeline pipeline = Pipeline.parse(Arrays.asList(STEPS[1], STEPS[3], STEPS[5]));
		for (final Map.Entry<String, String[]> e : m.entrySet()) {
			if (e.getKey().equals("corrupt.tif") || e.getKey().equals("tiny.png"))
				continue;
			final String[] row = e.getValue();
			assertEquals("done", row[1], e.getKey());
			assertEquals(String.join(";", ImageJob.outputFileNames(pipeline, row[0])), row[2]);
			long bytes = 0;
			for (final String f : row[2].split(";"))
				bytes += new File(out, f).length();
			assertEquals(bytes, Long.parseLong(row[3]));
		}

		// a second run: nothing to do but the two failures, which fail again
		final Map<String, Long> modified = new HashMap<>();
		for (final File f : out.listFiles())
			modified.put(f.getName(), f.lastModified());
		final Result again = spark(args(in.getPath(), out));
		assertEquals(PipelineRunner.FAILED, again.code, again.toString());
		assertTrue(again.out.contains("Summary: 0 done, 2 failed, 31 skipped of 33 images"), again.toString());
		for (final File f : out.listFiles())
			if (!f.getName().equals(SparkPipeline.MANIFEST))
				assertEquals(modified.get(f.getName()), (Long) f.lastModified(), f.getName());
		assertEquals("skipped", manifest(out).get("img006.tif")[1]);
		assertSameFiles(cliOut, out);

		// --overwrite runs everything again, to the same bytes
		final Result overwrite = spark(args(in.getPath(), out, "--overwrite"));
		assertTrue(overwrite.out.contains("Summary: 31 done, 2 failed, 0 skipped of 33 images"), overwrite.toString());
		assertSameFiles(cliOut, out);
	}

	@Test
	void aCancelledRunResumesWithNothingDuplicatedOrTruncated() throws Exception {
		final File in = dir.resolve("in").toFile();
		images(in, 40, 160, false);
		final File cliOut = dir.resolve("cli").toFile();
		assertEquals(0, cli(args(in.getPath(), cliOut)).code);

		final File out = dir.resolve("spark").toFile();
		final AtomicBoolean cancelled = new AtomicBoolean();
		final Thread canceller = new Thread(() -> {
			final long until = System.currentTimeMillis() + 60_000;
			while (System.currentTimeMillis() < until) {
				final String[] n = out.list();
				if (n != null && Arrays.stream(n).filter(s -> !s.startsWith(ImageFiles.TEMPORARY_PREFIX) && s.endsWith(ImageJob.MONTAGE_SUFFIX + ".png")).count() >= 4) {
					sc.cancelAllJobs();
					cancelled.set(true);
					return;
				}
				try {
					Thread.sleep(2);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		});
		canceller.start();
		final Result first = spark(args(in.getPath(), out));
		canceller.join();
		assertTrue(cancelled.get());
		assertEquals(PipelineRunner.FAILED, first.code, first.toString());
		assertTrue(first.err.contains("the job stopped"), first.toString());
		final Map<String, String[]> m1 = manifest(out);
		int finished = 0;
		for (final String[] row : m1.values()) {
			assertTrue(row[1].equals("done") || row[1].equals("not run"), Arrays.toString(row));
			finished += row[1].equals("done") ? 1 : 0;
		}
		// an image whose files were all written when the job was cancelled may be "not run" (its task did not report)
		assertTrue(finished < 41, first.toString());

		final Result second = spark(args(in.getPath(), out));
		assertEquals(0, second.code, second.toString());
		final Map<String, String[]> m2 = manifest(out);
		int skipped = 0;
		for (final String[] row : m2.values()) {
			assertTrue(row[1].equals("done") || row[1].equals("skipped"), Arrays.toString(row));
			skipped += row[1].equals("skipped") ? 1 : 0;
		}
		// at least the 4 whose montage (written last) existed at the cancel are complete and skipped
		assertTrue(skipped >= Math.max(4, finished) && skipped < 41, second.toString());
		for (final String f : names(out))
			assertFalse(f.startsWith(ImageFiles.TEMPORARY_PREFIX), f);
		assertSameFiles(cliOut, out);
	}

	@Test
	void anImageTooLargeForTheExecutorFailsWithAClearMessage() throws IOException {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdirs());
		assertTrue(new FileSaver(new ImagePlus("big", new ShortProcessor(600, 600))).saveAsTiff(new File(in, "big.tif").getPath()));
		assertTrue(new FileSaver(new ImagePlus("big2", new ByteProcessor(600, 600))).saveAsPng(new File(in, "big2.png").getPath()));
		assertTrue(new FileSaver(new ImagePlus("small", new ShortProcessor(20, 20))).saveAsTiff(new File(in, "small.tif").getPath()));
		final File out = dir.resolve("out").toFile();
		final Result r = spark(args(in.getPath(), out, "--image-memory", "1"));
		assertEquals(PipelineRunner.FAILED, r.code, r.toString());
		final Map<String, String[]> m = manifest(out);
		assertEquals("done", m.get("small.tif")[1]);
		for (final String big : new String[] { "big.tif", "big2.png" }) {
			assertEquals("failed", m.get(big)[1]);
			assertTrue(m.get(big)[5].startsWith("not enough executor memory: " + big + " "), m.get(big)[5]);
			assertTrue(m.get(big)[5].contains("--executor-memory"), m.get(big)[5]);
		}
		assertEquals(0, MemoryBudget.reserved());
	}

	@Test
	void globsAndListFilesAndBadCommandLines() throws IOException {
		final File in = dir.resolve("in").toFile();
		images(in, 6, 12, false);
		final File list = dir.resolve("list.txt").toFile();
		Files.write(list.toPath(), Arrays.asList("# two images", "in/img001.png", "", in.getAbsolutePath() + "/img002.tif"));
		final File out = dir.resolve("out").toFile();
		final Result listed = spark(args(list.getPath(), out));
		assertEquals(0, listed.code, listed.toString());
		assertTrue(listed.out.contains("Summary: 2 done, 0 failed, 0 skipped of 2 images"), listed.toString());

		final Result glob = spark(args(in.getPath() + "/img00[0-3].tif", out));
		assertEquals(0, glob.code, glob.toString());
		assertTrue(glob.out.contains("Summary: 2 done, 0 failed, 1 skipped of 3 images"), glob.toString());

		final Result bad = spark("--input", in.getPath(), "--output", out.getPath(), "--step", "Conv2D... stride=0");
		assertEquals(PipelineRunner.USAGE_ERROR, bad.code, bad.toString());
		assertTrue(bad.err.startsWith("Error: Step 1 (Conv2D...): "), bad.toString());
		final Result tiled = spark("--input", in.getPath(), "--output", out.getPath(), "--tile", "auto", "--step", "ReLU");
		assertEquals(PipelineRunner.USAGE_ERROR, tiled.code, tiled.toString());
		assertTrue(tiled.err.startsWith("Error: --tile streams TIFF files; ") && tiled.err.contains(".png is not one"), tiled.toString());
		final Result missing = spark(args(dir.resolve("nothing").toString(), out));
		assertEquals(PipelineRunner.USAGE_ERROR, missing.code, missing.toString());
		assertTrue(missing.err.contains("input not found"), missing.toString());
	}
}

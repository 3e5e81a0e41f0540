package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.network.UNets;
import io.github.cnnlayers.tiff.TiffFile;
import io.github.cnnlayers.tiff.TiledTiffWriter;

/**
 * A network streamed from a TIFF to a tiled BigTIFF equals the same network run on the whole image in memory, bit
 * for bit; in a forked JVM whose heap cannot hold the input as floats, the streamed run completes.
 */
public class StreamedNetworkRunTest {

	@TempDir
	Path dir;

	/** The U-Net both JVMs build: seeded weights, depth 2, 1 feature, one input channel. */
	static NetworkModel model() {
		return UNets.model(2, 1, 1, UNets.Up.BILINEAR, BorderMode.ZERO);
	}

	/** Writes one channel as a one-page tiled float TIFF (tiles of 16, unlike the run's tiles). */
	private static void writeInput(Path file, FeatureMaps x) throws IOException {
		int w = (int) x.shape().width(), h = (int) x.shape().height(), t = 16;
		try (TiledTiffWriter writer = TiledTiffWriter.create(file, w, h, 1, t)) {
			for (int ty = 0; ty < writer.tilesDown(); ty++)
				for (int tx = 0; tx < writer.tilesAcross(); tx++) {
					int tw = Math.min(t, w - tx * t), th = Math.min(t, h - ty * t);
					float[] p = new float[tw * th];
					for (int y = 0; y < th; y++)
						System.arraycopy(x.plane(0), (ty * t + y) * w + tx * t, p, y * tw, tw);
					writer.writeTile(0, tx, ty, p);
				}
			writer.commit();
		}
	}

	/** Compares the output TIFF (one page per channel) with the whole run, a band of rows at a time. */
	private static void assertEqualsWhole(FeatureMaps expected, Path output) throws IOException {
		int w = (int) expected.shape().width(), h = (int) expected.shape().height();
		try (TiffFile tiff = TiffFile.open(output)) {
			assertEquals(expected.shape().channels(), tiff.pages().size());
			for (int c = 0; c < expected.shape().channels(); c++) {
				float[] want = expected.plane(c);
				for (int y = 0; y < h; y += 64) {
					int rows = Math.min(64, h - y);
					float[] got = tiff.read(c, 0, y, w, rows);
					for (int i = 0; i < got.length; i++)
						if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[y * w + i]))
							throw new AssertionError("channel " + c + " at " + (i % w) + "," + (y + i / w) + ": " + got[i] +
								", whole: " + want[y * w + i]);
				}
			}
		}
	}

	private static FeatureMaps whole(NetworkModel model, FeatureMaps x) {
		return model.network(x.shape()).run(Collections.singletonList(x), null).get("out");
	}

	@Test
	public void aStreamedRunEqualsTheWholeRun() throws Exception {
		FeatureMaps x = UNets.image(1, 200, 136, 5);
		Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
		writeInput(in, x);
		String done = StreamedNetworkRun.run(model(), "out", in, out, Tiling.parse("64"));
		assertTrue(done.contains("tiles of 64 x 64"), done);
		assertEqualsWhole(whole(model(), x), out);
	}

	@Test
	public void wholeAndMultiPageInputsAreRefused() throws Exception {
		Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
		writeInput(in, UNets.image(1, 64, 64, 1));
		IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
			() -> StreamedNetworkRun.run(model(), "out", in, out, Tiling.parse("0")));
		assertEquals("tile=0 (the whole image) cannot stream a TIFF file; allowed: auto or N >= 64", whole.getMessage());
		Path pages = Paths.get(getClass().getResource("/fixtures/tiff/pages_f32.tif").toURI());
		IllegalArgumentException multi = assertThrows(IllegalArgumentException.class,
			() -> StreamedNetworkRun.run(model(), "out", pages, out, Tiling.parse("64")));
		assertTrue(multi.getMessage().contains("has 3 pages; a streamed run"), multi.getMessage());
		assertFalse(Files.exists(out));
	}

	/** Runs {@link StreamedNetworkRun} with tile=auto: arguments input and output TIFF. */
	public static final class Main {
		/** @param args input and output paths */
		public static void main(String[] args) throws Exception {
			System.out.println(StreamedNetworkRun.run(model(), "out", Paths.get(args[0]), Paths.get(args[1]), Tiling.AUTO));
			System.out.println("heap committed " + (Runtime.getRuntime().totalMemory() >> 20) + " MB of max " +
				(Runtime.getRuntime().maxMemory() >> 20) + " MB");
		}
	}

	@Test
	public void aTiffLargerThanTheHeapIsStreamedInAForkedJvm() throws Exception {
		// 3,072 x 3,072 floats: 37.7 MB of input alone, in a 32 MB heap (the whole run here: about 250 MB)
		FeatureMaps x = UNets.image(1, 3072, 3072, 7);
		Path in = dir.resolve("big-in.tif"), out = dir.resolve("big-out.tif");
		writeInput(in, x);
		assertTrue(x.shape().bytes() > 32L << 20);
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		long t0 = System.nanoTime();
		Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
			in.toString(), out.toString()).redirectErrorStream(true).start();
		if (!p.waitFor(300, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the streamed run did not end within 300 s");
		}
		java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
		byte[] b = new byte[8192];
		for (int n; (n = p.getInputStream().read(b)) > 0;)
			text.write(b, 0, n);
		String said = new String(text.toByteArray(), StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), said);
		System.out.printf("StreamedNetworkRunTest: %s in %.1f s%n", said.trim(), (System.nanoTime() - t0) / 1e9);
		assertEqualsWhole(whole(model(), x), out);
	}
}

package io.github.cnnlayers.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A BigTIFF over 4 GB written and read back tile by tile on disk: one page of 33,000 x 33,000 floats (4.36 GB) in
 * 256 x 256 tiles, values from a formula, never held whole (the writer keeps one tile). Spot checks read back the
 * first, a middle, the last tile and a rectangle across tiles stored above 2^32 bytes.
 */
public class LargeTiffTest {

	private static final int SIDE = 33_000, TILE = 256;
	private static final long FREE_NEEDED = 10L << 30;

	@Test
	public void aBigTiffOver4GbIsWrittenAndReadBackTileByTile() throws Exception {
		Path dir = Paths.get("target").toAbsolutePath();
		Files.createDirectories(dir);
		long free = Files.getFileStore(dir).getUsableSpace();
		Assumptions.assumeTrue(free >= FREE_NEEDED, "needs 10 GB free in " + dir + " for a 4.36 GB file; has " +
			(free >> 20) + " MB");
		Path target = dir.resolve("large-bigtiff-test.tif");
		try {
			long t0 = System.nanoTime();
			try (TiledTiffWriter writer = TiledTiffWriter.create(target, SIDE, SIDE, 1, TILE)) {
				for (int ty = 0; ty < writer.tilesDown(); ty++)
					for (int tx = 0; tx < writer.tilesAcross(); tx++)
						writer.writeTile(0, tx, ty, TiledTiffWriterTest.tilePixels(writer, SIDE, SIDE, 0, tx, ty));
				writer.commit();
			}
			long t1 = System.nanoTime();
			long size = Files.size(target);
			assertTrue(size > 1L << 32, "file of " + size + " bytes");
			int across = (SIDE + TILE - 1) / TILE;
			try (TiffFile tiff = TiffFile.open(target)) {
				TiffPage page = tiff.page(0);
				assertEquals(across * across, page.chunkCount());
				assertTrue(page.offsets[page.chunkCount() - 1] > 1L << 32, "the last tile lies above 2^32");
				int last = (across - 1) * TILE;
				check(tiff, 0, 0, TILE, TILE);
				check(tiff, 64 * TILE, 64 * TILE, TILE, TILE);
				check(tiff, last, last, SIDE - last, SIDE - last); // the last tile, 232 x 232
				check(tiff, SIDE - 300, SIDE - 600, 300, 600); // across tiles stored above 2^32
				check(tiff, 12_345, 20_000, 700, 3); // across 3 tiles, mid-file
				long t2 = System.nanoTime();
				long read = 4L * (TILE * TILE * 2 + 232 * 232 + 300 * 600 + 700 * 3);
				System.out.printf("LargeTiffTest: wrote %d bytes in %.1f s (%.0f MB/s); spot reads of %d KB in %.0f ms%n",
					size, (t1 - t0) / 1e9, size / 1e6 / ((t1 - t0) / 1e9), read >> 10, (t2 - t1) / 1e6);
			}
		}
		finally {
			Files.deleteIfExists(target);
		}
	}

	private static void check(TiffFile tiff, int x, int y, int w, int h) throws Exception {
		float[] got = tiff.read(0, x, y, w, h);
		for (int r = 0; r < h; r++)
			for (int c = 0; c < w; c++)
				assertEquals(TiledTiffWriterTest.value(0, x + c, y + r), got[r * w + c], 0f, "at " + (x + c) + "," + (y + r));
	}
}

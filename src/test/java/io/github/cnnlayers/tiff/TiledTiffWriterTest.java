package io.github.cnnlayers.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;

/**
 * TiledTiffWriter: tiles written in any order read back exactly with TiffFile; an unfinished file never appears
 * (and never replaces an older one); the file is a tiled BigTIFF, which ImageJ 1.x does not open.
 */
public class TiledTiffWriterTest {

	@TempDir
	Path folder;

	/** The pixel of page p at x, y: distinct, exact floats including negative and fractional ones. */
	static float value(int p, int x, int y) {
		return (x * 31 + y * 17) % 65521 - 0.5f * p - (x == y ? 0.25f : 0f);
	}

	static float[] tilePixels(TiledTiffWriter writer, int width, int height, int p, int tx, int ty) {
		int t = writer.tile(), w = Math.min(t, width - tx * t), h = Math.min(t, height - ty * t);
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				out[y * w + x] = value(p, tx * t + x, ty * t + y);
		return out;
	}

	private static Path write(Path target, int width, int height, int pages, int tile, long seed) throws Exception {
		try (TiledTiffWriter writer = TiledTiffWriter.create(target, width, height, pages, tile)) {
			List<int[]> order = new ArrayList<>();
			for (int p = 0; p < pages; p++)
				for (int ty = 0; ty < writer.tilesDown(); ty++)
					for (int tx = 0; tx < writer.tilesAcross(); tx++)
						order.add(new int[] { p, tx, ty });
			Collections.shuffle(order, new Random(seed));
			for (int[] o : order)
				writer.writeTile(o[0], o[1], o[2], tilePixels(writer, width, height, o[0], o[1], o[2]));
			writer.commit();
		}
		return target;
	}

	@Test
	public void tilesInAnyOrderReadBackExactly() throws Exception {
		// also kept in target/ for: python3 src/test/python/make_tiff_fixtures.py --check target/tiled-writer-check.tif
		Path target = write(Paths.get("target", "tiled-writer-check.tif"), 70, 50, 3, 16, 1);
		try (TiffFile tiff = TiffFile.open(target)) {
			assertTrue(tiff.bigTiff());
			assertEquals(3, tiff.pages().size());
			for (int p = 0; p < 3; p++) {
				TiffPage page = tiff.page(p);
				assertEquals(70, page.width());
				assertEquals(50, page.height());
				assertEquals(SampleType.FLOAT32, page.type());
				assertTrue(page.tiled());
				assertEquals(5 * 4, page.chunkCount());
				float[] expected = new float[70 * 50];
				for (int y = 0; y < 50; y++)
					for (int x = 0; x < 70; x++)
						expected[y * 70 + x] = value(p, x, y);
				assertArrayEquals(expected, tiff.read(p, 0, 0, 70, 50), 0f);
				float[] part = tiff.read(p, 15, 13, 40, 20);
				for (int y = 0; y < 20; y++)
					for (int x = 0; x < 40; x++)
						assertEquals(value(p, 15 + x, 13 + y), part[y * 40 + x], 0f);
			}
		}
	}

	@Test
	public void anUnfinishedFileNeverAppearsNorReplacesTheOldOne() throws Exception {
		Path target = folder.resolve("out.tif");
		Files.write(target, new byte[] { 1, 2, 3 });
		try (TiledTiffWriter writer = TiledTiffWriter.create(target, 40, 20, 1, 16)) {
			writer.writeTile(0, 0, 0, tilePixels(writer, 40, 20, 0, 0, 0));
			IllegalStateException e = assertThrows(IllegalStateException.class, writer::commit);
			assertEquals("The TIFF " + target + " is incomplete: tile 1,0 of page 0 was never written", e.getMessage());
			IllegalStateException twice = assertThrows(IllegalStateException.class,
				() -> writer.writeTile(0, 0, 0, tilePixels(writer, 40, 20, 0, 0, 0)));
			assertEquals("Tile 0,0 of page 0 was already written", twice.getMessage());
			IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
				() -> writer.writeTile(0, 2, 1, new float[16 * 16]));
			assertEquals("Tile 2,1 has 8x4 pixels inside the image, not 256", size.getMessage());
		}
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target));
		try (java.util.stream.Stream<Path> files = Files.list(folder)) {
			assertEquals(1, files.count(), "the temporary file is removed");
		}
	}

	@Test
	public void aTileSizeThatTiffDoesNotAllowIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> TiledTiffWriter.create(folder.resolve("t.tif"), 10, 10, 1, 100));
		assertEquals("Tile size 100 is not allowed: TIFF tiles are a multiple of 16 (allowed here: 16 to 4096)",
			e.getMessage());
		assertFalse(Files.exists(folder.resolve("t.tif")));
	}

	@Test
	public void imageJ1DoesNotOpenTiledBigTiffs() throws Exception {
		// ImageJ 1.54p knows no BigTIFF ("Unsupported format") and its TiffDecoder refuses tiles ("ImageJ cannot open
		// tiled TIFFs."); Fiji opens them through Bio-Formats. This documents why the README names Bio-Formats and
		// tifffile for these outputs.
		Path target = write(folder.resolve("t.tif"), 40, 20, 1, 16, 2);
		File file = target.toFile();
		assertNull(IJ.openImage(file.getPath()));
	}
}

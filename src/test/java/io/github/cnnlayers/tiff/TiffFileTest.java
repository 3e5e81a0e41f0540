package io.github.cnnlayers.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * TiffFile against files written by tifffile and libtiff (src/test/python/make_tiff_fixtures.py), whose pixels the
 * script stored as .npy: every page whole and in rectangles equals them exactly; crafted bad files are refused with
 * messages naming the fault.
 */
public class TiffFileTest {

	@TempDir
	Path folder;

	static Path fixture(String name) throws Exception {
		return Paths.get(TiffFileTest.class.getResource("/fixtures/tiff/" + name).toURI());
	}

	/** Reads every page whole and 40 rectangles of it, comparing with the .npy exactly. */
	private static void assertReads(String name, boolean big, ByteOrder order, boolean tiled, int pages) throws Exception {
		Tensor expected = WeightFile.read(fixture(name + ".npy"), null);
		int samples = expected.dim(1), h = expected.dim(2), w = expected.dim(3);
		assertEquals(pages, expected.dim(0));
		try (TiffFile tiff = TiffFile.open(fixture(name + ".tif"))) {
			assertEquals(big, tiff.bigTiff());
			assertEquals(order, tiff.order());
			assertEquals(pages, tiff.pages().size());
			Random random = new Random(name.hashCode());
			for (int p = 0; p < pages; p++) {
				TiffPage page = tiff.page(p);
				assertEquals(w, page.width());
				assertEquals(h, page.height());
				assertEquals(samples, page.samples());
				assertEquals(tiled, page.tiled());
				float[] whole = tiff.read(p, 0, 0, w, h);
				float[] want = new float[samples * h * w];
				System.arraycopy(expected.data(), p * want.length, want, 0, want.length);
				assertArrayEquals(want, whole, 0f, name + " page " + p);
				for (int k = 0; k < 40; k++) {
					int x = random.nextInt(w), y = random.nextInt(h);
					int rw = 1 + random.nextInt(w - x), rh = 1 + random.nextInt(h - y);
					float[] got = tiff.read(p, x, y, rw, rh);
					for (int s = 0; s < samples; s++)
						for (int r = 0; r < rh; r++)
							for (int c = 0; c < rw; c++)
								assertEquals(want[(s * h + y + r) * w + x + c], got[(s * rh + r) * rw + c], 0f);
				}
			}
		}
	}

	@Test
	public void readsStripsOf8Bit() throws Exception {
		assertReads("strips_u8", false, ByteOrder.LITTLE_ENDIAN, false, 1);
	}

	@Test
	public void readsBigEndianStripsOf16Bit() throws Exception {
		assertReads("strips_u16_bigendian", false, ByteOrder.BIG_ENDIAN, false, 1);
	}

	@Test
	public void readsTilesOfFloats() throws Exception {
		assertReads("tiles_f32", false, ByteOrder.LITTLE_ENDIAN, true, 1);
		assertReads("tiles_f32_bigendian", false, ByteOrder.BIG_ENDIAN, true, 1);
	}

	@Test
	public void readsBigTiff() throws Exception {
		assertReads("bigtiff_tiles_u16", true, ByteOrder.LITTLE_ENDIAN, true, 1);
		assertReads("bigtiff_strips_f32_bigendian", true, ByteOrder.BIG_ENDIAN, false, 1);
	}

	@Test
	public void readsPagesAsPlanes() throws Exception {
		assertReads("pages_f32", true, ByteOrder.LITTLE_ENDIAN, true, 3);
	}

	@Test
	public void readsRgbChunkyAndPlanar() throws Exception {
		assertReads("rgb_chunky_u8", false, ByteOrder.LITTLE_ENDIAN, false, 1);
		assertReads("rgb_planar_u16_tiles", false, ByteOrder.LITTLE_ENDIAN, true, 1);
	}

	@Test
	public void readsDeflateAndLzw() throws Exception {
		assertReads("adobe_deflate_tiles_f32", false, ByteOrder.LITTLE_ENDIAN, true, 1);
		assertReads("deflate_strips_u16", false, ByteOrder.LITTLE_ENDIAN, false, 1);
		assertReads("lzw_strips_u8", false, ByteOrder.LITTLE_ENDIAN, false, 1);
		assertReads("lzw_strips_u16", false, ByteOrder.LITTLE_ENDIAN, false, 1);
	}

	@Test
	public void refusesAnUnsupportedCompressionNamingItAndTheAllowedOnes() throws Exception {
		String message = refusal(fixture("packbits_u8.tif"));
		assertTrue(message.contains("compression 32773 (PackBits)"), message);
		assertTrue(message.contains("allowed: none (1), LZW (5), Adobe Deflate (8), Deflate (32946)"), message);
	}

	// ---- crafted bad files: a copy of tiles_f32.tif (classic, little endian, 16x32 tiles) with one field changed

	private byte[] bytes;
	private ByteBuffer buffer;

	private void load() throws Exception {
		bytes = Files.readAllBytes(fixture("tiles_f32.tif"));
		buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
	}

	/** The position of a tag's entry in the first directory. */
	private int entry(int tag) {
		int ifd = buffer.getInt(4);
		int n = buffer.getShort(ifd) & 0xffff;
		for (int i = 0; i < n; i++)
			if ((buffer.getShort(ifd + 2 + 12 * i) & 0xffff) == tag) return ifd + 2 + 12 * i;
		throw new AssertionError("no tag " + tag);
	}

	private Path save() throws IOException {
		Path p = Files.createTempFile(folder, "crafted", ".tif");
		Files.write(p, bytes);
		return p;
	}

	private static String refusal(Path file) throws IOException {
		try (TiffFile tiff = TiffFile.open(file)) {
			TiffPage page = tiff.page(0);
			tiff.read(0, 0, 0, page.width(), page.height());
		}
		catch (IllegalArgumentException e) {
			return e.getMessage();
		}
		throw new AssertionError(file + " was read");
	}

	@Test
	public void aTileBeyondTheEndIsRefusedOnlyWhenARectangleNeedsIt() throws Exception {
		load();
		int at = buffer.getInt(entry(324) + 8); // the tile offsets array
		buffer.putInt(at, bytes.length + 100); // tile 0
		try (TiffFile tiff = TiffFile.open(save())) {
			float[] expected = WeightFile.read(fixture("tiles_f32.npy"), null).data();
			// tiles are 32 wide, 16 high: x >= 32 or y >= 16 does not touch tile 0, so it is never read
			float[] got = tiff.read(0, 32, 0, 13, 37);
			for (int y = 0; y < 37; y++)
				for (int x = 0; x < 13; x++)
					assertEquals(expected[y * 45 + 32 + x], got[y * 13 + x], 0f);
			try {
				tiff.read(0, 31, 15, 2, 2);
				fail("read a tile beyond the end");
			}
			catch (IllegalArgumentException e) {
				assertTrue(e.getMessage().contains("tile 0") &&
					e.getMessage().contains("lie beyond the file's end (" + bytes.length + " bytes)"), e.getMessage());
			}
		}
	}

	@Test
	public void aTruncatedFileIsRefused() throws Exception {
		load();
		int ifd = buffer.getInt(4);
		Assumptions.assumeTrue(ifd < bytes.length / 2, "the directory comes first in tifffile's layout");
		bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
		String m = refusal(save());
		assertTrue(m.contains("lie beyond the file's end"), m);
	}

	@Test
	public void anAbsurdValueCountIsRefusedBeforeAllocating() throws Exception {
		load();
		buffer.putInt(entry(324) + 4, Integer.MAX_VALUE); // TileOffsets claims 2^31 values
		String m = refusal(save());
		assertTrue(m.contains("claims 2147483647 values, more than the file holds"), m);
	}

	@Test
	public void anAbsurdSizeIsATileCountMismatch() throws Exception {
		load();
		int e = entry(256);
				if ((buffer.getShort(e + 2) & 0xffff) == 3) {
			buffer.putShort(e + 2, (short) 4); // make it a LONG
		}
		buffer.putInt(e + 4, 1);
		buffer.putInt(e + 8, Integer.MAX_VALUE); // width 2^31-1: 67108864 tiles across
		String m = refusal(save());
		assertTrue(m.contains("it has 6 tile offsets and 6 byte counts where its size needs 201326592"), m);
	}

	@Test
	public void anUnsupportedSampleTypeIsNamedWithTheAllowedOnes() throws Exception {
		load();
		buffer.putShort(entry(339) + 8, (short) 2); // SampleFormat: signed
		String m = refusal(save());
		assertTrue(m.contains("32-bit samples of SampleFormat 2 (signed integer)") &&
			m.contains("allowed: 8-bit unsigned, 16-bit unsigned, 32-bit float"), m);
	}

	@Test
	public void aDirectoryBeyondTheEndOrInALoopIsRefused() throws Exception {
		load();
		int ifd = buffer.getInt(4);
		int n = buffer.getShort(ifd) & 0xffff;
		buffer.putInt(ifd + 2 + 12 * n, ifd); // next directory: itself
		String m = refusal(save());
		assertTrue(m.contains("its image directories form a loop at offset " + ifd), m);
		load();
		buffer.putInt(4, bytes.length + 8);
		m = refusal(save());
		assertTrue(m.contains("an image directory at offset " + (bytes.length + 8) + " lies beyond the file's end"), m);
	}

	@Test
	public void notATiffIsRefused() throws Exception {
		Path p = folder.resolve("x.tif");
		Files.write(p, "hello, world".getBytes(StandardCharsets.US_ASCII));
		String m = refusal(p);
		assertTrue(m.contains("is not a TIFF file: it starts with neither II nor MM"), m);
	}

	@Test
	public void aFifoIsRefusedWithoutOpeningIt() throws Exception {
		Path fifo = folder.resolve("pipe.tif");
		Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
		Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is available");
		String m = refusal(fifo);
		assertTrue(m.contains("is not a regular file (it is a FIFO, socket or device)"), m);
		assertFalse(m.contains("weight"), m);
	}
}

package io.github.cnnlayers.weights;

import static io.github.cnnlayers.weights.Fixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weight file whose tensor needs more memory than the heap has free: in a JVM of its own with a 64 MB heap, a
 * small .npz whose entry really holds 128 MB of (deflated) zeros, a real sparse 1 GiB .npy, a sparse
 * .safetensors and a gzip-compressed Keras file are each refused with a message saying how much is needed and
 * free — never an {@code OutOfMemoryError}. The forked JVM runs this build's classes
 * ({@code java.class.path}); a watchdog fails the test rather than wait for a stuck JVM.
 */
class SmallHeapTest {

	/** 32 x 1024 x 1024 float32: 128 MiB of data, 256 MiB with its float copy. */
	private static final int[] SHAPE = { 32, 1024, 1024 };
	private static final long DATA = 4L * 32 * 1024 * 1024;

	@TempDir
	Path dir;

	/** The output of {@link ReadConvolutionMain} on a file in a JVM with a 64 MB heap; asserts exit code 2. */
	private static String refusedInSmallHeap(Path file) throws IOException, InterruptedException {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
			ReadConvolutionMain.class.getName(), file.toString()).redirectErrorStream(true).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("reading " + file + " in a 64 MB heap did not end within 120 s");
		}
		byte[] out = new byte[1 << 16];
		int n = WeightFormat.readUpTo(p.getInputStream(), out);
		String text = new String(out, 0, n, StandardCharsets.UTF_8);
		assertFalse(text.contains("OutOfMemoryError"), text);
		assertEquals(2, p.exitValue(), text);
		assertTrue(text.contains(" of memory, but only ") && text.contains(" of the maximum "), text);
		assertTrue(text.contains("give ImageJ more memory"), text);
		return text;
	}

	private static byte[] npyHeader(String shape) {
		StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
		while ((10 + h.length() + 1) % 64 != 0)
			h.append(' ');
		h.append('\n');
		ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
		b.put(WeightFormat.NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length());
		b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
		return b.array();
	}

	@Test
	void aSmallNpzHoldingALargeArrayIsRefusedForMemory() throws Exception {
		Path npz = dir.resolve("small.npz");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
			zip.putNextEntry(new ZipEntry("w.npy"));
			zip.write(npyHeader("(32, 1024, 1024)"));
			byte[] zeros = new byte[1 << 20];
			for (long written = 0; written < DATA; written += zeros.length)
				zip.write(zeros);
			zip.closeEntry();
		}
		assertTrue(Files.size(npz) < 1 << 20, "the .npz is small: " + Files.size(npz));
		String text = refusedInSmallHeap(npz);
		assertTrue(text.contains("Reading the tensor small.npz: w.npy [32, 1024, 1024] <f4 (its 134217728 bytes, then as " +
			"float) would need 256 MB of memory"), text);
	}

	@Test
	void aRealLargeNpyIsRefusedForMemory() throws Exception {
		Path npy = dir.resolve("large.npy");
		byte[] header = npyHeader("(256, 1024, 1024)");
		try (RandomAccessFile f = new RandomAccessFile(npy.toFile(), "rw")) {
			f.write(header);
			f.setLength(header.length + (1L << 30)); // sparse: 1 GiB of zeros, no disk used
		}
		String text = refusedInSmallHeap(npy);
		assertTrue(text.contains("large.npy [256, 1024, 1024] <f4 (its 1073741824 bytes, then as float) would need " +
			"2,048 MB of memory"), text);
	}

	@Test
	void aLargeSafetensorsIsRefusedForMemory() throws Exception {
		Path st = dir.resolve("large.safetensors");
		byte[] json = ("{\"w\":{\"dtype\":\"F32\",\"shape\":[32,1024,1024],\"data_offsets\":[0," + DATA + "]}}")
			.getBytes(StandardCharsets.UTF_8);
		try (RandomAccessFile f = new RandomAccessFile(st.toFile(), "rw")) {
			ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
			f.write(len.array());
			f.write(json);
			f.setLength(8 + json.length + DATA);
		}
		String text = refusedInSmallHeap(st);
		assertTrue(text.contains("Reading the tensor large.safetensors: w [32, 1024, 1024] F32"), text);
	}

	/** A header under the 100 MB cap that fits its (sparse) file but not the heap. */
	@Test
	void aLargeSafetensorsHeaderIsRefusedForMemory() throws Exception {
		Path st = dir.resolve("header.safetensors");
		long headerLength = 90_000_000L;
		try (RandomAccessFile f = new RandomAccessFile(st.toFile(), "rw")) {
			f.write(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).put((byte) '{').array());
			f.setLength(8 + headerLength);
		}
		String text = refusedInSmallHeap(st);
		assertTrue(text.contains("Reading the JSON header of header.safetensors (90000000 bytes, then as text) would need " +
			"258 MB of memory"), text);
	}

	@Test
	void aCompressedKerasFileIsRefusedForMemory() throws Exception {
		Path h5 = path("large/zeros.weights.h5");
		assertTrue(Files.size(h5) < 1 << 20, "the Keras file is small: " + Files.size(h5));
		String text = refusedInSmallHeap(h5);
		assertTrue(text.contains("Reading the tensor zeros.weights.h5: conv2d/vars/0 [1024, 1024, 32, 1] float32"), text);
	}

	/** The forked reader itself works: a small file reads. */
	@Test
	void aSmallFileReadsInTheSmallHeap() throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
			ReadConvolutionMain.class.getName(), path("readers/npy_2d.npy").toString()).redirectErrorStream(true).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		byte[] out = new byte[4096];
		String text = new String(out, 0, WeightFormat.readUpTo(p.getInputStream(), out), StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), text);
		assertEquals("read [1, 1, 3, 5]", text.trim());
	}
}

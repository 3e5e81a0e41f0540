package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Input files for the fault tests: small images, noise, and big TIFFs that cost no disk space. */
final class TestImages {

	private TestImages() {}

	/** Writes a small 8-bit TIFF of random values. */
	static File smallTiff(final File file, final int size, final long seed) {
		final Random rnd = new Random(seed);
		final ByteProcessor bp = new ByteProcessor(size, size);
		for (int i = 0; i < size * size; i++)
			bp.set(i, rnd.nextInt(256));
		if (!new FileSaver(new ImagePlus(file.getName(), bp)).saveAsTiff(file.getPath()))
			throw new IllegalStateException("could not write " + file);
		return file;
	}

	/** Writes a 32-bit TIFF of random values (incompressible: its PNG view is big too). */
	static File noiseTiff(final File file, final int size, final long seed) {
		final Random rnd = new Random(seed);
		final FloatProcessor fp = new FloatProcessor(size, size);
		for (int i = 0; i < size * size; i++)
			fp.setf(i, (float) rnd.nextGaussian());
		if (!new FileSaver(new ImagePlus(file.getName(), fp)).saveAsTiff(file.getPath()))
			throw new IllegalStateException("could not write " + file);
		return file;
	}

	/**
	 * Writes a valid uncompressed 32-bit float TIFF of {@code w x h} zeros as a sparse file: instant, and
	 * almost no disk space, however big (up to 4 GB of pixels).
	 */
	static File sparseFloatTiff(final File file, final int w, final int h) throws IOException {
		final long pixelBytes = (long) w * h * 4;
		final int dataOffset = 256;
		final ByteBuffer b = ByteBuffer.allocate(dataOffset).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		final int[][] entries = { // tag, type (3 SHORT, 4 LONG), value
			{ 256, 4, w }, { 257, 4, h }, { 258, 3, 32 }, { 259, 3, 1 }, { 262, 3, 1 }, { 273, 4, dataOffset },
			{ 277, 3, 1 }, { 278, 4, h }, { 279, 4, (int) pixelBytes }, { 339, 3, 3 } };
		b.putShort((short) entries.length);
		for (final int[] e : entries) {
			b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
			if (e[1] == 3)
				b.putShort((short) e[2]).putShort((short) 0);
			else
				b.putInt(e[2]);
		}
		b.putInt(0);
		try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
			raf.setLength(0);
			raf.write(b.array());
			raf.setLength(dataOffset + pixelBytes);
		}
		return file;
	}

	/** @return the SHA-256 of every file of a folder (not recursive), by name */
	static TreeMap<String, String> digests(final Path folder) throws IOException {
		final TreeMap<String, String> d = new TreeMap<>();
		for (final Path p : list(folder))
			d.put(p.getFileName().toString(), sha256(p));
		return d;
	}

	static List<Path> list(final Path folder) throws IOException {
		final List<Path> files = new ArrayList<>();
		if (!Files.isDirectory(folder))
			return files;
		try (Stream<Path> s = Files.list(folder)) {
			s.sorted().forEach(files::add);
		}
		return files;
	}

	static String sha256(final Path file) throws IOException {
		final MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
		final byte[] buf = new byte[1 << 20];
		try (java.io.InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buf)) > 0;)
				md.update(buf, 0, n);
		}
		final StringBuilder sb = new StringBuilder();
		for (final byte x : md.digest())
			sb.append(String.format("%02x", x));
		return sb.toString();
	}
}

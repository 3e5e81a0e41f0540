package io.github.cnnlayers.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The weight-file formats this package reads, told apart by file extension and checked by their first bytes. */
public enum WeightFormat {
	/** A NumPy array: one tensor. */
	NPY("NumPy .npy", ".npy"),
	/** A zip of NumPy arrays (stored or deflated), as {@code np.savez} writes it. */
	NPZ("NumPy .npz", ".npz"),
	/** Hugging Face safetensors, e.g. a PyTorch state_dict. */
	SAFETENSORS("safetensors", ".safetensors"),
	/** Keras weights in HDF5, as Keras 2 {@code save_weights}/{@code save} or Keras 3 {@code save_weights} write them. */
	HDF5("Keras HDF5", ".h5", ".hdf5"),
	/** A Keras 3 model archive: a zip holding {@code model.weights.h5}. */
	KERAS("Keras .keras", ".keras");

	/** The first bytes of every .npy file. */
	static final byte[] NPY_MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	/** The first bytes of every HDF5 file without a user block. */
	static final byte[] HDF5_MAGIC = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
	private static final byte[] ZIP_MAGIC = { 'P', 'K' };

	private final String label;
	private final List<String> extensions;

	WeightFormat(String label, String... extensions) {
		this.label = label;
		this.extensions = Collections.unmodifiableList(Arrays.asList(extensions));
	}

	/** A short human name, e.g. {@code NumPy .npy}. */
	public String label() {
		return label;
	}

	/** The file extensions of this format, lower case with the dot, e.g. {@code [.h5, .hdf5]}. */
	public List<String> extensions() {
		return extensions;
	}

	/** All extensions this package reads, as text for messages and dialogs: {@code .npy, .npz, ...}. */
	public static String allowedExtensions() {
		StringBuilder sb = new StringBuilder();
		for (WeightFormat f : values())
			for (String e : f.extensions)
				sb.append(sb.length() == 0 ? "" : ", ").append(e);
		return sb.toString();
	}

	/**
	 * The format of a file, from its extension, after checking that the file exists, can be read and starts with
	 * the bytes that format starts with.
	 *
	 * @throws IllegalArgumentException if the file is missing, unreadable or not a regular file (a FIFO, device or
	 *                                  folder), its extension is not one of
	 *                                  {@link #allowedExtensions()}, or its content is not of that format
	 */
	public static WeightFormat of(Path file) {
		WeightFormat format = byExtension(file);
		byte[] head = new byte[16];
		int n;
		long size;
		try (InputStream in = RegularFile.inputStream(file)) {
			size = Files.size(file);
			n = readUpTo(in, head);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("Cannot read weight file " + file + ": " + e.getMessage(), e);
		}
		String name = String.valueOf(file.getFileName());
		switch (format) {
			case NPY:
				if (!startsWith(head, n, NPY_MAGIC))
					throw notOfFormat(name, format, "it does not start with \\x93NUMPY");
				break;
			case NPZ:
			case KERAS:
				if (!startsWith(head, n, ZIP_MAGIC))
					throw notOfFormat(name, format, "it is not a zip archive (no PK signature)");
				break;
			case HDF5:
				if (!startsWith(head, n, HDF5_MAGIC) && !hdf5SignatureAfterUserBlock(file, size))
					throw notOfFormat(name, format, "it does not start with the HDF5 signature \\x89HDF");
				break;
			case SAFETENSORS:
				if (n < 9) throw notOfFormat(name, format, "it is shorter than its 8-byte header length");
				long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
				if (head[8] != '{' || headerLength < 2 || headerLength > size - 8)
					throw notOfFormat(name, format, "it does not start with an 8-byte little-endian header length " +
						"(here " + headerLength + ", file " + size + " bytes) followed by a JSON object");
				break;
			default:
				throw new AssertionError(format);
		}
		return format;
	}

	/** The format named by a file's extension, without looking at the file. */
	static WeightFormat byExtension(Path file) {
		String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
		for (WeightFormat f : values())
			for (String e : f.extensions)
				if (name.endsWith(e)) return f;
		throw new IllegalArgumentException("Unsupported weight file '" + file.getFileName() + "': allowed are " +
			allowedExtensions());
	}

	private static IllegalArgumentException notOfFormat(String name, WeightFormat format, String why) {
		return new IllegalArgumentException(name + " is not a valid " + format.label + " file: " + why);
	}

	static boolean startsWith(byte[] head, int n, byte[] magic) {
		if (n < magic.length) return false;
		for (int i = 0; i < magic.length; i++)
			if (head[i] != magic[i]) return false;
		return true;
	}

	/** HDF5 files with a user block have their signature at byte 512, 1024, 2048, ... */
	private static boolean hdf5SignatureAfterUserBlock(Path file, long size) {
		try (java.nio.channels.FileChannel ch = RegularFile.channel(file)) {
			for (long offset = 512; offset + HDF5_MAGIC.length <= size; offset *= 2) {
				ByteBuffer b = ByteBuffer.allocate(HDF5_MAGIC.length);
				while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
					// keep reading
				}
				if (startsWith(b.array(), b.position(), HDF5_MAGIC)) return true;
			}
		}
		catch (IOException e) {
			return false;
		}
		return false;
	}

	/** Reads until the array is full or the stream ends; returns the number of bytes read. */
	static int readUpTo(InputStream in, byte[] buffer) throws IOException {
		int n = 0;
		while (n < buffer.length) {
			int r = in.read(buffer, n, buffer.length - n);
			if (r < 0) break;
			n += r;
		}
		return n;
	}
}

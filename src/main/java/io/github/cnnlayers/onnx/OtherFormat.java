package io.github.cnnlayers.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * File formats that are not ONNX but are often mistaken for it, recognised by their first bytes, to explain why
 * a file could not be read.
 */
enum OtherFormat {
	/** PNG image. */
	PNG("a PNG image", 0x89, 'P', 'N', 'G'),
	/** JPEG image. */
	JPEG("a JPEG image", 0xff, 0xd8, 0xff),
	/** TIFF, little-endian. */
	TIFF_LE("a TIFF image", 'I', 'I', 42, 0),
	/** TIFF, big-endian. */
	TIFF_BE("a TIFF image", 'M', 'M', 0, 42),
	/** GIF image. */
	GIF("a GIF image", 'G', 'I', 'F', '8'),
	/** Zip archive. */
	ZIP("a zip archive (a PyTorch .pt/.pth checkpoint or a Keras 3 .keras file? Export the network with " +
		"torch.onnx.export)", 'P', 'K', 3, 4),
	/** HDF5 file. */
	HDF5("an HDF5 file (a Keras .h5 model?)", 0x89, 'H', 'D', 'F'),
	/** NumPy array. */
	NPY("a NumPy .npy array", 0x93, 'N', 'U', 'M', 'P', 'Y'),
	/** gzip stream. */
	GZIP("a gzip-compressed file", 0x1f, 0x8b),
	/** PDF document. */
	PDF("a PDF document", '%', 'P', 'D', 'F');

	private final String description;
	private final int[] signature;

	OtherFormat(String description, int... signature) {
		this.description = description;
		this.signature = signature;
	}

	private boolean matches(ByteBuffer b) {
		if (b.limit() < signature.length) return false;
		for (int i = 0; i < signature.length; i++)
			if ((b.get(i) & 0xff) != signature[i]) return false;
		return true;
	}

	/**
	 * @param file the whole file
	 * @return the format the file is in, e.g. "a PNG image", or null when it is not recognised
	 */
	static String recognise(ByteBuffer file) {
		for (OtherFormat f : values())
			if (f.matches(file)) return f.description;
		if (isText(file)) return "a text file, starting \"" + start(file) + "\"";
		return null;
	}

	/**
	 * @param fileName the file, for the message
	 * @param kind what the file should be, e.g. "ONNX model"
	 * @param file the whole file
	 * @param fault what the reader found wrong
	 * @return the message: the file is not a {@code kind}, what it is when recognised, and the fault
	 */
	static OnnxFormatException notA(String fileName, String kind, ByteBuffer file, OnnxFormatException fault) {
		String other = recognise(file);
		if (other != null)
			return new OnnxFormatException(fileName + " is not an " + kind + ": it is " + other + " (" +
				fault.getMessage() + ")");
		if (fault instanceof ProtoReader.Truncated)
			return new OnnxFormatException(fileName + " is truncated or not an " + kind + ": " + fault.getMessage());
		return new OnnxFormatException(fileName + " is not a readable " + kind + ": " + fault.getMessage());
	}

	/** @return true if the first bytes are printable ASCII or white space (ONNX starts with a binary tag) */
	private static boolean isText(ByteBuffer b) {
		int n = Math.min(b.limit(), 512);
		if (n == 0) return false;
		for (int i = 0; i < n; i++) {
			int c = b.get(i) & 0xff;
			if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) return false;
		}
		return true;
	}

	private static String start(ByteBuffer b) {
		byte[] head = new byte[Math.min(b.limit(), 40)];
		for (int i = 0; i < head.length; i++)
			head[i] = b.get(i);
		return new String(head, StandardCharsets.US_ASCII).replace("\n", "\\n").replace("\r", "\\r")
			.replace("\t", "\\t") + (b.limit() > head.length ? "..." : "");
	}
}

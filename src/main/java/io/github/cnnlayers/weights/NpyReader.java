package io.github.cnnlayers.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the NumPy {@code .npy} format (versions 1 to 3) from a stream: its header, then its data. */
final class NpyReader {

	/** The longest header accepted; NumPy writes a few hundred bytes. */
	private static final int MAX_HEADER = 1 << 20;
	/** The most bytes a Java array may hold. */
	static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
	private static final Pattern TYPE_CODE = Pattern.compile("([<>|=]?)([a-zA-Z])(\\d+)");

	/** What an .npy header says. */
	static final class Header {
		/** Element type as written, e.g. {@code <f4}. */
		final String descr;
		/** The element type, or null if this reader cannot convert it. */
		final ElementType type;
		final ByteOrder order;
		final boolean fortranOrder;
		final int[] shape;
		/** Bytes before the data: magic, version, header length and header. */
		final long prefixBytes;

		Header(String descr, ElementType type, ByteOrder order, boolean fortranOrder, int[] shape, long prefixBytes) {
			this.descr = descr;
			this.type = type;
			this.order = order;
			this.fortranOrder = fortranOrder;
			this.shape = shape;
			this.prefixBytes = prefixBytes;
		}
	}

	private NpyReader() {
	}

	/**
	 * Reads and checks the header.
	 *
	 * @param where how to name the source in messages, e.g. {@code w.npy} or {@code a.npz: conv.weight}
	 * @param total the source's length in bytes, or -1 if unknown
	 */
	static Header readHeader(InputStream in, String where, long total) throws IOException {
		byte[] start = new byte[8];
		if (WeightFormat.readUpTo(in, start) < 8 || !WeightFormat.startsWith(start, 8, WeightFormat.NPY_MAGIC))
			throw new IllegalArgumentException(where + " is not a valid NumPy .npy file: it does not start with " +
				"\\x93NUMPY and a version");
		int major = start[6];
		if (major < 1 || major > 3)
			throw new IllegalArgumentException(where + ": unsupported .npy format version " + major + "." + start[7] +
				" (allowed: 1.0, 2.0, 3.0)");
		byte[] len = new byte[major == 1 ? 2 : 4];
		if (WeightFormat.readUpTo(in, len) < len.length) throw truncated(where, "in its header");
		long headerLength = major == 1 ? ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff :
			ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
		long prefix = 8 + len.length + headerLength;
		if (headerLength > MAX_HEADER || (total >= 0 && prefix > total))
			throw new IllegalArgumentException(where + " is truncated or corrupt: its header length " + headerLength +
				(total >= 0 ? " is more than the " + total + " bytes of the file" : " is implausible"));
		byte[] headerBytes = new byte[(int) headerLength];
		if (WeightFormat.readUpTo(in, headerBytes) < headerBytes.length) throw truncated(where, "in its header");
		String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

		Matcher shape = SHAPE.matcher(header);
		Matcher fortran = FORTRAN.matcher(header);
		Matcher descr = DESCR.matcher(header);
		if (!shape.find() || !fortran.find())
			throw new IllegalArgumentException(where + " is corrupt: its header lacks 'shape' or 'fortran_order': " +
				header.trim());
		if (!descr.find())
			throw new IllegalArgumentException(where + ": unsupported dtype (structured or unknown) in header " +
				header.trim() + "; allowed are " + ElementType.NUMPY_ALLOWED);
		int[] dims = parseShape(shape.group(1), where);
		String code = descr.group(1);
		Matcher m = TYPE_CODE.matcher(code);
		ElementType type = null;
		ByteOrder order = ByteOrder.LITTLE_ENDIAN;
		if (m.matches()) {
			type = ElementType.ofNumpy(m.group(2) + m.group(3));
			if (m.group(1).equals(">")) order = ByteOrder.BIG_ENDIAN;
		}
		return new Header(code, type, order, fortran.group(1).equals("True"), dims, prefix);
	}

	/**
	 * Reads a whole .npy stream as a tensor.
	 *
	 * @param total   the source's length in bytes, or -1 if unknown; when known, the header must account for
	 *                every byte
	 * @param maxData when the length is unknown, the most data bytes the source can plausibly hold
	 */
	static Tensor read(InputStream in, String name, String where, long total, long maxData) throws IOException {
		Header h = readHeader(in, where, total);
		if (h.type == null)
			throw new IllegalArgumentException(where + ": unsupported dtype '" + h.descr + "'; allowed are " +
				ElementType.NUMPY_ALLOWED);
		if (h.fortranOrder)
			throw new IllegalArgumentException(where + " is stored in Fortran order (fortran_order: True); only C " +
				"order is read: save it with np.save(f, np.ascontiguousarray(a))");
		long n = Tensor.elementCount(h.shape);
		long dataBytes = n * h.type.bytes;
		if (n > MAX_ARRAY || dataBytes > MAX_ARRAY)
			throw new IllegalArgumentException(where + ": shape " + Tensor.shapeText(h.shape) + " of " + h.descr +
				" is too large (more than 2 GB)");
		if (total >= 0 && h.prefixBytes + dataBytes != total) {
			long present = total - h.prefixBytes;
			throw new IllegalArgumentException(where + (present < dataBytes ? " is truncated" : " is corrupt") +
				": its header says shape " + Tensor.shapeText(h.shape) + " of " + h.descr + ", " + dataBytes +
				" bytes of data, but " + present + " bytes follow the header");
		}
		if (total < 0 && maxData >= 0 && dataBytes > maxData)
			throw new IllegalArgumentException(where + " is corrupt: its header says shape " +
				Tensor.shapeText(h.shape) + " (" + dataBytes + " bytes), more than the archive can hold");
		TensorStore.requireMemoryFor(where, h.shape, h.descr, dataBytes);
		byte[] bytes = new byte[(int) dataBytes];
		int got = WeightFormat.readUpTo(in, bytes);
		if (got < bytes.length)
			throw new IllegalArgumentException(where + " is truncated: its header says shape " +
				Tensor.shapeText(h.shape) + " of " + h.descr + ", " + dataBytes + " bytes of data, but only " + got +
				" follow");
		float[] data = new float[(int) n];
		h.type.decode(ByteBuffer.wrap(bytes), h.order, data);
		return new Tensor(name, h.shape, data, h.descr, true);
	}

	private static int[] parseShape(String text, String where) {
		String t = text.trim();
		if (t.endsWith(",")) t = t.substring(0, t.length() - 1).trim();
		if (t.isEmpty()) return new int[0];
		String[] parts = t.split(",");
		int[] shape = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			String p = parts[i].trim();
			if (p.endsWith("L")) p = p.substring(0, p.length() - 1); // Python 2 longs
			try {
				long v = Long.parseLong(p);
				if (v < 0 || v > Integer.MAX_VALUE) throw new NumberFormatException();
				shape[i] = (int) v;
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(where + " is corrupt: bad shape (" + text + ") in its header");
			}
		}
		return shape;
	}

	private static IllegalArgumentException truncated(String where, String part) {
		return new IllegalArgumentException(where + " is truncated " + part);
	}
}

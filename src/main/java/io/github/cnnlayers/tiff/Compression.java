package io.github.cnnlayers.tiff;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The TIFF compressions this package decodes, by their Compression tag (259) code. */
enum Compression {
	/** No compression (code 1). */
	NONE(1, "none") {
		@Override
		byte[] decode(byte[] encoded, int expected, String where) {
			return encoded;
		}
	},
	/** LZW (code 5), as TIFF 6.0 section 13 defines it (MSB-first codes, early change). */
	LZW(5, "LZW") {
		@Override
		byte[] decode(byte[] encoded, int expected, String where) {
			return Lzw.decode(encoded, expected, where);
		}
	},
	/** Deflate (zlib) as Adobe registered it (code 8). */
	ADOBE_DEFLATE(8, "Adobe Deflate") {
		@Override
		byte[] decode(byte[] encoded, int expected, String where) {
			return inflate(encoded, expected, where);
		}
	},
	/** The older Deflate code (32946), the same zlib stream. */
	DEFLATE(32946, "Deflate") {
		@Override
		byte[] decode(byte[] encoded, int expected, String where) {
			return inflate(encoded, expected, where);
		}
	};

	final int code;
	final String label;

	Compression(int code, String label) {
		this.code = code;
		this.label = label;
	}

	/**
	 * Decodes one strip or tile: at most {@code expected} bytes, fewer if the data ends sooner (the caller checks
	 * that it has the bytes it needs). Never allocates more than the encoded data can expand to.
	 */
	abstract byte[] decode(byte[] encoded, int expected, String where);

	/** The compression of a code, or an exception naming it and the allowed ones. */
	static Compression of(int code, String where) {
		for (Compression c : values())
			if (c.code == code) return c;
		throw new IllegalArgumentException(where + " uses TIFF compression " + code + " (" + name(code) +
			"), which is not supported; allowed: " + allowed());
	}

	/** The supported compressions for messages, e.g. {@code none (1), LZW (5), ...}. */
	static String allowed() {
		StringBuilder sb = new StringBuilder();
		for (Compression c : values())
			sb.append(sb.length() == 0 ? "" : ", ").append(c.label).append(" (").append(c.code).append(')');
		return sb.toString();
	}

	private static String name(int code) {
		switch (code) {
			case 2: return "CCITT RLE";
			case 3: return "CCITT Group 3";
			case 4: return "CCITT Group 4";
			case 6: return "old-style JPEG";
			case 7: return "JPEG";
			case 32773: return "PackBits";
			case 34887: return "LERC";
			case 34925: return "LZMA";
			case 50000: return "Zstandard";
			case 50001: return "WebP";
			default: return "unknown";
		}
	}

	/**
	 * The most bytes worth allocating for a decoded chunk: what the header expects, but never more than the encoded
	 * bytes can expand to (Deflate at most 1032:1, LZW at most 4096 bytes per 9-bit code), so a lying header
	 * cannot make us allocate what it claims.
	 */
	private static int capacity(byte[] encoded, int expected) {
		return (int) Math.min(expected, (long) encoded.length * 4096L / 9 * 8 + 1024);
	}

	private static byte[] inflate(byte[] encoded, int expected, String where) {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(encoded);
			byte[] out = new byte[capacity(encoded, expected)];
			int n = 0;
			while (n < out.length && !inflater.finished()) {
				int got = inflater.inflate(out, n, out.length - n);
				if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
				n += got;
			}
			return n == out.length ? out : java.util.Arrays.copyOf(out, n);
		}
		catch (DataFormatException e) {
			throw new IllegalArgumentException(where + " is corrupt: its Deflate data cannot be decoded (" +
				e.getMessage() + ")");
		}
		finally {
			inflater.end();
		}
	}

	/** TIFF's LZW decoder. */
	private static final class Lzw {
		private static final int CLEAR = 256, END = 257;

		static byte[] decode(byte[] in, int expected, String where) {
			expected = capacity(in, expected);
			byte[] out = new byte[expected];
			int outPos = 0;
			byte[][] table = new byte[4096][];
			for (int i = 0; i < 256; i++) table[i] = new byte[] { (byte) i };
			int next = 258, bits = 9;
			long bitPos = 0, totalBits = (long) in.length * 8;
			byte[] previous = null;
			while (bitPos + bits <= totalBits && outPos < expected) {
				int code = 0;
				for (int b = 0; b < bits; b++, bitPos++)
					code = (code << 1) | ((in[(int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7))) & 1);
				if (code == END) break;
				if (code == CLEAR) {
					next = 258;
					bits = 9;
					previous = null;
					continue;
				}
				byte[] entry;
				if (code < next && table[code] != null) entry = table[code];
				else if (code == next && previous != null) {
					entry = new byte[previous.length + 1];
					System.arraycopy(previous, 0, entry, 0, previous.length);
					entry[previous.length] = previous[0];
				}
				else throw new IllegalArgumentException(where + " is corrupt: its LZW data has the invalid code " + code);
				int n = Math.min(entry.length, expected - outPos);
				System.arraycopy(entry, 0, out, outPos, n);
				outPos += n;
				if (previous != null && next < 4096) {
					byte[] added = new byte[previous.length + 1];
					System.arraycopy(previous, 0, added, 0, previous.length);
					added[previous.length] = entry[0];
					table[next++] = added;
				}
				previous = entry;
				if (next + 1 >= (1 << bits) && bits < 12) bits++;
			}
			return outPos == out.length ? out : java.util.Arrays.copyOf(out, outPos);
		}
	}

}

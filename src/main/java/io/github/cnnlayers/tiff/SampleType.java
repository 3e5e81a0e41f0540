package io.github.cnnlayers.tiff;

import java.nio.ByteBuffer;

/** The pixel sample types this package reads, from a page's BitsPerSample (258) and SampleFormat (339). */
public enum SampleType {
	/** Unsigned 8-bit integers. */
	UINT8(1, 8, "8-bit unsigned") {
		@Override
		float get(ByteBuffer b, int byteIndex) {
			return b.get(byteIndex) & 0xff;
		}
	},
	/** Unsigned 16-bit integers. */
	UINT16(1, 16, "16-bit unsigned") {
		@Override
		float get(ByteBuffer b, int byteIndex) {
			return b.getShort(byteIndex) & 0xffff;
		}
	},
	/** IEEE 32-bit floats. */
	FLOAT32(3, 32, "32-bit float") {
		@Override
		float get(ByteBuffer b, int byteIndex) {
			return b.getFloat(byteIndex);
		}
	};

	private final int format;
	private final int bits;
	private final String label;

	SampleType(int format, int bits, String label) {
		this.format = format;
		this.bits = bits;
		this.label = label;
	}

	/** Bytes per sample. */
	public int bytes() {
		return bits / 8;
	}

	/** The TIFF SampleFormat code (1 unsigned integer, 3 float). */
	int format() {
		return format;
	}

	/** The TIFF BitsPerSample value. */
	int bits() {
		return bits;
	}

	/** The sample at a byte index of a buffer in the file's byte order, as a float (exact for all three types). */
	abstract float get(ByteBuffer b, int byteIndex);

	/** The sample type of a SampleFormat and BitsPerSample, or an exception naming them and the allowed ones. */
	static SampleType of(int format, int bits, String where) {
		for (SampleType t : values())
			if (t.format == format && t.bits == bits) return t;
		StringBuilder allowed = new StringBuilder();
		for (SampleType t : values())
			allowed.append(allowed.length() == 0 ? "" : ", ").append(t.label);
		throw new IllegalArgumentException(where + " has " + bits + "-bit samples of SampleFormat " + format + " (" +
			(format == 1 ? "unsigned integer" : format == 2 ? "signed integer" : format == 3 ? "float" : "unknown") +
			"), which are not supported; allowed: " + allowed);
	}
}

package io.github.cnnlayers.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads one protobuf message of a buffer in wire format, field by field: {@link #next()} moves to the next field,
 * whose number {@link #field()} gives; then one accessor reads its value (checking the wire type the field must
 * have) or {@link #skip()} passes over it. Every length is checked against what remains of the enclosing message,
 * messages nest at most {@value #MAX_DEPTH} deep, and every fault throws an {@link OnnxFormatException} naming the
 * byte offset (from the start of the buffer, which is the start of the file).
 */
final class ProtoReader {

	/** The deepest nesting of messages accepted (protobuf's own default recursion limit is 100). */
	static final int MAX_DEPTH = 64;

	/** Longest varint: 64 bits in 7-bit groups. */
	private static final int MAX_VARINT_BYTES = 10;

	/** Wire type of varints. */
	static final int VARINT = 0;
	/** Wire type of fixed 64-bit values. */
	static final int FIXED64 = 1;
	/** Wire type of length-delimited values (strings, bytes, messages, packed repeated scalars). */
	static final int LENGTH_DELIMITED = 2;
	/** Wire type of fixed 32-bit values. */
	static final int FIXED32 = 5;

	/** How a repeated scalar field encodes one element. */
	enum Scalar {
		/** A varint per element (int32, int64, uint64, bool, enums). */
		VARINT_VALUES(VARINT, "varint"),
		/** Four little-endian bytes per element (float, fixed32). */
		FIXED32_VALUES(FIXED32, "32-bit"),
		/** Eight little-endian bytes per element (double, fixed64). */
		FIXED64_VALUES(FIXED64, "64-bit");

		/** The wire type of one unpacked element. */
		final int wireType;
		private final String label;

		Scalar(int wireType, String label) {
			this.wireType = wireType;
			this.label = label;
		}

		/** @return the number of elements encoded in the chunks (see {@link ProtoReader#scalars}) */
		long count(List<ByteBuffer> chunks) {
			long n = 0;
			for (ByteBuffer c : chunks) {
				switch (this) {
					case FIXED32_VALUES:
						n += c.remaining() / 4;
						break;
					case FIXED64_VALUES:
						n += c.remaining() / 8;
						break;
					default:
						for (int i = c.position(); i < c.limit(); i++)
							if (c.get(i) >= 0) n++; // the last byte of each varint has its high bit clear
				}
			}
			return n;
		}

		/**
		 * Passes every element of the chunks, as a varint's value or a fixed value's bits, to the sink, counting
		 * from 0.
		 */
		void forEach(List<ByteBuffer> chunks, ScalarSink sink) {
			int k = 0;
			for (ByteBuffer c : chunks) {
				ByteBuffer b = c.duplicate().order(ByteOrder.LITTLE_ENDIAN);
				int end = b.limit();
				int p = b.position();
				while (p < end) {
					switch (this) {
						case FIXED32_VALUES:
							sink.put(k++, b.getInt(p));
							p += 4;
							break;
						case FIXED64_VALUES:
							sink.put(k++, b.getLong(p));
							p += 8;
							break;
						default:
							long v = 0;
							for (int shift = 0; ; shift += 7) {
								byte x = b.get(p++);
								v |= (long) (x & 0x7f) << shift;
								if (x >= 0) break;
							}
							sink.put(k++, v);
					}
				}
			}
		}
	}

	/** Receives the elements of repeated scalar fields. */
	interface ScalarSink {
		/**
		 * @param index the element's index
		 * @param value a varint's value or a fixed value's bits
		 */
		void put(int index, long value);
	}

	private final ByteBuffer buf;
	private final int end;
	private final int depth;
	private final String message;
	private int pos;
	private int fieldStart;
	private int field;
	private int wireType;

	/**
	 * @param buf the whole file (its position 0 is byte 0 of the file)
	 * @param message the name of the message type the buffer holds, for error messages, e.g. "ModelProto"
	 */
	ProtoReader(ByteBuffer buf, String message) {
		this(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0, buf.limit(), 0, message);
	}

	private ProtoReader(ByteBuffer buf, int start, int end, int depth, String message) {
		if (depth > MAX_DEPTH)
			throw new OnnxFormatException("at byte " + start + ": messages are nested more than " + MAX_DEPTH +
				" deep (" + message + ")");
		this.buf = buf;
		this.pos = start;
		this.end = end;
		this.depth = depth;
		this.message = message;
	}

	/**
	 * Moves to the next field.
	 *
	 * @return false at the end of the message
	 */
	boolean next() {
		if (pos >= end) return false;
		fieldStart = pos;
		long tag = varint("a field tag");
		long number = tag >>> 3;
		wireType = (int) (tag & 7);
		if (number == 0 || number > 536_870_911)
			throw malformed(fieldStart, "field number " + number + " in " + message + " is not a valid protobuf " +
				"field number (1 to 536870911)");
		field = (int) number;
		if (wireType == 3 || wireType == 4)
			throw malformed(fieldStart, "field " + field + " of " + message + " is a protobuf group, which ONNX " +
				"never uses");
		if (wireType > FIXED32)
			throw malformed(fieldStart, "field " + field + " of " + message + " has wire type " + wireType +
				", which protobuf does not define (0, 1, 2, 5)");
		return true;
	}

	/** @return the number of the current field */
	int field() {
		return field;
	}

	/** @return the byte offset at which the current field starts */
	int fieldOffset() {
		return fieldStart;
	}

	/** @return the name of the message type this reader reads */
	String messageName() {
		return message;
	}

	/** Skips the current field's value. */
	void skip() {
		switch (wireType) {
			case VARINT:
				varint("a varint");
				break;
			case FIXED64:
				advance(8, "a 64-bit value");
				break;
			case FIXED32:
				advance(4, "a 32-bit value");
				break;
			default:
				delimited("a length-delimited value");
		}
	}

	/** @return the current field's varint (int32, int64, uint64, bool or enum) */
	long int64(String name) {
		expect(VARINT, name);
		return varint(name);
	}

	/** @return the current field's float */
	float float32(String name) {
		expect(FIXED32, name);
		int at = advance(4, name);
		return Float.intBitsToFloat(buf.getInt(at));
	}

	/** @return the current field's bytes, as a read-only little-endian view of the buffer (no copy) */
	ByteBuffer bytes(String name) {
		expect(LENGTH_DELIMITED, name);
		return delimited(name);
	}

	/** @return the current field's string, which must be valid UTF-8 */
	String string(String name) {
		int at = fieldStart;
		ByteBuffer b = bytes(name);
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(b);
			return chars.toString();
		}
		catch (CharacterCodingException e) {
			throw malformed(at, name + " (field " + field + " of " + message + ") is not valid UTF-8 text");
		}
	}

	/** @return a reader of the current field, which must be a message of the named type */
	ProtoReader message(String name, String type) {
		expect(LENGTH_DELIMITED, name);
		ByteBuffer b = delimited(name);
		return new ProtoReader(buf, b.position(), b.limit(), depth + 1, type);
	}

	/**
	 * Reads the current field, an element of a repeated scalar field either packed (all elements in one
	 * length-delimited run) or unpacked (one element), and adds its encoded elements to the chunks, without
	 * decoding them; {@link Scalar#count} and {@link Scalar#forEach} do that later.
	 */
	void scalars(String name, Scalar scalar, List<ByteBuffer> chunks) {
		int start = pos;
		if (wireType == LENGTH_DELIMITED) {
			ByteBuffer run = delimited(name);
			int length = run.remaining();
			if (scalar == Scalar.FIXED32_VALUES && length % 4 != 0 || scalar == Scalar.FIXED64_VALUES &&
				length % 8 != 0)
				throw malformed(fieldStart, "packed " + name + " (field " + field + " of " + message + ") holds " +
					length + " bytes, not a whole number of " + scalar.label + " values");
			if (scalar == Scalar.VARINT_VALUES && length > 0 && run.get(run.limit() - 1) < 0)
				throw malformed(fieldStart, "packed " + name + " (field " + field + " of " + message + ") ends " +
					"inside a varint");
			if (scalar == Scalar.VARINT_VALUES) checkVarints(run, name);
			chunks.add(run);
			return;
		}
		expect(scalar.wireType, name);
		skip();
		chunks.add(view(start, pos));
	}

	/** Fails unless every varint of a packed run is at most 10 bytes long. */
	private void checkVarints(ByteBuffer run, String name) {
		int length = 0;
		for (int i = run.position(); i < run.limit(); i++) {
			if (++length > MAX_VARINT_BYTES)
				throw malformed(i, "packed " + name + " (field " + field + " of " + message + ") holds a varint " +
					"longer than " + MAX_VARINT_BYTES + " bytes");
			if (run.get(i) >= 0) length = 0;
		}
	}

	private void expect(int type, String name) {
		if (wireType != type)
			throw malformed(fieldStart, name + " (field " + field + " of " + message + ") has wire type " +
				wireType + " (" + wireName(wireType) + "), but must be " + wireName(type));
	}

	private static String wireName(int type) {
		switch (type) {
			case VARINT:
				return "a varint";
			case FIXED64:
				return "a 64-bit value";
			case FIXED32:
				return "a 32-bit value";
			default:
				return "length-delimited";
		}
	}

	private long varint(String what) {
		int start = pos;
		long v = 0;
		for (int i = 0; i < MAX_VARINT_BYTES; i++) {
			if (pos >= end) throw truncated(start, what + " runs past the end of " + where());
			byte b = buf.get(pos++);
			v |= (long) (b & 0x7f) << (7 * i);
			if (b >= 0) return v;
		}
		throw malformed(start, what + " in " + message + " is a varint longer than " + MAX_VARINT_BYTES + " bytes");
	}

	/** Advances over n bytes, returning where they start. */
	private int advance(int n, String what) {
		if (end - pos < n)
			throw truncated(pos, what + " needs " + n + " bytes, but only " + (end - pos) + " remain in " + where());
		int at = pos;
		pos += n;
		return at;
	}

	private ByteBuffer delimited(String what) {
		long length = varint("the length of " + what);
		long remaining = end - pos;
		if (length > remaining)
			throw truncated(fieldStart, what + " (field " + field + " of " + message + ") declares " + length +
				" bytes, but only " + remaining + " remain in " + where());
		int start = pos;
		pos += (int) length;
		return view(start, pos);
	}

	private ByteBuffer view(int from, int to) {
		ByteBuffer b = buf.asReadOnlyBuffer();
		b.limit(to).position(from);
		return b.order(ByteOrder.LITTLE_ENDIAN);
	}

	private String where() {
		return depth == 0 ? "the file" : "the enclosing " + message;
	}

	private static OnnxFormatException truncated(int at, String what) {
		return new Truncated("at byte " + at + ": " + what);
	}

	/** A fault that a file cut short makes: a length or a value running past the end. */
	static final class Truncated extends OnnxFormatException {
		private static final long serialVersionUID = 1L;

		Truncated(String message) {
			super(message);
		}
	}

	private static OnnxFormatException malformed(int at, String what) {
		return new OnnxFormatException("at byte " + at + ": " + what);
	}
}

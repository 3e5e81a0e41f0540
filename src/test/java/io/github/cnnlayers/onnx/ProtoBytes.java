package io.github.cnnlayers.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format by hand, for crafting test messages field by field. */
final class ProtoBytes {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** Appends a tag: field number and wire type. */
	ProtoBytes tag(int field, int wireType) {
		return varint(((long) field << 3) | wireType);
	}

	/** Appends a bare varint. */
	ProtoBytes varint(long v) {
		while ((v & ~0x7fL) != 0) {
			out.write((int) (v & 0x7f) | 0x80);
			v >>>= 7;
		}
		out.write((int) v);
		return this;
	}

	/** Appends raw bytes. */
	ProtoBytes raw(int... bytes) {
		for (int b : bytes)
			out.write(b);
		return this;
	}

	/** Appends a varint field. */
	ProtoBytes int64(int field, long v) {
		return tag(field, 0).varint(v);
	}

	/** Appends a fixed 32-bit float field. */
	ProtoBytes float32(int field, float v) {
		tag(field, 5);
		int bits = Float.floatToIntBits(v);
		for (int k = 0; k < 4; k++)
			out.write(bits >>> (8 * k));
		return this;
	}

	/** Appends a fixed 64-bit field. */
	ProtoBytes fixed64(int field, long v) {
		tag(field, 1);
		for (int k = 0; k < 8; k++)
			out.write((int) (v >>> (8 * k)));
		return this;
	}

	/** Appends a length-delimited field. */
	ProtoBytes bytes(int field, byte[] b) {
		tag(field, 2).varint(b.length);
		out.write(b, 0, b.length);
		return this;
	}

	/** Appends a string field. */
	ProtoBytes string(int field, String s) {
		return bytes(field, s.getBytes(StandardCharsets.UTF_8));
	}

	/** Appends a message field. */
	ProtoBytes message(int field, ProtoBytes m) {
		return bytes(field, m.toByteArray());
	}

	/** Appends packed little-endian floats. */
	ProtoBytes packedFloats(int field, float... values) {
		ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : values)
			b.putFloat(v);
		return bytes(field, b.array());
	}

	/** Appends packed varints. */
	ProtoBytes packedVarints(int field, long... values) {
		ProtoBytes p = new ProtoBytes();
		for (long v : values)
			p.varint(v);
		return message(field, p);
	}

	/** @return the bytes written */
	byte[] toByteArray() {
		return out.toByteArray();
	}

	/** @return the bytes as the buffer a reader reads */
	ByteBuffer buffer() {
		return ByteBuffer.wrap(toByteArray());
	}

	/** @return a value info named so, of type FLOAT with the given fixed dims */
	static ProtoBytes valueInfo(String name, long... dims) {
		ProtoBytes shape = new ProtoBytes();
		for (long d : dims)
			shape.message(1, new ProtoBytes().int64(1, d));
		ProtoBytes tensorType = new ProtoBytes().int64(1, 1).message(2, shape);
		return new ProtoBytes().string(1, name).message(2, new ProtoBytes().message(1, tensorType));
	}

	/** @return a model of IR version 8 and opset 13 around the graph */
	static ProtoBytes model(ProtoBytes graph) {
		return new ProtoBytes().int64(1, 8).message(8, new ProtoBytes().string(1, "").int64(2, 13)).message(7, graph);
	}
}

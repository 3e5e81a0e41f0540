package io.github.cnnlayers.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The number types a weight file may store, each with its size and its conversion to {@code float}. */
enum ElementType {
	FLOAT16(2, "f2", "F16"), BFLOAT16(2, null, "BF16"), FLOAT32(4, "f4", "F32"), FLOAT64(8, "f8", "F64"),
	INT8(1, "i1", "I8"), UINT8(1, "u1", "U8"), INT16(2, "i2", "I16"), UINT16(2, "u2", "U16"),
	INT32(4, "i4", "I32"), UINT32(4, "u4", "U32"), INT64(8, "i8", "I64"), UINT64(8, "u8", "U64");

	/** The NumPy type codes this reader accepts, for error messages. */
	static final String NUMPY_ALLOWED = "f2, f4, f8 (float16/32/64), i1, i2, i4, i8, u1, u2, u4, u8 (integers)";
	/** The safetensors dtypes this reader accepts, for error messages. */
	static final String SAFETENSORS_ALLOWED = "F16, BF16, F32, F64, I8, U8, I16, U16, I32, U32, I64, U64";

	/** Bytes per element. */
	final int bytes;
	private final String numpyCode;
	private final String safetensorsName;

	ElementType(int bytes, String numpyCode, String safetensorsName) {
		this.bytes = bytes;
		this.numpyCode = numpyCode;
		this.safetensorsName = safetensorsName;
	}

	/** The type of a NumPy code without byte order, e.g. {@code f4}; null if not supported. */
	static ElementType ofNumpy(String code) {
		for (ElementType t : values())
			if (code.equals(t.numpyCode)) return t;
		return null;
	}

	/** The type of a safetensors dtype name, e.g. {@code BF16}; null if not supported. */
	static ElementType ofSafetensors(String name) {
		for (ElementType t : values())
			if (name.equals(t.safetensorsName)) return t;
		return null;
	}

	/**
	 * Converts {@code out.length} elements from the buffer's position on, in the given byte order, to float.
	 */
	void decode(ByteBuffer in, ByteOrder order, float[] out) {
		ByteBuffer b = in.slice().order(order);
		int n = out.length;
		switch (this) {
			case FLOAT32:
				b.asFloatBuffer().get(out);
				break;
			case FLOAT64:
				for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(8 * i);
				break;
			case FLOAT16:
				for (int i = 0; i < n; i++) out[i] = halfToFloat(b.getShort(2 * i));
				break;
			case BFLOAT16:
				for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
				break;
			case INT8:
				for (int i = 0; i < n; i++) out[i] = b.get(i);
				break;
			case UINT8:
				for (int i = 0; i < n; i++) out[i] = b.get(i) & 0xff;
				break;
			case INT16:
				for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i);
				break;
			case UINT16:
				for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i) & 0xffff;
				break;
			case INT32:
				for (int i = 0; i < n; i++) out[i] = b.getInt(4 * i);
				break;
			case UINT32:
				for (int i = 0; i < n; i++) out[i] = b.getInt(4 * i) & 0xffffffffL;
				break;
			case INT64:
				for (int i = 0; i < n; i++) out[i] = b.getLong(8 * i);
				break;
			case UINT64:
				for (int i = 0; i < n; i++) {
					long v = b.getLong(8 * i);
					out[i] = v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
				}
				break;
			default:
				throw new AssertionError(this);
		}
	}

	/** An IEEE 754 half-precision value, given as its 16 bits, as a float. */
	static float halfToFloat(short bits) {
		int h = bits & 0xffff;
		int sign = (h & 0x8000) << 16;
		int exponent = (h >>> 10) & 0x1f;
		int mantissa = h & 0x3ff;
		if (exponent == 0x1f) // infinity or NaN
			return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
		if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
			float v = mantissa * 0x1p-24f;
			return sign == 0 ? v : -v;
		}
		return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
	}
}

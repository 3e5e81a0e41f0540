package io.github.cnnlayers.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The element types of ONNX tensors ({@code TensorProto.DataType}), each with its code, its size in
 * {@code raw_data} and the typed field that otherwise stores its values. Values can be read (as {@code float} or
 * {@code long}) for {@link #FLOAT}, {@link #DOUBLE}, {@link #FLOAT16}, {@link #INT64}, {@link #INT32},
 * {@link #INT8}, {@link #UINT8} and {@link #BOOL}; the other types are recognised and size-checked, and asking for
 * their values gives a message naming the readable ones.
 */
public enum OnnxDataType {
	/** No type given. */
	UNDEFINED(0, 0, ValueKind.NONE, null),
	/** 32-bit float, stored in {@code float_data}. */
	FLOAT(1, 4, ValueKind.FLOATS, TypedField.FLOAT_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.getInt(le.position() + 4 * i);
		}

		@Override
		float toFloat(long stored) {
			return Float.intBitsToFloat((int) stored);
		}
	},
	/** Unsigned 8-bit integer, stored in {@code int32_data}. */
	UINT8(2, 1, ValueKind.INTEGERS, TypedField.INT32_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.get(le.position() + i) & 0xff;
		}

		@Override
		long toLong(long stored) {
			return stored & 0xff;
		}
	},
	/** Signed 8-bit integer, stored in {@code int32_data}. */
	INT8(3, 1, ValueKind.INTEGERS, TypedField.INT32_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.get(le.position() + i);
		}

		@Override
		long toLong(long stored) {
			return (byte) stored;
		}
	},
	/** Unsigned 16-bit integer (values not read). */
	UINT16(4, 2, ValueKind.NONE, TypedField.INT32_DATA),
	/** Signed 16-bit integer (values not read). */
	INT16(5, 2, ValueKind.NONE, TypedField.INT32_DATA),
	/** Signed 32-bit integer, stored in {@code int32_data}. */
	INT32(6, 4, ValueKind.INTEGERS, TypedField.INT32_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.getInt(le.position() + 4 * i);
		}

		@Override
		long toLong(long stored) {
			return (int) stored;
		}
	},
	/** Signed 64-bit integer, stored in {@code int64_data}. */
	INT64(7, 8, ValueKind.INTEGERS, TypedField.INT64_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.getLong(le.position() + 8 * i);
		}

		@Override
		long toLong(long stored) {
			return stored;
		}
	},
	/** UTF-8 strings in {@code string_data} (values not read). */
	STRING(8, 0, ValueKind.NONE, TypedField.STRING_DATA),
	/** Boolean, one byte, stored in {@code int32_data}; read as 0 or 1. */
	BOOL(9, 1, ValueKind.INTEGERS, TypedField.INT32_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.get(le.position() + i);
		}

		@Override
		long toLong(long stored) {
			return stored != 0 ? 1 : 0;
		}
	},
	/** IEEE half precision, stored as its 16 bits in {@code int32_data}. */
	FLOAT16(10, 2, ValueKind.FLOATS, TypedField.INT32_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.getShort(le.position() + 2 * i) & 0xffff;
		}

		@Override
		float toFloat(long stored) {
			return halfToFloat((int) stored & 0xffff);
		}
	},
	/** 64-bit float, stored in {@code double_data}; read as float by {@link OnnxTensor#floats()}. */
	DOUBLE(11, 8, ValueKind.FLOATS, TypedField.DOUBLE_DATA) {
		@Override
		long stored(ByteBuffer le, int i) {
			return le.getLong(le.position() + 8 * i);
		}

		@Override
		float toFloat(long stored) {
			return (float) Double.longBitsToDouble(stored);
		}
	},
	/** Unsigned 32-bit integer (values not read). */
	UINT32(12, 4, ValueKind.NONE, TypedField.UINT64_DATA),
	/** Unsigned 64-bit integer (values not read). */
	UINT64(13, 8, ValueKind.NONE, TypedField.UINT64_DATA),
	/** Two 32-bit floats (values not read). */
	COMPLEX64(14, 8, ValueKind.NONE, null),
	/** Two 64-bit floats (values not read). */
	COMPLEX128(15, 16, ValueKind.NONE, null),
	/** bfloat16 (values not read). */
	BFLOAT16(16, 2, ValueKind.NONE, TypedField.INT32_DATA),
	/** 8-bit float E4M3FN (values not read). */
	FLOAT8E4M3FN(17, 1, ValueKind.NONE, null),
	/** 8-bit float E4M3FNUZ (values not read). */
	FLOAT8E4M3FNUZ(18, 1, ValueKind.NONE, null),
	/** 8-bit float E5M2 (values not read). */
	FLOAT8E5M2(19, 1, ValueKind.NONE, null),
	/** 8-bit float E5M2FNUZ (values not read). */
	FLOAT8E5M2FNUZ(20, 1, ValueKind.NONE, null),
	/** Unsigned 4-bit integer, two per byte (values not read). */
	UINT4(21, -1, ValueKind.NONE, null),
	/** Signed 4-bit integer, two per byte (values not read). */
	INT4(22, -1, ValueKind.NONE, null),
	/** 4-bit float E2M1, two per byte (values not read). */
	FLOAT4E2M1(23, -1, ValueKind.NONE, null),
	/** 8-bit exponent-only float E8M0 (values not read). */
	FLOAT8E8M0(24, 1, ValueKind.NONE, null);

	/** How a type's values are read. */
	private enum ValueKind {
		/** As floats only. */
		FLOATS,
		/** As integers, and as floats. */
		INTEGERS,
		/** Not at all. */
		NONE
	}

	/** The typed fields of {@code TensorProto} that hold values when {@code raw_data} does not. */
	enum TypedField {
		/** {@code float_data}, field 4. */
		FLOAT_DATA(4, "float_data", ProtoReader.Scalar.FIXED32_VALUES),
		/** {@code int32_data}, field 5. */
		INT32_DATA(5, "int32_data", ProtoReader.Scalar.VARINT_VALUES),
		/** {@code string_data}, field 6. */
		STRING_DATA(6, "string_data", null),
		/** {@code int64_data}, field 7. */
		INT64_DATA(7, "int64_data", ProtoReader.Scalar.VARINT_VALUES),
		/** {@code double_data}, field 10. */
		DOUBLE_DATA(10, "double_data", ProtoReader.Scalar.FIXED64_VALUES),
		/** {@code uint64_data}, field 11. */
		UINT64_DATA(11, "uint64_data", ProtoReader.Scalar.VARINT_VALUES);

		/** The field number in {@code TensorProto}. */
		final int number;
		/** The field's name in {@code onnx.proto}. */
		final String label;
		/** How one element is encoded; null for strings. */
		final ProtoReader.Scalar scalar;

		TypedField(int number, String label, ProtoReader.Scalar scalar) {
			this.number = number;
			this.label = label;
			this.scalar = scalar;
		}

		/** @return the typed field with this number in {@code TensorProto}, or null */
		static TypedField ofNumber(int number) {
			for (TypedField f : values())
				if (f.number == number) return f;
			return null;
		}
	}

	/** The code of this type in {@code TensorProto.data_type}. */
	private final int code;
	/** Bytes per element in {@code raw_data}; 0 when not fixed, -1 for 4-bit types (two per byte). */
	private final int rawBytes;
	/** How the values are read. */
	private final ValueKind kind;
	private final TypedField typedField;

	OnnxDataType(int code, int rawBytes, ValueKind kind, TypedField typedField) {
		this.code = code;
		this.rawBytes = rawBytes;
		this.kind = kind;
		this.typedField = typedField;
	}

	/** @return the code of this type in {@code TensorProto.data_type} and {@code TypeProto.Tensor.elem_type} */
	public int code() {
		return code;
	}

	/** @return true if {@link OnnxTensor#floats()} reads this type (FLOAT, DOUBLE, FLOAT16 and the integers) */
	public boolean readsAsFloats() {
		return kind != ValueKind.NONE;
	}

	/** @return true if {@link OnnxTensor#longs()} reads this type (INT64, INT32, INT8, UINT8, BOOL) */
	public boolean readsAsLongs() {
		return kind == ValueKind.INTEGERS;
	}

	/**
	 * @param code a {@code data_type} or {@code elem_type} code
	 * @return its type
	 * @throws OnnxFormatException naming the code and the known ones when it is not a known type
	 */
	public static OnnxDataType ofCode(long code) {
		for (OnnxDataType t : values())
			if (t.code == code) return t;
		throw new OnnxFormatException("data type " + code + " is not an ONNX tensor type (known: 0 to " +
			values()[values().length - 1].code + ")");
	}

	/** @return the types whose values can be read, for messages */
	static String readableList() {
		List<String> names = new ArrayList<>();
		for (OnnxDataType t : values())
			if (t.readsAsFloats()) names.add(t.name());
		return String.join(", ", names);
	}

	/**
	 * @param elements a number of elements
	 * @return the bytes they fill in {@code raw_data}, or -1 when this type has no fixed size (strings)
	 * @throws ArithmeticException on overflow
	 */
	long rawByteCount(long elements) {
		if (rawBytes == -1) return (elements + 1) / 2;
		if (rawBytes == 0) return -1;
		return Math.multiplyExact(elements, (long) rawBytes);
	}

	/** @return the typed field that stores this type's values when {@code raw_data} does not, or null */
	TypedField typedField() {
		return typedField;
	}

	/**
	 * @param le little-endian bytes of {@code raw_data}, from their position
	 * @param i an element index
	 * @return element i in the form the typed field would store it (float bits, half bits, integer value)
	 */
	long stored(ByteBuffer le, int i) {
		throw new UnsupportedOperationException(name());
	}

	/** @return the float value of an element in its stored form */
	float toFloat(long stored) {
		return toLong(stored);
	}

	/** @return the integer value of an element in its stored form */
	long toLong(long stored) {
		throw new UnsupportedOperationException(name());
	}

	/** IEEE 754 half precision bits to float, subnormals, infinities and NaN included. */
	static float halfToFloat(int h) {
		int sign = (h & 0x8000) << 16;
		int exponent = (h >>> 10) & 0x1f;
		int mantissa = h & 0x3ff;
		if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
		if (exponent == 0) {
			float v = mantissa * 0x1p-24f;
			return sign != 0 ? -v : v;
		}
		return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
	}
}

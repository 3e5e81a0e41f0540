package io.github.cnnlayers.onnx;

/** The kinds of value an attribute holds ({@code AttributeProto.AttributeType}), with their codes. */
public enum OnnxAttributeType {
	/** Not given. */
	UNDEFINED(0),
	/** One float, {@link OnnxAttribute#f()}. */
	FLOAT(1),
	/** One integer, {@link OnnxAttribute#i()}. */
	INT(2),
	/** One string, {@link OnnxAttribute#s()}. */
	STRING(3),
	/** One tensor, {@link OnnxAttribute#t()}. */
	TENSOR(4),
	/** One graph, {@link OnnxAttribute#g()}. */
	GRAPH(5),
	/** Floats, {@link OnnxAttribute#floats()}. */
	FLOATS(6),
	/** Integers, {@link OnnxAttribute#ints()}. */
	INTS(7),
	/** Strings, {@link OnnxAttribute#strings()}. */
	STRINGS(8),
	/** Tensors, {@link OnnxAttribute#tensors()}. */
	TENSORS(9),
	/** Graphs, {@link OnnxAttribute#graphs()}. */
	GRAPHS(10),
	/** A sparse tensor (not read). */
	SPARSE_TENSOR(11),
	/** Sparse tensors (not read). */
	SPARSE_TENSORS(12),
	/** A type (not read). */
	TYPE_PROTO(13),
	/** Types (not read). */
	TYPE_PROTOS(14);

	private final int code;

	OnnxAttributeType(int code) {
		this.code = code;
	}

	/** @return the code in {@code AttributeProto.type} */
	public int code() {
		return code;
	}

	/**
	 * @return the type with this code
	 * @throws OnnxFormatException naming the code when no type has it
	 */
	static OnnxAttributeType ofCode(long code) {
		for (OnnxAttributeType t : values())
			if (t.code == code) return t;
		throw new OnnxFormatException("attribute type " + code + " is not an ONNX attribute type (0 to 14)");
	}
}

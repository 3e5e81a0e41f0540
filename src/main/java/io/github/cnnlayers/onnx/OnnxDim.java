package io.github.cnnlayers.onnx;

/**
 * One dimension of a value's shape ({@code TensorShapeProto.Dimension}): a fixed size, a symbolic name such as
 * {@code "batch"} or {@code "height"} (a size given when the network runs), or neither (unknown). Immutable.
 */
public final class OnnxDim {

	private final long value;
	private final String symbol;

	private OnnxDim(long value, String symbol) {
		this.value = value;
		this.symbol = symbol;
	}

	/**
	 * @param value the size, 0 or more
	 * @return a dimension of fixed size
	 */
	public static OnnxDim of(long value) {
		if (value < 0) throw new IllegalArgumentException("a dimension's size is 0 or more, not " + value);
		return new OnnxDim(value, null);
	}

	/**
	 * @param symbol the name, e.g. {@code "batch"}
	 * @return a dimension named by a symbol, its size given at run time
	 */
	public static OnnxDim symbolic(String symbol) {
		return new OnnxDim(-1, symbol);
	}

	/** @return a dimension of unknown size, with no name */
	public static OnnxDim unknown() {
		return new OnnxDim(-1, null);
	}

	/** @return true if the size is fixed in the model */
	public boolean isFixed() {
		return value >= 0;
	}

	/** @return the fixed size, or -1 when the size is symbolic or unknown */
	public long value() {
		return value;
	}

	/** @return the symbolic name (dim_param), or null */
	public String symbol() {
		return symbol;
	}

	/** Decodes a {@code TensorShapeProto.Dimension}. */
	static OnnxDim decode(ProtoReader r) {
		OnnxDim dim = unknown();
		while (r.next()) {
			if (r.field() == 1) {
				long v = r.int64("dim_value");
				if (v < 0)
					throw new OnnxFormatException("at byte " + r.fieldOffset() + ": a shape has the negative " +
						"dimension " + v);
				dim = of(v);
			}
			else if (r.field() == 2) dim = symbolic(r.string("dim_param"));
			else r.skip();
		}
		return dim;
	}

	/** @return the size, the symbol, or "?" */
	@Override
	public String toString() {
		return isFixed() ? Long.toString(value) : symbol != null ? symbol : "?";
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof OnnxDim)) return false;
		OnnxDim d = (OnnxDim) o;
		return d.value == value && (symbol == null ? d.symbol == null : symbol.equals(d.symbol));
	}

	@Override
	public int hashCode() {
		return Long.hashCode(value) * 31 + (symbol == null ? 0 : symbol.hashCode());
	}
}

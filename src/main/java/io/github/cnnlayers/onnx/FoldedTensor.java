package io.github.cnnlayers.onnx;

import java.util.Arrays;

/**
 * A value known when a model is imported: an initializer, a {@code Constant}, or what the constant folder
 * computed from them (shapes, sizes, scales). Floats (32-bit) or integers (64-bit), row-major, with its dims.
 * Immutable; small by construction ({@link #MAX_ELEMENTS}).
 */
final class FoldedTensor {

	/** The most values a folded tensor may hold (a shape computation never needs more). */
	static final long MAX_ELEMENTS = 1 << 24;

	private final long[] dims;
	private final float[] floats;
	private final long[] longs;

	private FoldedTensor(final long[] dims, final float[] floats, final long[] longs) {
		this.dims = dims.clone();
		this.floats = floats;
		this.longs = longs;
		if (count(dims, "a constant", Long.MAX_VALUE) != (floats != null ? floats.length : longs.length))
			throw new IllegalArgumentException("a constant of dims " + Arrays.toString(dims) + " holds " +
				(floats != null ? floats.length : longs.length) + " values");
	}

	/** @return a float tensor of these dims and values (not copied) */
	static FoldedTensor ofFloats(final long[] dims, final float[] values) {
		return new FoldedTensor(dims, values, null);
	}

	/** @return an integer tensor of these dims and values (not copied) */
	static FoldedTensor ofLongs(final long[] dims, final long[] values) {
		return new FoldedTensor(dims, null, values);
	}

	/**
	 * @return the tensor's values, floats for the float types and 64-bit integers for the integer types (of any
	 *         size: the model holds them, and {@link OnnxTensor} checks the heap before converting)
	 */
	static FoldedTensor of(final OnnxTensor t) {
		return t.dataType().readsAsLongs() ? ofLongs(t.dims(), t.longs()) : ofFloats(t.dims(), t.floats());
	}

	/**
	 * @param dims a tensor's dims
	 * @param what the tensor, for the message
	 * @return the number of values
	 * @throws IllegalArgumentException when a dim is negative or there are more than {@link #MAX_ELEMENTS}
	 */
	static int count(final long[] dims, final String what) {
		return count(dims, what, MAX_ELEMENTS);
	}

	private static int count(final long[] dims, final String what, final long max) {
		long n = 1;
		for (final long d : dims) {
			if (d < 0)
				throw new IllegalArgumentException(what + " has a negative dimension in " + Arrays.toString(dims));
			n = d == 0 ? 0 : n > Integer.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
			if (n > max)
				throw new IllegalArgumentException(what + " of dims " + Arrays.toString(dims) + " would hold more than " +
					MAX_ELEMENTS + " values, the most a constant computed at import may hold");
		}
		return (int) n;
	}

	/** @return the dims (a copy) */
	long[] dims() {
		return dims.clone();
	}

	/** @return the number of dims */
	int rank() {
		return dims.length;
	}

	/** @return the number of values */
	int size() {
		return floats != null ? floats.length : longs.length;
	}

	/** @return whether it holds integers */
	boolean isInteger() {
		return longs != null;
	}

	/** @return value i as a double */
	double get(final int i) {
		return floats != null ? floats[i] : longs[i];
	}

	/** @return value i as a float (integers rounded to the nearest float) */
	float floatAt(final int i) {
		return floats != null ? floats[i] : (float) longs[i];
	}

	/** @return value i as a long (floats truncated towards zero, as ONNX's Cast does) */
	long longAt(final int i) {
		return longs != null ? longs[i] : (long) floats[i];
	}

	/** @return the values as floats (a copy) */
	float[] floats() {
		final float[] f = new float[size()];
		for (int i = 0; i < f.length; i++)
			f[i] = floatAt(i);
		return f;
	}

	/** @return the values as longs (a copy) */
	long[] longs() {
		final long[] l = new long[size()];
		for (int i = 0; i < l.length; i++)
			l[i] = longAt(i);
		return l;
	}

	/** @return the same values with other dims of the same count */
	FoldedTensor reshaped(final long[] newDims) {
		return floats != null ? ofFloats(newDims, floats) : ofLongs(newDims, longs);
	}

	/** @return the values at these flat indices, with these dims, of the same type */
	FoldedTensor pick(final long[] newDims, final int[] indices) {
		if (floats != null) {
			final float[] f = new float[indices.length];
			for (int i = 0; i < f.length; i++)
				f[i] = floats[indices[i]];
			return ofFloats(newDims, f);
		}
		final long[] l = new long[indices.length];
		for (int i = 0; i < l.length; i++)
			l[i] = longs[indices[i]];
		return ofLongs(newDims, l);
	}

	@Override
	public String toString() {
		return (floats != null ? "float " : "int ") + Arrays.toString(dims) + " " +
			(size() <= 8 ? (floats != null ? Arrays.toString(floats) : Arrays.toString(longs)) : "(" + size() + " values)");
	}
}

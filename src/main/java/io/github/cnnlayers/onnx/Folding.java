package io.github.cnnlayers.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import io.github.cnnlayers.core.ElementwiseMerge;

/**
 * The constant folder's arithmetic: what operators compute on values known at import (shapes, sizes, scales),
 * in the types ONNX computes them in (32-bit floats with the core layers' own float operations, 64-bit integers
 * with division truncating towards zero).
 */
final class Folding {

	private Folding() {}

	/** @return f of every value; integers stay integers */
	static FoldedTensor unary(final FoldedTensor t, final DoubleUnaryOperator f) {
		if (t.isInteger())
			return t;
		final float[] v = t.floats();
		for (int i = 0; i < v.length; i++)
			v[i] = (float) f.applyAsDouble(v[i]);
		return FoldedTensor.ofFloats(t.dims(), v);
	}

	/**
	 * @return numpy's broadcast of two shapes of one rank
	 * @throws IllegalArgumentException naming the node when they do not broadcast
	 */
	static long[] broadcast(final OnnxNetworks.Build b, final OnnxNode n, final long[] a, final long[] c) {
		final long[] out = new long[a.length];
		for (int i = 0; i < out.length; i++) {
			if (a[i] != c[i] && a[i] != 1 && c[i] != 1)
				throw b.refuse(n, "its inputs " + Arrays.toString(a) + " and " + Arrays.toString(c) + " do not broadcast (axis " + i +
					"); allowed: sizes equal or 1 on every axis");
			out[i] = a[i] == 1 ? c[i] : a[i];
		}
		return out;
	}

	/** @return a op c of two constants, with broadcasting */
	static FoldedTensor elementwise(final OnnxNetworks.Build b, final OnnxNode n, final FoldedTensor a, final FoldedTensor c,
		final ElementwiseMerge.Operation op)
	{
		final int rank = Math.max(a.rank(), c.rank());
		final long[] pa = padded(a.dims(), rank), pc = padded(c.dims(), rank);
		final long[] out = broadcast(b, n, pa, pc);
		final int count = FoldedTensor.count(out, n.describe() + "'s output");
		final boolean integer = a.isInteger() && c.isInteger();
		final float[] f = integer ? null : new float[count];
		final long[] l = integer ? new long[count] : null;
		final long[] index = new long[rank];
		for (int k = 0; k < count; k++) {
			final int ia = flat(index, pa), ic = flat(index, pc);
			if (integer)
				l[k] = integer(b, n, op, a.longAt(ia), c.longAt(ic));
			else
				f[k] = op.apply(a.floatAt(ia), c.floatAt(ic));
			for (int i = rank - 1; i >= 0 && ++index[i] == out[i]; i--)
				index[i] = 0;
		}
		return integer ? FoldedTensor.ofLongs(out, l) : FoldedTensor.ofFloats(out, f);
	}

	private static long integer(final OnnxNetworks.Build b, final OnnxNode n, final ElementwiseMerge.Operation op, final long x,
		final long y)
	{
		switch (op) {
			case ADD:
				return x + y;
			case SUBTRACT:
				return x - y;
			case MULTIPLY:
				return x * y;
			case DIVIDE:
				if (y == 0)
					throw b.refuse(n, "it divides the integer " + x + " by 0");
				return x / y;
			default:
				return (long) op.apply(x, y);
		}
	}

	/** @return the flat index in a broadcast operand of dims d at the output's index */
	private static int flat(final long[] index, final long[] d) {
		long f = 0;
		for (int i = 0; i < d.length; i++)
			f = f * d[i] + (d[i] == 1 ? 0 : index[i]);
		return (int) f;
	}

	private static long[] padded(final long[] dims, final int rank) {
		final long[] p = new long[rank];
		Arrays.fill(p, 1);
		System.arraycopy(dims, 0, p, rank - dims.length, dims.length);
		return p;
	}

	/** @return the constants joined along an axis */
	static FoldedTensor concat(final OnnxNetworks.Build b, final OnnxNode n, final List<FoldedTensor> parts, final int axis) {
		final long[] out = parts.get(0).dims();
		boolean integer = true;
		for (int p = 1; p < parts.size(); p++) {
			final long[] d = parts.get(p).dims();
			if (d.length != out.length)
				throw b.refuse(n, "its inputs have " + out.length + " and " + d.length + " dims; allowed: equal");
			for (int i = 0; i < d.length; i++)
				if (i != axis && d[i] != out[i])
					throw b.refuse(n, "its inputs " + Arrays.toString(out) + " and " + Arrays.toString(d) + " differ on axis " + i);
			out[axis] += d[axis];
		}
		for (final FoldedTensor p : parts)
			integer &= p.isInteger();
		long outer = 1;
		for (int i = 0; i < axis; i++)
			outer *= out[i];
		final int count = FoldedTensor.count(out, n.describe() + "'s output");
		final float[] f = new float[count];
		final long[] l = new long[count];
		int k = 0;
		for (long o = 0; o < outer; o++)
			for (final FoldedTensor p : parts) {
				final int block = (int) (p.size() / Math.max(1, outer));
				for (int i = 0; i < block; i++) {
					final int src = (int) (o * block + i);
					f[k] = p.floatAt(src);
					l[k++] = p.longAt(src);
				}
			}
		return integer ? FoldedTensor.ofLongs(out, l) : FoldedTensor.ofFloats(out, f);
	}
}

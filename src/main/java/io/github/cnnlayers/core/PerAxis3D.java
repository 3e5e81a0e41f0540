package io.github.cnnlayers.core;

import java.util.Arrays;

/**
 * One whole number per axis of a volume, in PyTorch's and the macros' order z, y, x (depth, height, width): a
 * kernel or window size, a stride, a padding, a dilation, an output padding of a 3D layer. Immutable; checked by
 * the layer that takes it, which knows the allowed values.
 */
public final class PerAxis3D {

	/** Along z, the depth. */
	public final int z;
	/** Along y, the height. */
	public final int y;
	/** Along x, the width. */
	public final int x;

	private PerAxis3D(final int z, final int y, final int x) {
		this.z = z;
		this.y = y;
		this.x = x;
	}

	/**
	 * @param z along the depth
	 * @param y along the height
	 * @param x along the width
	 * @return the three numbers
	 */
	public static PerAxis3D of(final int z, final int y, final int x) {
		return new PerAxis3D(z, y, x);
	}

	/**
	 * @param all the number of every axis
	 * @return the same number three times
	 */
	public static PerAxis3D of(final int all) {
		return new PerAxis3D(all, all, all);
	}

	/**
	 * @param axis 0 = x, 1 = y, 2 = z: ImgLib2's dimension order of a volume
	 * @return the number of that axis
	 */
	public int get(final int axis) {
		switch (axis) {
			case 0:
				return x;
			case 1:
				return y;
			case 2:
				return z;
			default:
				throw new IndexOutOfBoundsException("Axis " + axis + " of a volume; allowed: 0 (x), 1 (y), 2 (z)");
		}
	}

	/** @return the smallest of the three */
	public int min() {
		return Math.min(z, Math.min(y, x));
	}

	/** @return {z, y, x} */
	public int[] toArray() {
		return new int[] { z, y, x };
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof PerAxis3D && Arrays.equals(toArray(), ((PerAxis3D) o).toArray());
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(toArray());
	}

	/** @return "z y x", or one number when all three are equal (the macro form) */
	@Override
	public String toString() {
		return z == y && y == x ? String.valueOf(x) : z + " " + y + " " + x;
	}
}

package io.github.cnnlayers.network;

/**
 * A box of pixels of one sample: its first column, row and plane, width, height and depth (a rectangle of
 * planes: plane 0, depth 1). Immutable.
 */
public final class Region {

	private final long x;
	private final long y;
	private final long z;
	private final long width;
	private final long height;
	private final long depth;

	/**
	 * A rectangle of a plane (or of a volume's first plane): z 0, depth 1.
	 *
	 * @param x first column, from 0
	 * @param y first row, from 0
	 * @param width columns, at least 1
	 * @param height rows, at least 1
	 * @throws IllegalArgumentException when a start is negative or a size below 1
	 */
	public Region(final long x, final long y, final long width, final long height) {
		this(x, y, 0, width, height, 1);
	}

	/**
	 * @param x first column, from 0
	 * @param y first row, from 0
	 * @param z first plane, from 0
	 * @param width columns, at least 1
	 * @param height rows, at least 1
	 * @param depth planes, at least 1
	 * @throws IllegalArgumentException when a start is negative or a size below 1
	 */
	public Region(final long x, final long y, final long z, final long width, final long height, final long depth) {
		if (x < 0 || y < 0 || z < 0 || width < 1 || height < 1 || depth < 1)
			throw new IllegalArgumentException("A region at " + x + ", " + y + (z == 0 && depth == 1 ? "" : ", " + z) + " of " + width + " x " +
				height + (z == 0 && depth == 1 ? "" : " x " + depth) + " is not allowed; allowed: starts >= 0, sizes >= 1");
		this.x = x;
		this.y = y;
		this.z = z;
		this.width = width;
		this.height = height;
		this.depth = depth;
	}

	/**
	 * @param start the first pixel per axis {x, y, z}
	 * @param size the pixels per axis {width, height, depth}
	 * @return the region
	 */
	static Region of(final long[] start, final long[] size) {
		return new Region(start[0], start[1], start[2], size[0], size[1], size[2]);
	}

	/** @return the first column */
	public long x() {
		return x;
	}

	/** @return the first row */
	public long y() {
		return y;
	}

	/** @return the first plane (0 for a plane's region) */
	public long z() {
		return z;
	}

	/** @return the number of columns */
	public long width() {
		return width;
	}

	/** @return the number of rows */
	public long height() {
		return height;
	}

	/** @return the number of planes (1 for a plane's region) */
	public long depth() {
		return depth;
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z
	 * @return the first pixel along that axis
	 */
	public long start(final int axis) {
		return axis == 0 ? x : axis == 1 ? y : z;
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z
	 * @return the pixels along that axis
	 */
	public long size(final int axis) {
		return axis == 0 ? width : axis == 1 ? height : depth;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Region))
			return false;
		final Region r = (Region) o;
		return r.x == x && r.y == y && r.z == z && r.width == width && r.height == height && r.depth == depth;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(((((x * 31 + y) * 31 + z) * 31 + width) * 31 + height) * 31 + depth);
	}

	/** @return e.g. "256 x 128 at 512, 0", or for a box of planes "256 x 128 x 16 at 512, 0, 32" */
	@Override
	public String toString() {
		if (z == 0 && depth == 1)
			return width + " x " + height + " at " + x + ", " + y;
		return width + " x " + height + " x " + depth + " at " + x + ", " + y + ", " + z;
	}
}

package io.github.cnnlayers.network;

/** A rectangle of pixels of one sample's planes: its first column and row, width and height. Immutable. */
public final class Region {

	private final long x;
	private final long y;
	private final long width;
	private final long height;

	/**
	 * @param x first column, from 0
	 * @param y first row, from 0
	 * @param width columns, at least 1
	 * @param height rows, at least 1
	 * @throws IllegalArgumentException when a start is negative or a size below 1
	 */
	public Region(final long x, final long y, final long width, final long height) {
		if (x < 0 || y < 0 || width < 1 || height < 1)
			throw new IllegalArgumentException("A region at " + x + ", " + y + " of " + width + " x " + height + " is not allowed; " +
				"allowed: starts >= 0, sizes >= 1");
		this.x = x;
		this.y = y;
		this.width = width;
		this.height = height;
	}

	/** @return the first column */
	public long x() {
		return x;
	}

	/** @return the first row */
	public long y() {
		return y;
	}

	/** @return the number of columns */
	public long width() {
		return width;
	}

	/** @return the number of rows */
	public long height() {
		return height;
	}

	/**
	 * @param axis 0 for x, 1 for y
	 * @return the first pixel along that axis
	 */
	public long start(final int axis) {
		return axis == 0 ? x : y;
	}

	/**
	 * @param axis 0 for x, 1 for y
	 * @return the pixels along that axis
	 */
	public long size(final int axis) {
		return axis == 0 ? width : height;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Region))
			return false;
		final Region r = (Region) o;
		return r.x == x && r.y == y && r.width == width && r.height == height;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(((x * 31 + y) * 31 + width) * 31 + height);
	}

	/** @return e.g. "256 x 128 at 512, 0" */
	@Override
	public String toString() {
		return width + " x " + height + " at " + x + ", " + y;
	}
}

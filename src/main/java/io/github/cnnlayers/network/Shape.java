package io.github.cnnlayers.network;

/** The shape of one sample's tensor: C planes of W x H float values. Immutable. */
public final class Shape {

	private final int channels;
	private final long width;
	private final long height;

	/**
	 * @param channels C, at least 1
	 * @param width W, at least 1
	 * @param height H, at least 1
	 * @throws IllegalArgumentException when a size is below 1 or a plane holds more than 2^31 - 1 values
	 */
	public Shape(final int channels, final long width, final long height) {
		if (channels < 1 || width < 1 || height < 1)
			throw new IllegalArgumentException("A tensor of " + channels + " x " + width + " x " + height + " is empty; allowed: " +
				"every size >= 1");
		if (width > Integer.MAX_VALUE / height)
			throw new IllegalArgumentException("A plane of " + width + " x " + height + " holds more than " + Integer.MAX_VALUE +
				" values, more than one Java array can");
		this.channels = channels;
		this.width = width;
		this.height = height;
	}

	/** @return C */
	public int channels() {
		return channels;
	}

	/** @return W */
	public long width() {
		return width;
	}

	/** @return H */
	public long height() {
		return height;
	}

	/** @return the values of one plane, W x H */
	public int planeSize() {
		return (int) (width * height);
	}

	/** @return the bytes the tensor holds as 32-bit floats */
	public long bytes() {
		return 4L * channels * width * height;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Shape))
			return false;
		final Shape s = (Shape) o;
		return s.channels == channels && s.width == width && s.height == height;
	}

	@Override
	public int hashCode() {
		return (channels * 31 + Long.hashCode(width)) * 31 + Long.hashCode(height);
	}

	/** @return e.g. "16 x 256 x 256" (C x H x W, PyTorch's order) */
	@Override
	public String toString() {
		return channels + " x " + height + " x " + width;
	}
}

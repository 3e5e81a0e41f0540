package io.github.cnnlayers.network;

/**
 * The shape of one sample's tensor: C planes of W x H float values, or, for a 3D network, C volumes of W x H x D
 * ({@link #volume}; D planes of W x H each, plane after plane as ImageJ stacks them). A plane's shape has depth 1.
 * Immutable.
 */
public final class Shape {

	private final int channels;
	private final long width;
	private final long height;
	private final long depth;
	private final boolean volume;

	/**
	 * @param channels C, at least 1
	 * @param width W, at least 1
	 * @param height H, at least 1
	 * @throws IllegalArgumentException when a size is below 1 or a plane holds more than 2^31 - 1 values
	 */
	public Shape(final int channels, final long width, final long height) {
		this(channels, width, height, 1, false);
	}

	private Shape(final int channels, final long width, final long height, final long depth, final boolean volume) {
		if (channels < 1 || width < 1 || height < 1 || depth < 1)
			throw new IllegalArgumentException("A tensor of " + channels + " x " + (volume ? depth + " x " : "") + height + " x " + width +
				" is empty; allowed: every size >= 1");
		if (width > Integer.MAX_VALUE / height || width * height > Integer.MAX_VALUE / depth)
			throw new IllegalArgumentException("A " + (volume ? "volume" : "plane") + " of " + width + " x " + height +
				(volume ? " x " + depth : "") + " holds more than " + Integer.MAX_VALUE + " values, more than one Java array can");
		this.channels = channels;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.volume = volume;
	}

	/**
	 * @param channels C, at least 1
	 * @param width W, at least 1
	 * @param height H, at least 1
	 * @param depth D (planes), at least 1
	 * @return the shape of C volumes of W x H x D, a 3D network's tensor
	 * @throws IllegalArgumentException when a size is below 1 or a volume holds more than 2^31 - 1 values
	 */
	public static Shape volume(final int channels, final long width, final long height, final long depth) {
		return new Shape(channels, width, height, depth, true);
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

	/** @return D, the number of planes of a volume; 1 for a plane's shape */
	public long depth() {
		return depth;
	}

	/** @return whether this is a 3D network's tensor (C volumes), even of depth 1 */
	public boolean isVolume() {
		return volume;
	}

	/** @return the values of one plane, W x H */
	public int planeSize() {
		return (int) (width * height);
	}

	/** @return the values of one channel, W x H x D (W x H for a plane's shape) */
	public int channelSize() {
		return (int) (width * height * depth);
	}

	/** @return the bytes the tensor holds as 32-bit floats */
	public long bytes() {
		return 4L * channels * width * height * depth;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Shape))
			return false;
		final Shape s = (Shape) o;
		return s.channels == channels && s.width == width && s.height == height && s.depth == depth && s.volume == volume;
	}

	@Override
	public int hashCode() {
		return ((channels * 31 + Long.hashCode(width)) * 31 + Long.hashCode(height)) * 31 + Long.hashCode(depth) + (volume ? 1 : 0);
	}

	/** @return e.g. "16 x 256 x 256" (C x H x W, PyTorch's order), "16 x 8 x 64 x 64" (C x D x H x W) for volumes */
	@Override
	public String toString() {
		return channels + " x " + (volume ? depth + " x " : "") + height + " x " + width;
	}
}

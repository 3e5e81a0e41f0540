package io.github.cnnlayers.core;

/**
 * Where an output pixel of a layer looks in its input, per axis: output pixel {@code o} depends on the
 * input pixels {@code o*S - P} to {@code o*S - P + E - 1}, where E is the extent (the dilated kernel or
 * window size), S the stride and P the padding. It gives the centre of each output pixel on the input
 * (for the calibration of results) and the input range a tile of outputs needs (for tiling).
 */
public final class ReceptiveField {

	/** An element-wise layer: extent 1, stride 1, no padding. */
	public static final ReceptiveField POINT = new ReceptiveField(1, 1, 1, 0, 0);

	private final long extentX;
	private final long extentY;
	private final int stride;
	private final int padX;
	private final int padY;

	/**
	 * @param extentX input pixels one output pixel spans along x: {@code D*(K-1)+1}
	 * @param extentY the same along y
	 * @param stride S, both axes
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 */
	public ReceptiveField(final long extentX, final long extentY, final int stride, final int padX, final int padY) {
		this.extentX = extentX;
		this.extentY = extentY;
		this.stride = stride;
		this.padX = padX;
		this.padY = padY;
	}

	/** @return the extent along x, in input pixels */
	public long extentX() {
		return extentX;
	}

	/** @return the extent along y, in input pixels */
	public long extentY() {
		return extentY;
	}

	/** @return the stride */
	public int stride() {
		return stride;
	}

	/** @return the padding left and right */
	public int padX() {
		return padX;
	}

	/** @return the padding top and bottom */
	public int padY() {
		return padY;
	}

	/** @return the input x (in pixels) of the centre of output pixel 0's field */
	public double centreX() {
		return -padX + (extentX - 1) / 2.0;
	}

	/** @return the input y (in pixels) of the centre of output pixel 0's field */
	public double centreY() {
		return -padY + (extentY - 1) / 2.0;
	}

	/**
	 * @param axis 0 for x, 1 for y
	 * @param outMin the first output pixel of a tile
	 * @param outMax the last output pixel of the tile
	 * @return {first, last} input pixel the tile depends on (may lie in the padding, outside the image)
	 */
	public long[] inputRange(final int axis, final long outMin, final long outMax) {
		final long pad = axis == 0 ? padX : padY;
		final long extent = axis == 0 ? extentX : extentY;
		return new long[] { outMin * stride - pad, outMax * stride - pad + extent - 1 };
	}

	@Override
	public String toString() {
		return "extent " + extentX + "x" + extentY + ", stride " + stride + ", padding " + padX + "," + padY;
	}
}

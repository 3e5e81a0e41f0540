package io.github.cnnlayers.core;

/**
 * Where an output pixel of a layer looks in its input, per axis: output pixel {@code o} depends on the
 * input pixels {@code o*S - P} to {@code o*S - P + E - 1}, where E is the extent (the dilated kernel or
 * window size), S the stride and P the padding. It gives the centre of each output pixel on the input
 * (for the calibration of results) and the input range a tile of outputs needs (for tiling).
 * <p>
 * Resampling layers (upsampling, transposed convolution) have output pixels a fraction of an input pixel
 * apart: their field is {@link #resampled}, with a real step per axis, and output pixel {@code o} depends on
 * input pixels within {@code floor(o*step + first)} to {@code ceil(o*step + last)}. A layer whose every output
 * pixel depends on the whole image (global pooling) has the field {@link #WHOLE_IMAGE}.
 */
public final class ReceptiveField {

	/** An element-wise layer: extent 1, stride 1, no padding. */
	public static final ReceptiveField POINT = new ReceptiveField(1, 1, 1, 0, 0);

	/** Every output pixel depends on every input pixel (global pooling): no extent, centre or tiles. */
	public static final ReceptiveField WHOLE_IMAGE = new ReceptiveField();

	private final long extentX;
	private final long extentY;
	/** The whole-number stride both axes share, or 0 when the steps are not one whole number. */
	private final int stride;
	private final int padX;
	private final int padY;
	private final double stepX;
	private final double stepY;
	private final double firstX;
	private final double firstY;
	private final double lastX;
	private final double lastY;
	private final double centreX;
	private final double centreY;
	private final boolean whole;

	/**
	 * @param extentX input pixels one output pixel spans along x: {@code D*(K-1)+1}
	 * @param extentY the same along y
	 * @param stride S, both axes
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 */
	public ReceptiveField(final long extentX, final long extentY, final int stride, final int padX, final int padY) {
		this(extentX, extentY, stride, padX, padY, stride, stride, -padX, -padY, -padX + extentX - 1.0, -padY + extentY - 1.0,
			-padX + (extentX - 1) / 2.0, -padY + (extentY - 1) / 2.0, false);
	}

	private ReceptiveField() {
		this(0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
			true);
	}

	private ReceptiveField(final long extentX, final long extentY, final int stride, final int padX, final int padY,
		final double stepX, final double stepY, final double firstX, final double firstY, final double lastX, final double lastY,
		final double centreX, final double centreY, final boolean whole)
	{
		this.extentX = extentX;
		this.extentY = extentY;
		this.stride = stride;
		this.padX = padX;
		this.padY = padY;
		this.stepX = stepX;
		this.stepY = stepY;
		this.firstX = firstX;
		this.firstY = firstY;
		this.lastX = lastX;
		this.lastY = lastY;
		this.centreX = centreX;
		this.centreY = centreY;
		this.whole = whole;
	}

	/**
	 * The field of a resampling layer: output pixel {@code o} depends on input pixels within
	 * {@code floor(o*step + first)} to {@code ceil(o*step + last)} (a superset where the layer reads fewer,
	 * e.g. every stride-th of a transposed convolution's taps).
	 *
	 * @param stepX input pixels between neighbouring output pixels along x, &gt; 0 (1/scale for upsampling)
	 * @param stepY the same along y
	 * @param firstX offset of the first input output pixel 0 depends on
	 * @param firstY the same along y
	 * @param lastX offset of the last input output pixel 0 depends on, &gt;= firstX
	 * @param lastY the same along y
	 * @param centreX the input x of the centre of output pixel 0
	 * @param centreY the same along y
	 * @return the field; its {@link #stride()} is defined only when both steps are one whole number
	 * @throws IllegalArgumentException when a step is not a positive finite number or last &lt; first
	 */
	public static ReceptiveField resampled(final double stepX, final double stepY, final double firstX, final double firstY,
		final double lastX, final double lastY, final double centreX, final double centreY)
	{
		if (!(stepX > 0) || !(stepY > 0) || Double.isInfinite(stepX) || Double.isInfinite(stepY))
			throw new IllegalArgumentException("Steps " + stepX + ", " + stepY + " are not allowed; allowed: finite numbers > 0");
		if (!(lastX >= firstX) || !(lastY >= firstY))
			throw new IllegalArgumentException("A field from " + firstX + ", " + firstY + " to " + lastX + ", " + lastY +
				" is empty; allowed: last >= first");
		final int stride = stepX == stepY && stepX == Math.rint(stepX) && stepX <= Integer.MAX_VALUE ? (int) stepX : 0;
		return new ReceptiveField((long) Math.ceil(lastX - firstX) + 1, (long) Math.ceil(lastY - firstY) + 1, stride, 0, 0,
			stepX, stepY, firstX, firstY, lastX, lastY, centreX, centreY, false);
	}

	/** @return whether every output pixel depends on the whole image ({@link #WHOLE_IMAGE}) */
	public boolean wholeImage() {
		return whole;
	}

	/** @return the extent along x, in input pixels (for a resampled field: of output pixel 0's window) */
	public long extentX() {
		checkLocal();
		return extentX;
	}

	/** @return the extent along y, in input pixels */
	public long extentY() {
		checkLocal();
		return extentY;
	}

	/**
	 * @return the stride, a whole number of input pixels between neighbouring output pixels on both axes
	 * @throws IllegalStateException when the output pixels are not a whole number of input pixels apart
	 *         (upsampling, transposed convolution: use {@link #stepX()}, {@link #stepY()}) or the field is the
	 *         whole image
	 */
	public int stride() {
		checkLocal();
		if (stride == 0)
			throw new IllegalStateException("Output pixels are " + stepX + " x " + stepY + " input pixels apart, not a whole " +
				"number: use stepX() and stepY()");
		return stride;
	}

	/** @return input pixels between neighbouring output pixels along x (the stride; 1/scale for upsampling) */
	public double stepX() {
		checkLocal();
		return stepX;
	}

	/** @return input pixels between neighbouring output pixels along y */
	public double stepY() {
		checkLocal();
		return stepY;
	}

	/** @return the padding left and right (0 for a resampled field) */
	public int padX() {
		return padX;
	}

	/** @return the padding top and bottom (0 for a resampled field) */
	public int padY() {
		return padY;
	}

	/** @return the input x (in pixels) of the centre of output pixel 0's field */
	public double centreX() {
		checkLocal();
		return centreX;
	}

	/** @return the input y (in pixels) of the centre of output pixel 0's field */
	public double centreY() {
		checkLocal();
		return centreY;
	}

	/**
	 * @param axis 0 for x, 1 for y
	 * @param outMin the first output pixel of a tile
	 * @param outMax the last output pixel of the tile
	 * @return {first, last} input pixel the tile depends on (may lie in the padding, outside the image)
	 */
	public long[] inputRange(final int axis, final long outMin, final long outMax) {
		checkLocal();
		final double step = axis == 0 ? stepX : stepY;
		final double first = axis == 0 ? firstX : firstY;
		final double last = axis == 0 ? lastX : lastY;
		if (stride != 0 && first == Math.rint(first) && last == Math.rint(last)) // exact in long arithmetic
			return new long[] { outMin * stride + (long) first, outMax * stride + (long) last };
		return new long[] { (long) Math.floor(outMin * step + first), (long) Math.ceil(outMax * step + last) };
	}

	private void checkLocal() {
		if (whole)
			throw new IllegalStateException("Every output pixel depends on the whole input image: no extent, step or centre");
	}

	@Override
	public String toString() {
		if (whole)
			return "the whole image";
		if (stride == 0 || firstX != -padX || firstY != -padY)
			return "step " + stepX + "x" + stepY + ", from " + firstX + "," + firstY + " to " + lastX + "," + lastY;
		return "extent " + extentX + "x" + extentY + ", stride " + stride + ", padding " + padX + "," + padY;
	}
}

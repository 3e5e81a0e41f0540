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
 * <p>
 * The axes are x, y and z (depth). A 2D layer's field is point-wise along z; a 3D layer's is {@link #volume} of
 * one field per axis, each made by the same factories ({@link #window}, {@link #transposed}, {@link #resampled}).
 */
public final class ReceptiveField {

	/** An element-wise layer: extent 1, stride 1, no padding. */
	public static final ReceptiveField POINT = new ReceptiveField(1, 1, 1, 0, 0);

	/** Every output pixel depends on every input pixel (global pooling): no extent, centre or tiles. */
	public static final ReceptiveField WHOLE_IMAGE = new ReceptiveField();

	/** Per axis (x, y, z): input pixels one output pixel spans */
	private final long[] extent;
	/** The whole-number stride x and y share, or 0 when their steps are not one whole number. */
	private final int stride;
	/** Per axis: padding before the first pixel */
	private final int[] pad;
	/** Per axis: input pixels between neighbouring output pixels */
	private final double[] step;
	/** Per axis: offsets of the first and last input pixel output pixel 0 depends on, and of its centre */
	private final double[] first;
	private final double[] last;
	private final double[] centre;
	private final boolean whole;

	/**
	 * @param extentX input pixels one output pixel spans along x: {@code D*(K-1)+1}
	 * @param extentY the same along y
	 * @param stride S, both axes
	 * @param padX padding left and right
	 * @param padY padding top and bottom
	 */
	public ReceptiveField(final long extentX, final long extentY, final int stride, final int padX, final int padY) {
		this(new long[] { extentX, extentY, 1 }, new int[] { padX, padY, 0 }, new double[] { stride, stride, 1 },
			new double[] { -padX, -padY, 0 }, new double[] { -padX + extentX - 1.0, -padY + extentY - 1.0, 0 },
			new double[] { -padX + (extentX - 1) / 2.0, -padY + (extentY - 1) / 2.0, 0 }, false);
	}

	private ReceptiveField() {
		this(new long[3], new int[3], nan(), nan(), nan(), nan(), true);
	}

	private ReceptiveField(final long[] extent, final int[] pad, final double[] step, final double[] first, final double[] last,
		final double[] centre, final boolean whole)
	{
		this.extent = extent;
		this.pad = pad;
		this.step = step;
		this.first = first;
		this.last = last;
		this.centre = centre;
		this.whole = whole;
		this.stride = !whole && step[0] == step[1] && step[0] == Math.rint(step[0]) && step[0] <= Integer.MAX_VALUE ? (int) step[0] : 0;
	}

	private static double[] nan() {
		return new double[] { Double.NaN, Double.NaN, Double.NaN };
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
		return new ReceptiveField(new long[] { (long) Math.ceil(lastX - firstX) + 1, (long) Math.ceil(lastY - firstY) + 1, 1 }, new int[3],
			new double[] { stepX, stepY, 1 }, new double[] { firstX, firstY, 0 }, new double[] { lastX, lastY, 0 },
			new double[] { centreX, centreY, 0 }, false);
	}

	/**
	 * The field of a 3D layer, one axis from each of three fields (a layer's per-axis field built with the 2D
	 * factories along their x axis).
	 *
	 * @param x a field whose x axis is the field along x
	 * @param y a field whose x axis is the field along y
	 * @param z a field whose x axis is the field along z (depth)
	 * @return the field on volumes; {@link #WHOLE_IMAGE} when any of them is
	 */
	public static ReceptiveField volume(final ReceptiveField x, final ReceptiveField y, final ReceptiveField z) {
		if (x.whole || y.whole || z.whole)
			return WHOLE_IMAGE;
		return new ReceptiveField(new long[] { x.extent[0], y.extent[0], z.extent[0] }, new int[] { x.pad[0], y.pad[0], z.pad[0] },
			new double[] { x.step[0], y.step[0], z.step[0] }, new double[] { x.first[0], y.first[0], z.first[0] },
			new double[] { x.last[0], y.last[0], z.last[0] }, new double[] { x.centre[0], y.centre[0], z.centre[0] }, false);
	}

	/**
	 * One axis of a window: output pixel {@code o} depends on input pixels {@code o*S - P} to {@code o*S - P + E - 1}.
	 *
	 * @param extent E, the dilated kernel or window: {@code D*(K-1)+1}
	 * @param stride S
	 * @param pad P
	 * @return a field with that x axis, for {@link #volume}
	 */
	public static ReceptiveField window(final long extent, final int stride, final int pad) {
		return new ReceptiveField(extent, 1, stride, pad, 0);
	}

	/**
	 * One axis of a transposed convolution: input pixels within {@code (o + P - E + 1) / S} to {@code (o + P) / S}
	 * reach output pixel o.
	 *
	 * @param extent E, the dilated kernel: {@code D*(K-1)+1}
	 * @param stride S
	 * @param pad P
	 * @return a field with that x axis (the y axis the same), for {@link #volume}
	 */
	public static ReceptiveField transposed(final long extent, final int stride, final int pad) {
		final double e = extent - 1.0;
		return resampled(1.0 / stride, 1.0 / stride, (pad - e) / stride, (pad - e) / stride, (double) pad / stride, (double) pad / stride,
			(pad - e / 2) / stride, (pad - e / 2) / stride);
	}

	/** @return whether every output pixel depends on the whole image ({@link #WHOLE_IMAGE}) */
	public boolean wholeImage() {
		return whole;
	}

	/** @return the extent along x, in input pixels (for a resampled field: of output pixel 0's window) */
	public long extentX() {
		return extent(0);
	}

	/** @return the extent along y, in input pixels */
	public long extentY() {
		return extent(1);
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z (depth: 1 for a 2D layer)
	 * @return the extent along that axis, in input pixels
	 */
	public long extent(final int axis) {
		checkLocal();
		return extent[axis];
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
			throw new IllegalStateException("Output pixels are " + step[0] + " x " + step[1] + " input pixels apart, not a whole " +
				"number: use stepX() and stepY()");
		return stride;
	}

	/** @return input pixels between neighbouring output pixels along x (the stride; 1/scale for upsampling) */
	public double stepX() {
		return step(0);
	}

	/** @return input pixels between neighbouring output pixels along y */
	public double stepY() {
		return step(1);
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z (1 for a 2D layer)
	 * @return input pixels between neighbouring output pixels along that axis
	 */
	public double step(final int axis) {
		checkLocal();
		return step[axis];
	}

	/** @return the padding left and right (0 for a resampled field) */
	public int padX() {
		return pad[0];
	}

	/** @return the padding top and bottom (0 for a resampled field) */
	public int padY() {
		return pad[1];
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z
	 * @return the padding before the first pixel along that axis (0 for a resampled axis)
	 */
	public int pad(final int axis) {
		return pad[axis];
	}

	/** @return the input x (in pixels) of the centre of output pixel 0's field */
	public double centreX() {
		checkLocal();
		return centre[0];
	}

	/** @return the input y (in pixels) of the centre of output pixel 0's field */
	public double centreY() {
		checkLocal();
		return centre[1];
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z (depth: point-wise for a 2D layer)
	 * @param outMin the first output pixel of a tile
	 * @param outMax the last output pixel of the tile
	 * @return {first, last} input pixel the tile depends on (may lie in the padding, outside the image)
	 */
	public long[] inputRange(final int axis, final long outMin, final long outMax) {
		checkLocal();
		final double s = step[axis], f = first[axis], l = last[axis];
		if (s == Math.rint(s) && f == Math.rint(f) && l == Math.rint(l)) // exact in long arithmetic
			return new long[] { outMin * (long) s + (long) f, outMax * (long) s + (long) l };
		return new long[] { (long) Math.floor(outMin * s + f), (long) Math.ceil(outMax * s + l) };
	}

	private void checkLocal() {
		if (whole)
			throw new IllegalStateException("Every output pixel depends on the whole input image: no extent, step or centre");
	}

	@Override
	public String toString() {
		if (whole)
			return "the whole image";
		final String depth = step[2] == 1 && first[2] == 0 && last[2] == 0 ? "" : "; along z " + axis(2);
		if (stride == 0 || first[0] != -pad[0] || first[1] != -pad[1] || step[2] != Math.rint(step[2]) || first[2] != -pad[2])
			return "step " + step[0] + "x" + step[1] + ", from " + first[0] + "," + first[1] + " to " + last[0] + "," + last[1] + depth;
		return "extent " + extent[0] + "x" + extent[1] + ", stride " + stride + ", padding " + pad[0] + "," + pad[1] + depth;
	}

	private String axis(final int a) {
		return step[a] == Math.rint(step[a]) && first[a] == -pad[a] ? "extent " + extent[a] + ", stride " + (long) step[a] + ", padding " + pad[a]
			: "step " + step[a] + ", from " + first[a] + " to " + last[a];
	}
}

package io.github.cnnlayers.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Padding per side, as PyTorch's {@code F.pad(x, (left, right, top, bottom), mode, value)}: the output is
 * {@code (W + left + right) x (H + top + bottom)}, the added pixels hold what the {@link PadMode} maps them
 * to. A negative padding crops that many pixels from its side first; the other sides are then padded over
 * the cropped image (so circular padding wraps the cropped image, as in PyTorch). Values are copied
 * exactly. Immutable and thread-safe.
 */
public final class Pad implements PlaneLayer {

	private final PadMode mode;
	private final int top;
	private final int bottom;
	private final int left;
	private final int right;
	private final float value;

	private Pad(final PadMode mode, final int top, final int bottom, final int left, final int right, final double value) {
		if (mode == null)
			throw new IllegalArgumentException("Pad needs a mode; allowed: zero, constant, reflect, replicate, circular");
		if (!mode.takesValue() && value != 0)
			throw new IllegalArgumentException("Value " + value + " is not allowed with pad mode " + mode +
				": only mode constant fills with a value; allowed: value 0, or mode constant");
		if (!Double.isNaN(value) && !Double.isInfinite(value) && Float.isInfinite((float) value))
			throw new IllegalArgumentException("Value " + value + " is outside the range of 32-bit floats; allowed: numbers between -" +
				Float.MAX_VALUE + " and " + Float.MAX_VALUE + ", infinities, NaN");
		this.mode = mode;
		this.top = top;
		this.bottom = bottom;
		this.left = left;
		this.right = right;
		this.value = (float) value;
	}

	/**
	 * @param mode what the added pixels hold
	 * @param top rows added above (negative: rows cropped)
	 * @param bottom rows added below
	 * @param left columns added on the left
	 * @param right columns added on the right
	 * @param value the fill value of mode constant (any float, NaN and infinities too); 0 for the other modes
	 * @return the layer; its sizes are checked against an image by {@link #outputSize}
	 * @throws IllegalArgumentException naming the parameter and the allowed values
	 */
	public static Pad of(final PadMode mode, final int top, final int bottom, final int left, final int right, final double value) {
		return new Pad(mode, top, bottom, left, right, value);
	}

	/** @return the mode */
	public PadMode mode() {
		return mode;
	}

	/** @return the fill value of mode constant (0 otherwise) */
	public float value() {
		return value;
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		final long w = axis(width, left, right, new String[] { "left", "right", "width" });
		final long h = axis(height, top, bottom, new String[] { "top", "bottom", "height" });
		OutputGeometry.checkPlaneSize(w, h);
		return new long[] { w, h };
	}

	/** @return the padded size of an axis, after checking the crop and the mode's rule */
	private long axis(final long n, final int before, final int after, final String[] names) {
		final long kept = n - Math.max(0, -before) - Math.max(0, -after);
		if (kept < 1)
			throw new IllegalArgumentException("Padding " + names[0] + " " + before + " and " + names[1] + " " + after + " crop the whole image " +
				names[2] + " " + n + "; allowed: negative paddings (crops) that leave at least 1 pixel");
		mode.checkPadding(kept, Math.max(0, before), Math.max(0, after), names);
		return kept + Math.max(0, before) + Math.max(0, after);
	}

	/** @return the input pixel under output pixel 0 is at (-left, -top); padded pixels copy others by the mode */
	@Override
	public ReceptiveField receptiveField() {
		return new ReceptiveField(1, 1, 1, left, top);
	}

	/** @return true unless mode constant adds a value other than 0, which the input type may not hold */
	@Override
	public boolean keepsType() {
		return value == 0;
	}

	/** @return one input row, one output row and the column map per thread */
	@Override
	public double workingBytes(final long width, final long height) {
		final double out = Math.max(1.0, width + (double) left + right);
		return 4.0 * width + 12.0 * out;
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		final long width = source.dimension(0);
		final long height = source.dimension(1);
		final long[] out = outputSize(width, height);
		OutputGeometry.checkTarget(target, out);
		final int[] columns = map(width, left, right, (int) out[0]);
		final int[] rows = map(height, top, bottom, (int) out[1]);
		RowChunks.forEach(out[1], range -> {
			final RowReader<S> reader = new RowReader<>(source, null, 0);
			final RowWriter<T> writer = new RowWriter<>(target);
			final float[] in = new float[(int) width];
			final float[] line = new float[(int) out[0]];
			long current = -1;
			for (long y = range.start; y < range.end; y++) {
				final int sy = rows[(int) y];
				if (sy == PadMode.FILL)
					java.util.Arrays.fill(line, value);
				else {
					if (sy != current) {
						reader.read(sy, in);
						current = sy;
					}
					for (int x = 0; x < line.length; x++) {
						final int sx = columns[x];
						line[x] = sx == PadMode.FILL ? value : in[sx];
					}
				}
				writer.write(y, line);
			}
		});
	}

	/** @return for each output position along an axis the input position it copies, or {@link PadMode#FILL} */
	private int[] map(final long n, final int before, final int after, final int outSize) {
		final long cropBefore = Math.max(0, -before);
		final long kept = n - cropBefore - Math.max(0, -after);
		final long padBefore = Math.max(0, before);
		final int[] map = new int[outSize];
		for (int o = 0; o < outSize; o++) {
			final long s = mode.source(o - padBefore, kept);
			map[o] = s == PadMode.FILL ? (int) PadMode.FILL : (int) (s + cropBefore);
		}
		return map;
	}

	@Override
	public String toString() {
		return "Pad " + mode + " top " + top + " bottom " + bottom + " left " + left + " right " + right +
			(mode.takesValue() ? " value " + value : "");
	}
}

package io.github.cnnlayers.core;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;

/**
 * Writes float line buffers into the rows of a 2D image: straight into the backing array of a float,
 * unsigned byte or unsigned short {@code ArrayImg} (integer types rounded and wrapped exactly as the type's
 * {@code setReal} does: {@code Util.round}, then the low 8 or 16 bits), else through a {@code RandomAccess}.
 * A writer may apply a {@link RowFunction} to each row it writes (a convolution's activation). One writer per thread.
 */
final class RowWriter<T extends RealType<T>> {

	private final RandomAccess<T> access;
	private final long minX;
	private final long minY;
	private final int width;
	private final float[] floats;
	private final byte[] bytes;
	private final short[] shorts;
	private final ValueRange.Lanes lanes;
	private final RowFunction function;

	RowWriter(final RandomAccessibleInterval<T> target) {
		this(target, false);
	}

	/**
	 * @param findRange fold every row written into a float array into {@link #range()}'s min and max
	 */
	RowWriter(final RandomAccessibleInterval<T> target, final boolean findRange) {
		this(target, findRange, RowFunction.NONE);
	}

	/**
	 * @param function applied by {@link #write} to each row before it is stored
	 */
	RowWriter(final RandomAccessibleInterval<T> target, final RowFunction function) {
		this(target, false, function);
	}

	private RowWriter(final RandomAccessibleInterval<T> target, final boolean findRange, final RowFunction function) {
		this.function = function;
		this.access = target.randomAccess();
		this.minX = target.min(0);
		this.minY = target.min(1);
		this.width = (int) target.dimension(0);
		final Object storage = RowReader.backingArray(target);
		this.floats = storage instanceof float[] ? (float[]) storage : null;
		this.bytes = storage instanceof byte[] ? (byte[]) storage : null;
		this.shorts = storage instanceof short[] ? (short[]) storage : null;
		this.lanes = findRange && floats != null ? new ValueRange.Lanes(width) : null;
	}

	/**
	 * @return {min, max} of the rows written (NaN when one was NaN), when made with {@code findRange} and the
	 *         target is a float array; else {@code null}
	 */
	float[] range() {
		return lanes == null ? null : lanes.result();
	}

	/**
	 * Folds row {@code y} (relative to the image's min), written straight into the backing array, into
	 * {@link #range()}; nothing to do unless made with {@code findRange} over a float array.
	 */
	void wrote(final long y) {
		if (lanes != null)
			lanes.add(floats, (int) y * width, width);
	}

	/**
	 * Writes {@code buffer[0 .. width)} into row {@code y} (relative to the image's min), after applying the writer's
	 * {@link RowFunction} to it in place (so {@code buffer} holds what was written).
	 */
	void write(final long y, final float[] buffer) {
		function.apply(buffer, 0, width);
		if (floats != null) {
			System.arraycopy(buffer, 0, floats, (int) y * width, width);
			if (lanes != null)
				lanes.add(buffer, width);
			return;
		}
		final int offset = (int) y * width;
		if (bytes != null) { // a macro's 8-bit pooling wrote 1024^2 pixels per call through the RandomAccess
			for (int x = 0; x < width; x++)
				bytes[offset + x] = (byte) Util.round(buffer[x]);
			return;
		}
		if (shorts != null) {
			for (int x = 0; x < width; x++)
				shorts[offset + x] = (short) Util.round(buffer[x]);
			return;
		}
		access.setPosition(minX, 0);
		access.setPosition(minY + y, 1);
		for (int x = 0; x < width; x++) {
			access.get().setReal(buffer[x]);
			access.fwd(0);
		}
	}
}

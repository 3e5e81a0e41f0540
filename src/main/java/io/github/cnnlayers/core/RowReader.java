package io.github.cnnlayers.core;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Reads rows of a 2D image into float line buffers, padded on the left and right with the values of
 * an extended view (the border mode). Interior pixels are read straight from the image, so only the
 * few padded pixels pay for out-of-bounds handling. One reader per thread.
 */
final class RowReader<T extends RealType<T>> {

	private final RandomAccess<T> inside;
	private final RandomAccess<T> outside;
	private final long minX;
	private final long minY;
	private final int width;
	private final long height;
	private final int pad;

	/**
	 * @param source the image; its min may be anywhere
	 * @param extended the image extended beyond its bounds, or {@code null} when rows are never padded
	 * @param pad pixels read left and right of each row from {@code extended}
	 */
	RowReader(final RandomAccessibleInterval<T> source, final RandomAccessible<T> extended, final int pad) {
		this.inside = source.randomAccess();
		this.outside = extended == null ? null : extended.randomAccess();
		this.minX = source.min(0);
		this.minY = source.min(1);
		this.width = (int) source.dimension(0);
		this.height = source.dimension(1);
		this.pad = pad;
	}

	/** @return the length of a padded row: width + 2 * pad */
	int paddedWidth() {
		return width + 2 * pad;
	}

	/**
	 * Fills {@code buffer[0 .. width + 2*pad)} with row {@code y} (relative to the image's min), from
	 * x = -pad to width + pad - 1.
	 */
	void read(final long y, final float[] buffer) {
		if (y >= 0 && y < height) {
			inside.setPosition(minX, 0);
			inside.setPosition(minY + y, 1);
			for (int x = 0; x < width; x++) {
				buffer[pad + x] = inside.get().getRealFloat();
				inside.fwd(0);
			}
			if (pad > 0) {
				readOutside(y, -pad, pad, buffer, 0);
				readOutside(y, width, pad, buffer, pad + width);
			}
		}
		else
			readOutside(y, -pad, width + 2 * pad, buffer, 0);
	}

	private void readOutside(final long y, final long x0, final int n, final float[] buffer, final int offset) {
		outside.setPosition(minX + x0, 0);
		outside.setPosition(minY + y, 1);
		for (int i = 0; i < n; i++) {
			buffer[offset + i] = outside.get().getRealFloat();
			outside.fwd(0);
		}
	}
}

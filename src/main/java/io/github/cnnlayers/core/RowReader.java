package io.github.cnnlayers.core;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Reads rows of a 2D image into float line buffers, padded on the left and right with the values of
 * an extended view (the border mode). Interior pixels are read straight from the image — from the
 * backing array when the image is a float, unsigned byte or unsigned short {@code ArrayImg} (as
 * ImageJ's pixel arrays are wrapped), else through a {@code RandomAccess} — so only the few padded
 * pixels pay for out-of-bounds handling. One reader per thread.
 */
final class RowReader<T extends RealType<T>> {

	private final RandomAccess<T> inside;
	private final RandomAccess<T> outside;
	private final long minX;
	private final long minY;
	private final int width;
	private final long height;
	private final int pad;
	private final float[] floats;
	private final byte[] bytes;
	private final short[] shorts;

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
		final Object storage = backingArray(source);
		this.floats = storage instanceof float[] ? (float[]) storage : null;
		this.bytes = storage instanceof byte[] ? (byte[]) storage : null;
		this.shorts = storage instanceof short[] ? (short[]) storage : null;
	}

	/**
	 * @return the row-major pixel array behind a 2D float, unsigned byte or unsigned short
	 *         {@code ArrayImg}, or {@code null} for any other image
	 */
	static Object backingArray(final RandomAccessibleInterval<?> image) {
		if (!(image instanceof ArrayImg) || image.numDimensions() != 2)
			return null;
		final ArrayImg<?, ?> img = (ArrayImg<?, ?>) image;
		final Object type = img.firstElement();
		final Object access = img.update(null);
		if (type instanceof FloatType && access instanceof FloatArray)
			return ((FloatArray) access).getCurrentStorageArray();
		if (type instanceof UnsignedByteType && access instanceof ByteArray)
			return ((ByteArray) access).getCurrentStorageArray();
		if (type instanceof UnsignedShortType && access instanceof ShortArray)
			return ((ShortArray) access).getCurrentStorageArray();
		return null;
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
			readInside((int) y, buffer);
			if (pad > 0) {
				readOutside(y, -pad, pad, buffer, 0);
				readOutside(y, width, pad, buffer, pad + width);
			}
		}
		else
			readOutside(y, -pad, width + 2 * pad, buffer, 0);
	}

	private void readInside(final int y, final float[] buffer) {
		final int offset = y * width;
		if (floats != null)
			System.arraycopy(floats, offset, buffer, pad, width);
		else if (bytes != null)
			for (int x = 0; x < width; x++)
				buffer[pad + x] = bytes[offset + x] & 0xff;
		else if (shorts != null)
			for (int x = 0; x < width; x++)
				buffer[pad + x] = shorts[offset + x] & 0xffff;
		else {
			inside.setPosition(minX, 0);
			inside.setPosition(minY + y, 1);
			for (int x = 0; x < width; x++) {
				buffer[pad + x] = inside.get().getRealFloat();
				inside.fwd(0);
			}
		}
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

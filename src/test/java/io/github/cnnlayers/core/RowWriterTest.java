package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * {@link RowWriter} writes 8- and 16-bit rows straight into their arrays: each pixel must be exactly what the
 * pixel type's own {@code setReal} makes of the value (rounding, wrapping, NaN and infinities), as the
 * {@code RandomAccess} path gave before.
 */
class RowWriterTest {

	/** Halves, values out of range both ways, NaN and infinities. */
	private static final float[] VALUES = { -300.5f, -1.5f, -0.5f, -0.49f, 0f, 0.49f, 0.5f, 1.5f, 2.5f, 127.5f, 254.5f, 255.4f,
		255.5f, 256f, 300.7f, 1000f, 32767.5f, 65534.5f, 65535.5f, 70000.2f, 1e10f, -1e10f, Float.NaN, Float.POSITIVE_INFINITY,
		Float.NEGATIVE_INFINITY };

	@Test
	void bytesAreWhatUnsignedByteTypeSetRealMakes() {
		final ArrayImg<UnsignedByteType, ?> direct = ArrayImgs.unsignedBytes(VALUES.length, 2);
		assertSameAsSetReal(direct, new CellImgFactory<>(new UnsignedByteType(), 4).create(VALUES.length, 2));
	}

	@Test
	void shortsAreWhatUnsignedShortTypeSetRealMakes() {
		final ArrayImg<UnsignedShortType, ?> direct = ArrayImgs.unsignedShorts(VALUES.length, 2);
		assertSameAsSetReal(direct, new CellImgFactory<>(new UnsignedShortType(), 4).create(VALUES.length, 2));
	}

	/**
	 * Writes VALUES into row 1 of an ArrayImg (the array path) and of a CellImg (no backing array: the
	 * RandomAccess path), and checks both against the type's setReal of each value.
	 */
	private static <T extends RealType<T> & NativeType<T>> void assertSameAsSetReal(final ArrayImg<T, ?> direct, final Img<T> cells) {
		new RowWriter<>(direct).write(1, VALUES);
		new RowWriter<>(cells).write(1, VALUES);
		final T expected = direct.firstElement().createVariable();
		final Cursor<T> a = direct.localizingCursor();
		final Cursor<T> b = cells.localizingCursor();
		int written = 0;
		while (a.hasNext()) {
			a.fwd();
			final int x = a.getIntPosition(0);
			final int y = a.getIntPosition(1);
			expected.setReal(y == 1 ? VALUES[x] : 0f);
			assertEquals(expected.getRealDouble(), a.get().getRealDouble(), "array path at x=" + x + ", y=" + y + " (value " + (y == 1 ? VALUES[x] : 0) + ")");
			written += y == 1 ? 1 : 0;
		}
		while (b.hasNext()) {
			b.fwd();
			final int x = b.getIntPosition(0);
			final int y = b.getIntPosition(1);
			expected.setReal(y == 1 ? VALUES[x] : 0f);
			assertEquals(expected.getRealDouble(), b.get().getRealDouble(), "RandomAccess path at x=" + x + ", y=" + y);
		}
		assertEquals(VALUES.length, written);
		// an independent spot check of the wrap: 256 is 0 and -1.5 rounds to -1, all bits set
		final T probe = direct.firstElement().createVariable();
		probe.setReal(256f);
		assertEquals(probe instanceof UnsignedByteType ? 0 : 256, probe.getRealDouble());
	}
}

package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

class PixelViewsTest {

	private static <T extends RealType<T>> void set(final RandomAccessibleInterval<T> img, final int x, final int y, final double v) {
		final RandomAccess<T> ra = img.randomAccess();
		ra.setPosition(new int[] { x, y });
		ra.get().setReal(v);
	}

	@Test
	void grayViewsAreZeroCopy() {
		final ByteProcessor bp = new ByteProcessor(5, 4);
		set(PixelViews.<UnsignedByteType> gray(bp), 3, 2, 200);
		assertEquals(200, bp.get(3, 2));
		final ShortProcessor sp = new ShortProcessor(5, 4);
		set(PixelViews.<UnsignedShortType> gray(sp), 4, 3, 60000);
		assertEquals(60000, sp.get(4, 3));
		final FloatProcessor fp = new FloatProcessor(5, 4);
		set(PixelViews.<FloatType> gray(fp), 0, 1, -2.5);
		assertEquals(-2.5f, fp.getf(0, 1));
		assertEquals(5, PixelViews.<FloatType> gray(fp).dimension(0));
		assertEquals(4, PixelViews.<FloatType> gray(fp).dimension(1));
	}

	@Test
	void rgbChannelsReadEachColourAndSetRgbWritesThemBack() {
		final ColorProcessor cp = new ColorProcessor(3, 2);
		cp.set(1, 1, (200 << 16) | (20 << 8) | 130);
		final List<RandomAccessibleInterval<UnsignedByteType>> ch = PixelViews.channels(cp);
		assertEquals(3, ch.size());
		final int[] expected = { 200, 20, 130 };
		for (int c = 0; c < 3; c++) {
			final RandomAccess<UnsignedByteType> ra = ch.get(c).randomAccess();
			ra.setPosition(new int[] { 1, 1 });
			assertEquals(expected[c], ra.get().getRealDouble());
		}
		final ByteProcessor r = new ByteProcessor(3, 2), g = new ByteProcessor(3, 2), b = new ByteProcessor(3, 2);
		r.set(2, 0, 255);
		g.set(2, 0, 128);
		b.set(2, 0, 129);
		PixelViews.setRgb(cp, r, g, b);
		assertEquals((255 << 16) | (128 << 8) | 129, cp.get(2, 0) & 0xffffff);
	}
}

package io.github.cnnlayers.core;

/**
 * The pixel arrays of ImageJ's gray planes as ImgLib2 wraps them — float, unsigned byte and unsigned short
 * — each with the loops that read its values in their own type. One array kind pools the interior 2&times;2,
 * stride-2 windows of a max or min pooling straight from source array to target array, with no conversion
 * to float and back: the values are the source's own, so the result is the one of the float path.
 */
enum PixelArray {

	/** {@code float[]} of a {@code FloatType} image. */
	FLOAT(float[].class) {

		/**
		 * The window's two rows copied out and reduced same-index (vectorized), then each output from a pair of columns:
		 * the float path's order, rows first, then columns; 2048^2 in one JVM 3.2-4.6 ms -> 1.9-3.3 ms against one
		 * pass reading the four values of each window.
		 */
		@Override
		void poolPairs(final PoolingMode mode, final Object source, final int width, final long start, final long end,
			final Object target, final int outWidth)
		{
			final float[] in = (float[]) source;
			final float[] out = (float[]) target;
			final float[] top = new float[width];
			final float[] bottom = new float[width];
			for (long y = start; y < end; y++) {
				System.arraycopy(in, (int) (2 * y * width), top, 0, width);
				System.arraycopy(in, (int) ((2 * y + 1) * width), bottom, 0, width);
				mode.reduce(top, bottom, 2 * outWidth);
				final int o = (int) y * outWidth;
				for (int x = 0, i = 0; x < outWidth; x++, i += 2)
					out[o + x] = mode.reduce(top[i], top[i + 1]);
			}
		}
	},
	/** {@code byte[]} of an {@code UnsignedByteType} image. */
	UNSIGNED_BYTE(byte[].class) {

		@Override
		void poolPairs(final PoolingMode mode, final Object source, final int width, final long start, final long end,
			final Object target, final int outWidth)
		{
			final byte[] in = (byte[]) source;
			final byte[] out = (byte[]) target;
			for (int y = (int) start; y < end; y++) {
				final int top = 2 * y * width;
				final int bottom = top + width;
				final int o = y * outWidth;
				for (int x = 0, i = 0; x < outWidth; x++, i += 2)
					out[o + x] = (byte) mode.reduce(mode.reduce(in[top + i] & 0xff, in[bottom + i] & 0xff),
						mode.reduce(in[top + i + 1] & 0xff, in[bottom + i + 1] & 0xff));
			}
		}
	},
	/** {@code short[]} of an {@code UnsignedShortType} image. */
	UNSIGNED_SHORT(short[].class) {

		@Override
		void poolPairs(final PoolingMode mode, final Object source, final int width, final long start, final long end,
			final Object target, final int outWidth)
		{
			final short[] in = (short[]) source;
			final short[] out = (short[]) target;
			for (int y = (int) start; y < end; y++) {
				final int top = 2 * y * width;
				final int bottom = top + width;
				final int o = y * outWidth;
				for (int x = 0, i = 0; x < outWidth; x++, i += 2)
					out[o + x] = (short) mode.reduce(mode.reduce(in[top + i] & 0xffff, in[bottom + i] & 0xffff),
						mode.reduce(in[top + i + 1] & 0xffff, in[bottom + i + 1] & 0xffff));
			}
		}
	};

	private final Class<?> arrayClass;

	PixelArray(final Class<?> arrayClass) {
		this.arrayClass = arrayClass;
	}

	/**
	 * @param array a backing array from {@link RowReader#backingArray}, or {@code null}
	 * @return its kind, or {@code null} for {@code null}
	 */
	static PixelArray of(final Object array) {
		for (final PixelArray kind : values())
			if (kind.arrayClass.isInstance(array))
				return kind;
		return null;
	}

	/** @return whether {@code array} is an array of this kind */
	boolean holds(final Object array) {
		return arrayClass.isInstance(array);
	}

	/**
	 * Writes output rows [{@code start}, {@code end}) of a 2&times;2, stride-2, unpadded max or min pooling:
	 * target[y][x] = the mode's reduction of source rows 2y and 2y + 1 at columns 2x and 2x + 1, for x &lt; outWidth.
	 *
	 * @param mode max or min (a mode whose values are input values)
	 * @param source row-major array of this kind, {@code width} wide, at least 2 * end rows
	 * @param width source width &gt;= 2 * outWidth
	 * @param target row-major array of this kind, {@code outWidth} wide
	 * @param outWidth output width
	 */
	abstract void poolPairs(PoolingMode mode, Object source, int width, long start, long end, Object target, int outWidth);
}

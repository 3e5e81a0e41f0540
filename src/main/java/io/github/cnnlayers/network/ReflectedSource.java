package io.github.cnnlayers.network;

/**
 * A source seen as a larger one, padded by reflection at the right and bottom (as PyTorch's reflect padding:
 * the border pixel is not repeated) — the size a network takes when the image's own size is not one it takes
 * (a U-Net of depth d takes multiples of 2^d). Reads only the part of the source a region needs.
 */
public final class ReflectedSource implements RegionSource {

	private final RegionSource source;
	private final Shape shape;

	/**
	 * @param source the image
	 * @param width the padded width, &gt;= the source's and &lt; twice it
	 * @param height the padded height, &gt;= the source's and &lt; twice it
	 * @throws IllegalArgumentException when reflection cannot pad that much
	 */
	public ReflectedSource(final RegionSource source, final long width, final long height) {
		final Shape s = source.shape();
		if (width < s.width() || height < s.height() || width - s.width() >= s.width() || height - s.height() >= s.height())
			throw new IllegalArgumentException("Reflection pads " + s.width() + " x " + s.height() + " to at most " + (2 * s.width() - 1) +
				" x " + (2 * s.height() - 1) + ", not " + width + " x " + height);
		this.source = source;
		this.shape = new Shape(s.channels(), width, height);
	}

	@Override
	public Shape shape() {
		return shape;
	}

	@Override
	public FeatureMaps read(final Region region) {
		final long w = source.shape().width(), h = source.shape().height();
		final long x0 = Math.min(region.x(), mirror(region.x() + region.width() - 1, w));
		final long y0 = Math.min(region.y(), mirror(region.y() + region.height() - 1, h));
		final long x1 = Math.min(region.x() + region.width(), w), y1 = Math.min(region.y() + region.height(), h);
		final FeatureMaps part = source.read(new Region(x0, y0, x1 - x0, y1 - y0));
		if (x0 == region.x() && y0 == region.y() && x1 - x0 == region.width() && y1 - y0 == region.height())
			return part;
		final FeatureMaps out = FeatureMaps.zeros(new Shape(shape.channels(), region.width(), region.height()));
		final int pw = (int) part.shape().width(), rw = (int) region.width();
		for (int c = 0; c < shape.channels(); c++)
			for (int y = 0; y < region.height(); y++) {
				final long sy = mirror(region.y() + y, h) - y0;
				for (int x = 0; x < rw; x++)
					out.plane(c)[y * rw + x] = part.plane(c)[(int) (sy * pw + mirror(region.x() + x, w) - x0)];
			}
		return out;
	}

	/** @return the source pixel that padded pixel {@code x} reflects */
	private static long mirror(final long x, final long size) {
		return x < size ? x : 2 * (size - 1) - x;
	}
}

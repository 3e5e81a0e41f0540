package io.github.cnnlayers.network;

/**
 * One sample's tensor held in memory, read and written a region at a time: the {@link RegionSource} and
 * {@link RegionSink} of a tiled run over an image that fits in memory.
 */
public final class InMemoryRegions implements RegionSource, RegionSink {

	private final FeatureMaps values;

	/** @param values the tensor, used as it is (not copied): read from, or written into */
	public InMemoryRegions(final FeatureMaps values) {
		this.values = values;
	}

	/** @return the tensor */
	public FeatureMaps values() {
		return values;
	}

	@Override
	public Shape shape() {
		return values.shape();
	}

	@Override
	public FeatureMaps read(final Region region) {
		check(region);
		return copy(values, region);
	}

	@Override
	public void write(final Region region, final FeatureMaps part) {
		check(region);
		if (part.shape().channels() != values.shape().channels() || part.shape().width() != region.width() ||
			part.shape().height() != region.height())
			throw new IllegalArgumentException("Values of " + part.shape() + " do not fit region " + region + " of " + values.shape());
		final int w = (int) values.shape().width(), rw = (int) region.width();
		for (int c = 0; c < values.shape().channels(); c++)
			for (int y = 0; y < region.height(); y++)
				System.arraycopy(part.plane(c), y * rw, values.plane(c), (int) ((region.y() + y) * w + region.x()), rw);
	}

	/**
	 * @param from a tensor
	 * @param region a region inside it
	 * @return a new tensor holding that region's values
	 */
	static FeatureMaps copy(final FeatureMaps from, final Region region) {
		final Shape s = new Shape(from.shape().channels(), region.width(), region.height());
		final FeatureMaps to = FeatureMaps.zeros(s);
		final int w = (int) from.shape().width(), rw = (int) region.width();
		for (int c = 0; c < s.channels(); c++)
			for (int y = 0; y < region.height(); y++)
				System.arraycopy(from.plane(c), (int) ((region.y() + y) * w + region.x()), to.plane(c), y * rw, rw);
		return to;
	}

	private void check(final Region region) {
		if (region.x() + region.width() > values.shape().width() || region.y() + region.height() > values.shape().height())
			throw new IllegalArgumentException("Region " + region + " reaches outside " + values.shape().width() + " x " +
				values.shape().height());
	}
}

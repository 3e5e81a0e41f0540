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
			part.shape().height() != region.height() || part.shape().depth() != region.depth())
			throw new IllegalArgumentException("Values of " + part.shape() + " do not fit region " + region + " of " + values.shape());
		final long w = values.shape().width(), h = values.shape().height();
		final int rw = (int) region.width();
		for (int c = 0; c < values.shape().channels(); c++)
			for (int z = 0; z < region.depth(); z++)
				for (int y = 0; y < region.height(); y++)
					System.arraycopy(part.plane(c), (int) ((z * region.height() + y) * rw), values.plane(c),
						(int) (((region.z() + z) * h + region.y() + y) * w + region.x()), rw);
	}

	/**
	 * @param from a tensor
	 * @param region a region inside it
	 * @return a new tensor holding that region's values
	 */
	static FeatureMaps copy(final FeatureMaps from, final Region region) {
		final Shape s = TilePlan.shapeOf(from.shape(), region);
		final FeatureMaps to = FeatureMaps.zeros(s);
		final long w = from.shape().width(), h = from.shape().height();
		final int rw = (int) region.width();
		for (int c = 0; c < s.channels(); c++)
			for (int z = 0; z < region.depth(); z++)
				for (int y = 0; y < region.height(); y++)
					System.arraycopy(from.plane(c), (int) (((region.z() + z) * h + region.y() + y) * w + region.x()), to.plane(c),
						(int) ((z * region.height() + y) * rw), rw);
		return to;
	}

	private void check(final Region region) {
		if (region.x() + region.width() > values.shape().width() || region.y() + region.height() > values.shape().height() ||
			region.z() + region.depth() > values.shape().depth())
			throw new IllegalArgumentException("Region " + region + " reaches outside " + values.shape().width() + " x " +
				values.shape().height() + (values.shape().isVolume() ? " x " + values.shape().depth() : ""));
	}
}

package io.github.cnnlayers.network;

/**
 * Where the tiles of a tiled run come from: one sample's input, read a region at a time (an image in memory, a
 * tiled TIFF on disk), so that the whole input need never be held at once.
 */
public interface RegionSource {

	/** @return the shape of the whole sample: its channels, width and height */
	Shape shape();

	/**
	 * @param region a region inside {@link #shape()}
	 * @return its values, all channels, a new tensor of the region's width and height the caller may change
	 * @throws IllegalArgumentException when the region reaches outside the sample
	 * @throws java.io.UncheckedIOException when it cannot be read
	 */
	FeatureMaps read(Region region);
}

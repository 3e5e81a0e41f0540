package io.github.cnnlayers.network;

/**
 * Where the tiles of a tiled run go: one sample's output, written a region at a time (an image in memory, a
 * tiled TIFF on disk). A tiled run writes each output pixel exactly once; regions may come in any order and,
 * with tiles in parallel, from several threads at once (never overlapping).
 */
public interface RegionSink {

	/**
	 * @param region a region inside the output
	 * @param values its values, all channels, of the region's width and height; the sink copies what it keeps
	 * @throws java.io.UncheckedIOException when it cannot be written
	 */
	void write(Region region, FeatureMaps values);
}

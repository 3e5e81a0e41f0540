package io.github.cnnlayers.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Region;
import io.github.cnnlayers.network.RegionSink;
import io.github.cnnlayers.network.RegionSource;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.tiff.TiffFile;
import io.github.cnnlayers.tiff.TiffPage;
import io.github.cnnlayers.tiff.TiledTiffWriter;

/** The tiles of a tiled run read from a TIFF page and written to a tiled BigTIFF, never holding the whole image. */
final class TiffRegions {

	private TiffRegions() {}

	/** One TIFF page as a tiled run's input: its samples are the channels. */
	static final class Source implements RegionSource {
		private final TiffFile tiff;
		private final Shape shape;

		Source(TiffFile tiff) {
			if (tiff.pages().size() != 1)
				throw new IllegalArgumentException(tiff.path() + " has " + tiff.pages().size() + " pages; a streamed run " +
					"(tile=N on a TIFF file) reads one page (its samples are the channels); allowed: a one-page TIFF");
			this.tiff = tiff;
			TiffPage p = tiff.page(0);
			this.shape = new Shape(p.samples(), p.width(), p.height());
		}

		@Override
		public Shape shape() {
			return shape;
		}

		@Override
		public FeatureMaps read(Region r) {
			int w = (int) r.width(), h = (int) r.height(), n = w * h;
			try {
				float[] all = tiff.read(0, (int) r.x(), (int) r.y(), w, h);
				float[][] planes = new float[shape.channels()][];
				for (int c = 0; c < planes.length; c++) {
					planes[c] = new float[n];
					System.arraycopy(all, c * n, planes[c], 0, n);
				}
				return new FeatureMaps(new Shape(shape.channels(), w, h), planes);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	/**
	 * A tiled run's output into a tiled BigTIFF, one page per channel: regions of any size and order are gathered
	 * into the file's tiles, each written as soon as all its pixels have come (so only tiles a region has partly
	 * filled are held).
	 */
	static final class Sink implements RegionSink {
		private final TiledTiffWriter writer;
		private final int width, height, tile;
		private final Map<Long, float[]> partial = new HashMap<>();
		private final Map<Long, Integer> filled = new HashMap<>();

		Sink(TiledTiffWriter writer, Shape output) {
			this.writer = writer;
			this.width = (int) output.width();
			this.height = (int) output.height();
			this.tile = writer.tile();
		}

		@Override
		public synchronized void write(Region r, FeatureMaps values) {
			int rx = (int) r.x(), ry = (int) r.y(), rw = (int) r.width(), rh = (int) r.height();
			try {
				for (int c = 0; c < values.shape().channels(); c++) {
					float[] plane = values.plane(c);
					for (int ty = ry / tile; ty <= (ry + rh - 1) / tile; ty++)
						for (int tx = rx / tile; tx <= (rx + rw - 1) / tile; tx++) {
							int left = tx * tile, top = ty * tile;
							int w = Math.min(tile, width - left), h = Math.min(tile, height - top);
							long key = ((long) c * writer.tilesDown() + ty) * writer.tilesAcross() + tx;
							float[] pixels = partial.get(key);
							if (pixels == null) partial.put(key, pixels = new float[w * h]);
							int x0 = Math.max(rx, left), x1 = Math.min(rx + rw, left + w);
							int y0 = Math.max(ry, top), y1 = Math.min(ry + rh, top + h);
							for (int y = y0; y < y1; y++)
								System.arraycopy(plane, (y - ry) * rw + (x0 - rx), pixels, (y - top) * w + (x0 - left), x1 - x0);
							int done = filled.getOrDefault(key, 0) + (x1 - x0) * (y1 - y0);
							if (done == w * h) {
								writer.writeTile(c, tx, ty, pixels);
								partial.remove(key);
								filled.remove(key);
							}
							else filled.put(key, done);
						}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}

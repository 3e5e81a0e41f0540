package io.github.cnnlayers.pipeline;

import java.io.IOException;
import java.nio.file.Path;

import io.github.cnnlayers.ij.HeapBudget;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.ReflectedSource;
import io.github.cnnlayers.network.Region;
import io.github.cnnlayers.network.RegionSource;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.SizeFit;
import io.github.cnnlayers.network.TilePlan;
import io.github.cnnlayers.network.TiledRun;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.tiff.TiffFile;
import io.github.cnnlayers.tiff.TiledTiffWriter;

/**
 * A network run from a TIFF file to a tiled BigTIFF, tile by tile: the input is read a tile's region at a time and
 * the output written as its TIFF tiles complete, so neither image is ever held whole (for images larger than the
 * heap). The output has one page per output channel; it is complete or absent.
 */
public final class StreamedNetworkRun {

	private StreamedNetworkRun() {}

	/** Why tile=0 is refused */
	public static final String WHOLE_REFUSED = "tile=0 (the whole image) cannot stream a TIFF file; allowed: auto or N >= " + Tiling.MINIMUM;

	/**
	 * Refuses an input that is not a TIFF file, the one kind this run streams.
	 *
	 * @param fileName the input's file name
	 * @param label the input as the user named it, for the message
	 * @throws IllegalArgumentException naming the input and the allowed extensions
	 */
	public static void checkTiff(final String fileName, final String label) {
		if (!fileName.toLowerCase(java.util.Locale.ROOT).matches(".*\\.tiff?"))
			throw new IllegalArgumentException("--tile streams TIFF files; " + label + " is not one (allowed: .tif, .tiff)");
	}

	/**
	 * The message for a pipeline that fails as one network (its steps cannot be tiled, or the run failed).
	 *
	 * @param label the input as the user named it
	 * @param e what failed
	 * @return the message, with the advice to run without --tile when the steps cannot be tiled
	 */
	public static String pipelineError(final String label, final Exception e) {
		final String why = e.getMessage() == null ? e.toString() : e.getMessage();
		return label + ": --tile runs the pipeline as one network: " + why +
			(e instanceof io.github.cnnlayers.network.NotTileableException ? " (here: run without --tile)" : "");
	}

	/**
	 * Runs a model's output over a one-page TIFF (its samples the channels) into a tiled BigTIFF.
	 *
	 * @param tiling tiles of N (N at least {@link Tiling#MINIMUM}) or auto (the largest tile whose plan fits in half
	 *        the free heap); whole is refused, since the image would be held
	 * @return what was done, e.g. the tiles and their size
	 * @throws IllegalArgumentException for an input the model does not take, a network that cannot be tiled, or
	 *         tile=0
	 */
	public static String run(NetworkModel model, String output, Path input, Path target, Tiling tiling) throws IOException {
		if (tiling.whole())
			throw new IllegalArgumentException(WHOLE_REFUSED);
		if (!model.outputs().contains(output))
			throw new IllegalArgumentException("The model has no output \"" + output + "\"; allowed: " +
				String.join(", ", model.outputs()));
		try (TiffFile tiff = TiffFile.open(input)) {
			TiffRegions.Source file = new TiffRegions.Source(tiff);
			Shape in = file.shape();
			if (model.inputChannels() >= 0 && model.inputChannels() != in.channels())
				throw new IllegalArgumentException("The model takes " + model.inputChannels() + " channel(s), but " + input +
					" has " + in.channels() + " sample(s) per pixel");
			SizeFit fitted = SizeFit.of(model, in);
			Shape run = fitted.input();
			Network network = fitted.network();
			Shape out = fitted.plan().shapes().get(output);
			boolean padded = run.width() != in.width() || run.height() != in.height();
			long outWidth = padded ? Math.round((double) out.width() * in.width() / run.width()) : out.width();
			long outHeight = padded ? Math.round((double) out.height() * in.height() / run.height()) : out.height();
			TilePlan plan = tiling.auto() ? auto(model, network, run, output) : TilePlan.of(model, network, run, output,
				tiling.size());
			RegionSource source = padded ? new ReflectedSource(file, run.width(), run.height()) : file;
			if (outWidth > Integer.MAX_VALUE || outHeight > Integer.MAX_VALUE)
				throw new IllegalArgumentException("The output " + outWidth + " x " + outHeight + " is larger than a TIFF " +
					"page this writer makes (2^31 - 1 pixels each way)");
			Shape kept = new Shape(out.channels(), outWidth, outHeight);
			try (TiledTiffWriter writer = TiledTiffWriter.create(target, (int) outWidth, (int) outHeight, out.channels(),
				tiffTile(plan, run)))
			{
				TiledRun.run(plan, source, new TiffRegions.Sink(writer, kept), new Region(0, 0, outWidth, outHeight), 1, null);
				writer.commit();
			}
			return "streamed " + input.getFileName() + " (" + in + ") through " + plan.tiles().size() + " tiles of " +
				plan.tileSize(0) + " x " + plan.tileSize(1) + " into " + target.getFileName() + " (" + kept + ")";
		}
	}

	/**
	 * The output's TIFF tile: the run's tile when its cores are the TIFF's tiles (an output the input's size, a tile a
	 * multiple of {@value #TIFF_TILE_MULTIPLE}), so each finished tile is written at once and none is held; else
	 * {@link TiledTiffWriter#DEFAULT_TILE}, the sink gathering partly filled TIFF tiles.
	 */
	private static int tiffTile(TilePlan plan, Shape run) {
		long t = plan.tileSize(0);
		boolean same = plan.output().width() == run.width() && plan.output().height() == run.height();
		return same && t == plan.tileSize(1) && t % TIFF_TILE_MULTIPLE == 0 && t <= 4096 ? (int) t :
			TiledTiffWriter.DEFAULT_TILE;
	}

	/** TIFF tiles are multiples of 16 pixels. */
	private static final int TIFF_TILE_MULTIPLE = 16;

	/**
	 * The largest tile, a multiple of the alignment and of {@value #TIFF_TILE_MULTIPLE} (so it is also the output's
	 * TIFF tile), whose run fits in free memory by the rule Run Network applies ({@link HeapBudget#forRun}).
	 */
	private static TilePlan auto(NetworkModel model, Network network, Shape run, String output) {
		long[] align = TilePlan.alignment(network, run);
		long[] a = { lcm(lcm(align[0], align[1]), TIFF_TILE_MULTIPLE) };
		double free = HeapBudget.freeFor(Double.MAX_VALUE);
		long lo = 1, hi = Math.min(4096 / a[0], (Math.max(run.width(), run.height()) + a[0] - 1) / a[0]);
		TilePlan best = null;
		while (lo <= hi) {
			long mid = (lo + hi) / 2;
			TilePlan p = TilePlan.of(model, network, run, output, Math.max(lcm(a[0], Tiling.MINIMUM), mid * a[0]));
			if (HeapBudget.forRun(0, p.tilePeakBytes()) <= free) { // the rule Run Network applies; nothing held besides
				best = p;
				lo = mid + 1;
			}
			else hi = mid - 1;
		}
		if (best == null)
			throw new IllegalArgumentException("Even tiles of " + Tiling.MINIMUM + " do not fit in free memory (" +
				HeapBudget.megabytes(HeapBudget.free()) + "); " + HeapBudget.HOW_TO_GIVE_MORE);
		return best;
	}

	private static long lcm(long a, long b) {
		long x = a, y = b;
		while (y != 0) {
			long t = x % y;
			x = y;
			y = t;
		}
		return a / x * b;
	}
}

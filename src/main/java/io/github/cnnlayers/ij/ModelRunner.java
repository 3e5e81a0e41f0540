package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.InMemoryRegions;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.NotTileableException;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.ReflectedSource;
import io.github.cnnlayers.network.Region;
import io.github.cnnlayers.network.RegionSource;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.SizeFit;
import io.github.cnnlayers.network.TilePlan;
import io.github.cnnlayers.network.TiledRun;
import io.github.cnnlayers.network.Tiling;

/**
 * Runs a trained network ({@link NetworkModel}) over an ImageJ image, as the command Run Network... does:
 * the image's channels (RGB: R, G, B) are the model input's C, every (z, t) is one sample; an image size the
 * network cannot take (a U-Net needs multiples of 2^depth) is padded by reflection at the right and bottom to
 * the next size it takes, and the output cropped back. An output that is a vector per sample (a
 * classifier's scores) is returned as rows; any other becomes a new 32-bit image {@code <title>-network}.
 */
public final class ModelRunner {

	/** The title suffix of results */
	public static final String SUFFIX = "network";

	/** What a run made. */
	public static final class Result {

		private final ImagePlus image;
		private final float[][] rows;
		private final String note;
		private final long peakBytes;

		Result(final ImagePlus image, final float[][] rows, final String note, final long peakBytes) {
			this.image = image;
			this.rows = rows;
			this.note = note;
			this.peakBytes = peakBytes;
		}

		/** @return the most bytes of tensors one sample held at once (the network's plan: inputs, intermediates, working memory) */
		public long peakBytes() {
			return peakBytes;
		}

		/** @return the new image, or {@code null} for a vector output */
		public ImagePlus image() {
			return image;
		}

		/** @return for a vector output, one row of K scores per sample; else {@code null} */
		public float[][] rows() {
			return rows;
		}

		/** @return what the run did beyond the plain case (the padding), or {@code null} */
		public String note() {
			return note;
		}
	}

	private ModelRunner() {}

	/**
	 * As {@link #run(ImagePlus, NetworkModel, String, boolean, Tiling, NetworkImages.Progress, BooleanSupplier)} with
	 * {@link Tiling#AUTO}: the whole image when it fits in free memory, else tiles.
	 */
	public static Result run(final ImagePlus imp, final NetworkModel model, final String output, final boolean allPlanes,
		final NetworkImages.Progress progress, final BooleanSupplier cancelled)
	{
		return run(imp, model, output, allPlanes, Tiling.AUTO, progress, cancelled);
	}

	/**
	 * @param imp the source, never changed
	 * @param model the model
	 * @param output one of its outputs
	 * @param allPlanes every (z, t); else the current one only
	 * @param tiling whole, tiles of N x N, or auto (tiles only when the whole image does not fit in free memory)
	 * @param progress told after each layer (or, tiled, each tile); may be {@code null}
	 * @param cancelled asked before each layer; may be {@code null}
	 * @return the result
	 * @throws IllegalArgumentException when the image does not fit the model (channels named both ways), the
	 *         model holds something unsupported, tiles of N were asked of a network that cannot be tiled exactly
	 *         (naming the node and why), or the memory it needs is not free
	 * @throws CancellationException when {@code cancelled} said so; nothing is made
	 */
	public static Result run(final ImagePlus imp, final NetworkModel model, final String output, final boolean allPlanes,
		final Tiling tiling, final NetworkImages.Progress progress, final BooleanSupplier cancelled)
	{
		if (!model.outputs().contains(output))
			throw new IllegalArgumentException("The model has no output \"" + output + "\"; allowed: " + String.join(", ", model.outputs()));
		if (model.takesVolumes())
			return runVolumes(imp, model, output, allPlanes, tiling, progress, cancelled);
		final Shape in = NetworkImages.sampleShape(imp);
		if (model.inputChannels() >= 0 && model.inputChannels() != in.channels())
			throw new IllegalArgumentException("The model takes " + model.inputChannels() + " channel" + (model.inputChannels() == 1 ? "" : "s") +
				", but the image has " + in.channels() + " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any " +
				"other image 1)");
		final SizeFit fitted = SizeFit.of(model, in);
		final Shape run = fitted.input();
		final long[] fit = { run.width(), run.height() };
		final int padRight = (int) (fit[0] - in.width()), padBottom = (int) (fit[1] - in.height());
		final boolean padded = padRight > 0 || padBottom > 0;
		final Network network = fitted.network();
		final Network.Plan plan = fitted.plan();
		final Shape out = plan.shapes().get(output);
		final long outWidth = padded ? Math.round((double) out.width() * in.width() / fit[0]) : out.width();
		final long outHeight = padded ? Math.round((double) out.height() * in.height() / fit[1]) : out.height();
		final Shape kept = new Shape(out.channels(), outWidth, outHeight);
		final int[] zs = allPlanes ? range(imp.getNSlices()) : new int[] { imp.getZ() };
		final int[] ts = allPlanes ? range(imp.getNFrames()) : new int[] { imp.getT() };
		final int samples = zs.length * ts.length;
		final double wholeBytes = HeapBudget.forRun((double) out.bytes() * samples,
			(double) plan.peakBytes() + (padded ? run.bytes() + out.bytes() : 0));
		final TilePlan tiles = tiles(model, network, run, in, output, kept, samples, tiling, wholeBytes);
		if (tiles == null)
			HeapBudget.require(wholeBytes, "The network's tensors (" + HeapBudget.megabytes(plan.peakBytes()) + " at most per sample, " +
				"counted twice for the garbage collector's room) and its result (" + samples + " x " + out + ", 32-bit)",
				tiling.whole() ? "run it in tiles of less memory with the same result (tile=auto or tile=N)" : "process fewer planes");
		else
			HeapBudget.require(tiledBytes(in, kept, samples, tiles), "Tiles of " + tileText(tiles) + " (" +
				HeapBudget.megabytes(tiles.tilePeakBytes()) + " each, counted twice for the garbage collector's room), the input as " +
				"32-bit and the result (" + samples + " x " + kept + ")", tiling.auto() ? "process fewer planes" :
					"use a smaller tile=N or tile=auto");
		final Operation pad = Operation.of(Pad.of(PadMode.REFLECT, 0, padBottom, 0, padRight, 0), "Pad");
		final Operation crop = Operation.of(Pad.of(PadMode.ZERO, 0, (int) (outHeight - out.height()), 0, (int) (outWidth - out.width()), 0),
			"Crop");
		final List<FeatureMaps> results = new ArrayList<>(samples);
		int s = 0;
		for (final int t : ts)
			for (final int z : zs) {
				final int sample = ++s;
				final FeatureMaps x = NetworkImages.sample(imp, z, t);
				if (tiles != null) {
					final InMemoryRegions result = new InMemoryRegions(FeatureMaps.zeros(kept));
					final RegionSource source = padded ? new ReflectedSource(new InMemoryRegions(x), fit[0], fit[1]) : new InMemoryRegions(x);
					TiledRun.run(tiles, source, result, new Region(0, 0, outWidth, outHeight), 1, new TiledRun.Progress() {

						@Override
						public void tileDone(final int done, final int total) {
							if (progress != null)
								progress.tile(sample, samples, done, total);
						}

						@Override
						public boolean cancelled() {
							return cancelled != null && cancelled.getAsBoolean();
						}
					});
					results.add(result.values());
					continue;
				}
				final Map<String, FeatureMaps> r = network.run(Collections.singletonList(padded ? apply(pad, x) : x), new Network.Progress() {

					@Override
					public void nodeDone(final int done, final int total, final Network.Node node) {
						if (progress != null)
							progress.step(sample, samples, done, total);
					}

					@Override
					public boolean cancelled() {
						return cancelled != null && cancelled.getAsBoolean();
					}
				});
				results.add(padded ? apply(crop, r.get(output)) : r.get(output));
			}
		String note = padded ? model.source() + " takes " + fit[0] + " x " + fit[1] + " here, not " + in.width() + " x " + in.height() +
			": the image was padded by reflection at the right and bottom and the output cropped back" : null;
		if (tiles != null) {
			note = note == null ? model.source() + " was " + tiledText(tiles) : note + "; " + tiledText(tiles);
		}
		final long peak = tiles == null ? plan.peakBytes() : tiles.tilePeakBytes();
		if (model.isVector(output)) {
			final float[][] rows = new float[samples][];
			for (int i = 0; i < samples; i++) {
				final FeatureMaps f = results.get(i);
				rows[i] = new float[f.shape().channels()];
				for (int c = 0; c < rows[i].length; c++)
					rows[i][c] = f.plane(c)[0];
			}
			return new Result(null, rows, note, peak);
		}
		final ImagePlus source = allPlanes ? imp : new ImagePlus(imp.getTitle(), imp.getProcessor());
		source.setCalibration(imp.getCalibration());
		return new Result(NetworkImages.image(source, results, SUFFIX), null, note, peak);
	}

	/**
	 * A 3D network: Z is the depth, every t one sample (all frames, or the current one), the image's channels C; the
	 * output [N, K, D, H, W] becomes T = N, C = K, Z = D, the voxel size scaled. A size the network cannot take is padded to
	 * the next one it takes ({@link SizeFit}) and the output cropped back. Tiles, as for planes, are boxes of N x N x N
	 * voxels (the depth at most the volume's), the result equal to the whole volume's.
	 */
	private static Result runVolumes(final ImagePlus imp, final NetworkModel model, final String output, final boolean allPlanes,
		final Tiling tiling, final NetworkImages.Progress progress, final BooleanSupplier cancelled)
	{
		final Shape in = NetworkImages.volumeShape(imp);
		if (model.inputChannels() >= 0 && model.inputChannels() != in.channels())
			throw new IllegalArgumentException("The model takes " + model.inputChannels() + " channel" + (model.inputChannels() == 1 ? "" : "s") +
				", but the image has " + in.channels() + " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any " +
				"other image 1)");
		final SizeFit fitted;
		try {
			fitted = SizeFit.of(model, in);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(model.source() + " (a 3D network: Z is its depth) cannot take " + in +
				" (C x D x H x W): " + e.getMessage(), e);
		}
		final Network network = fitted.network();
		final Network.Plan plan = fitted.plan();
		final Shape out = plan.shapes().get(output);
		if (model.isVector(output))
			throw new IllegalArgumentException("The 3D network's output \"" + output + "\" is a vector per sample; supported: volumes");
		final int[] ts = allPlanes ? range(imp.getNFrames()) : new int[] { imp.getT() };
		final Shape kept = fitted.kept(out);
		final double wholeBytes = HeapBudget.forRun((double) kept.bytes() * ts.length,
			(double) plan.peakBytes() + (fitted.padded() ? fitted.input().bytes() + out.bytes() : 0));
		final TilePlan tiles = tiles(model, network, fitted.input(), fitted.input(), output, kept, ts.length, tiling, wholeBytes);
		if (tiles == null)
			HeapBudget.require(wholeBytes, "The network's tensors (" + HeapBudget.megabytes(plan.peakBytes()) + " at most per sample, " +
				"counted twice for the garbage collector's room) and its result (" + ts.length + " x " + out + ", 32-bit)",
				tiling.whole() ? "run it in tiles of less memory with the same result (tile=auto or tile=N)" : "process fewer frames");
		else
			HeapBudget.require(tiledBytes(fitted.input(), kept, ts.length, tiles), "Tiles of " + tileText(tiles) + " (" +
				HeapBudget.megabytes(tiles.tilePeakBytes()) + " each), the input as 32-bit and the result (" + ts.length + " x " + kept + ")");
		final List<FeatureMaps> results = new ArrayList<>(ts.length);
		int s = 0;
		for (final int t : ts) {
			final int sample = ++s;
			if (tiles != null) {
				final InMemoryRegions result = new InMemoryRegions(FeatureMaps.zeros(kept));
				TiledRun.run(tiles, new InMemoryRegions(fitted.reflect(NetworkImages.volumeSample(imp, t))), result, new Region(0, 0, 0,
					kept.width(), kept.height(), kept.depth()), 1, new TiledRun.Progress() {

						@Override
						public void tileDone(final int done, final int total) {
							if (progress != null)
								progress.tile(sample, ts.length, done, total);
						}

						@Override
						public boolean cancelled() {
							return cancelled != null && cancelled.getAsBoolean();
						}
					});
				results.add(result.values());
				continue;
			}
			final Map<String, FeatureMaps> r = network.run(Collections.singletonList(fitted.reflect(NetworkImages.volumeSample(imp, t))),
				new Network.Progress() {

				@Override
				public void nodeDone(final int done, final int total, final Network.Node node) {
					if (progress != null)
						progress.step(sample, ts.length, done, total);
				}

				@Override
				public boolean cancelled() {
					return cancelled != null && cancelled.getAsBoolean();
				}
			});
			results.add(fitted.crop(r.get(output)));
		}
		final Shape run = fitted.input();
		String note = fitted.padded() ? model.source() + " takes " + run.width() + " x " + run.height() + " x " + run.depth() +
			" (W x H x D) here, not " + in.width() + " x " + in.height() + " x " + in.depth() + ": the volume was padded by reflection " +
			"at the right, bottom and last slices and the output cropped back" : null;
		if (tiles != null)
			note = note == null ? model.source() + " was " + tiledText(tiles) : note + "; " + tiledText(tiles);
		return new Result(NetworkImages.volumeImage(imp, results, SUFFIX), null, note, tiles == null ? plan.peakBytes() : tiles.tilePeakBytes());
	}

	/**
	 * @return the tiles to run, or {@code null} for the whole image: tile=0; auto when the whole image's run fits in
	 *         free memory ({@link HeapBudget#forRun}), or the network cannot be tiled exactly, or no tile fits either
	 * @throws NotTileableException for tile=N on a network that cannot be tiled exactly
	 */
	private static TilePlan tiles(final NetworkModel model, final Network network, final Shape run, final Shape in, final String output,
		final Shape kept, final int samples, final Tiling tiling, final double wholeBytes)
	{
		if (tiling.whole())
			return null;
		if (!tiling.auto())
			try {
				return TilePlan.of(model, network, run, output, tiling.size(), tiling.size());
			}
			catch (final NotTileableException e) {
				throw new NotTileableException("tile=" + tiling + " cannot be used: " + e.getMessage());
			}
		final long free = HeapBudget.freeFor(wholeBytes);
		if (wholeBytes <= free) // the rule the whole run's check applies
			return null;
		final long[] a;
		try {
			a = TilePlan.alignment(network, run);
		}
		catch (final NotTileableException e) {
			return null; // auto runs whole; its memory check says what is missing
		}
		// the largest tile (a multiple of the alignment) whose run fits in free memory by the rule its check applies
		long lo = 1, hi = (Math.max(Math.max(run.width(), run.height()), run.depth()) + a[0] - 1) / a[0];
		TilePlan best = null;
		while (lo <= hi) {
			final long mid = (lo + hi) / 2;
			final long side = Math.max(Tiling.MINIMUM, mid * a[0]);
			final TilePlan p = TilePlan.of(model, network, run, output, side, side);
			if (tiledBytes(in, kept, samples, p) <= free) {
				best = p;
				lo = mid + 1;
			}
			else
				hi = mid - 1;
		}
		return best;
	}

	/** @return the tiles' size, e.g. "64 x 64", or for volumes "64 x 64 x 16" (W x H x D) */
	private static String tileText(final TilePlan tiles) {
		return tiles.tileSize(0) + " x " + tiles.tileSize(1) + (tiles.input().isVolume() ? " x " + tiles.tileSize(2) : "");
	}

	/** @return what a tiled run did, for the Log */
	private static String tiledText(final TilePlan tiles) {
		final boolean volume = tiles.input().isVolume();
		return "run in " + tiles.tiles().size() + " tiles of " + tileText(tiles) + (volume ? " (W x H x D)" : "") + " (origins on multiples of " +
			tiles.alignment(0) + " x " + tiles.alignment(1) + (volume ? " x " + tiles.alignment(2) : "") + ", the result equal to the whole " +
			(volume ? "volume's)" : "image's)");
	}

	/** @return the bytes the input (as 32-bit) and the result hold besides the tiles */
	private static double inputAndResult(final Shape in, final Shape kept, final int samples) {
		return (double) in.bytes() + (double) kept.bytes() * samples;
	}

	private static double tiledBytes(final Shape in, final Shape kept, final int samples, final TilePlan tiles) {
		return HeapBudget.forRun(inputAndResult(in, kept, samples), tiles.tilePeakBytes());
	}

	/**
	 * @param source the image the rows came from, for the title and calibration's unit
	 * @param rows a vector output's rows, one per sample ({@link Result#rows()})
	 * @return a 32-bit image {@code <title>-network} of K x N pixels: row n holds sample n's K scores, as the
	 *         pipeline saves a classifier's output (the menu command fills the Results table instead)
	 */
	public static ImagePlus rowsImage(final ImagePlus source, final float[][] rows) {
		final int k = rows[0].length;
		final float[] px = new float[k * rows.length];
		for (int n = 0; n < rows.length; n++)
			System.arraycopy(rows[n], 0, px, n * k, k);
		final ImagePlus imp = new ImagePlus(ResultImages.title(source.getTitle(), SUFFIX), new ij.process.FloatProcessor(k, rows.length, px));
		ResultImages.resetDisplay(imp);
		return imp;
	}

	private static FeatureMaps apply(final Operation op, final FeatureMaps x) {
		final FeatureMaps y = FeatureMaps.zeros(op.outputShape(Collections.singletonList(x.shape())));
		op.compute(Collections.singletonList(x), y);
		return y;
	}

	private static int[] range(final int n) {
		final int[] r = new int[n];
		for (int i = 0; i < n; i++)
			r[i] = i + 1;
		return r;
	}
}

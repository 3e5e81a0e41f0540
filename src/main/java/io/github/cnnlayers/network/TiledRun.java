package io.github.cnnlayers.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.parallel.Parallelization;

/**
 * Runs a network over one sample tile by tile ({@link TilePlan}): each tile's input region is read from a
 * {@link RegionSource}, run through the network built for its shape, and its core written to a
 * {@link RegionSink} (a volume's tiles are boxes of planes). The result equals the whole image's bit for bit; at once it holds one tile's tensors per
 * tile running, besides what the source and sink hold.
 */
public final class TiledRun {

	/** Progress and cancellation over tiles. */
	public interface Progress {

		/**
		 * Called after each tile.
		 *
		 * @param done tiles written so far
		 * @param total tiles in all
		 */
		void tileDone(int done, int total);

		/** @return whether the run must stop (checked before each tile and each node) */
		default boolean cancelled() {
			return false;
		}
	}

	private TiledRun() {}

	/**
	 * @param plan the tiles
	 * @param source the (fitted) input, of the plan's input shape
	 * @param sink takes the output's regions within {@code keep}
	 * @param keep the part of the output to write (the whole output, or less when the input was padded to fit)
	 * @param parallelTiles tiles run at once, each single-threaded, when &gt; 1; else one tile at a time, each
	 *        layer using every thread
	 * @param progress told after each tile; may be {@code null}
	 * @throws CancellationException when progress asked to stop; what the sink got is incomplete
	 * @throws IllegalArgumentException when the source is not of the plan's input shape
	 */
	public static void run(final TilePlan plan, final RegionSource source, final RegionSink sink, final Region keep, final int parallelTiles,
		final Progress progress)
	{
		if (!source.shape().equals(plan.input()))
			throw new IllegalArgumentException("The source is " + source.shape() + ", but the plan is for " + plan.input());
		final List<TilePlan.Tile> tiles = new ArrayList<>();
		for (final TilePlan.Tile t : plan.tiles())
			if (clip(t.core(), keep) != null)
				tiles.add(t);
		final AtomicInteger done = new AtomicInteger();
		final AtomicBoolean stop = new AtomicBoolean();
		final Network.Progress nodes = new Network.Progress() {

			@Override
			public void nodeDone(final int d, final int total, final Network.Node node) {}

			@Override
			public boolean cancelled() {
				if (!stop.get() && progress != null && progress.cancelled())
					stop.set(true);
				return stop.get();
			}
		};
		if (parallelTiles <= 1) {
			for (final TilePlan.Tile t : tiles) {
				if (nodes.cancelled())
					throw new CancellationException("stopped after " + done.get() + " of " + tiles.size() + " tiles");
				runTile(plan, t, source, sink, keep, nodes);
				if (progress != null)
					progress.tileDone(done.incrementAndGet(), tiles.size());
			}
			return;
		}
		final ExecutorService pool = Executors.newFixedThreadPool(parallelTiles);
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (final TilePlan.Tile t : tiles)
				futures.add(pool.submit(() -> {
					if (nodes.cancelled())
						throw new CancellationException("stopped after " + done.get() + " of " + tiles.size() + " tiles");
					Parallelization.runSingleThreaded(() -> runTile(plan, t, source, sink, keep, nodes));
					if (progress != null)
						progress.tileDone(done.incrementAndGet(), tiles.size());
				}));
			for (final Future<?> f : futures)
				try {
					f.get();
				}
				catch (final ExecutionException e) {
					stop.set(true);
					final Throwable cause = e.getCause();
					if (cause instanceof RuntimeException)
						throw (RuntimeException) cause;
					if (cause instanceof Error)
						throw (Error) cause;
					throw new IllegalStateException(cause);
				}
				catch (final InterruptedException e) {
					stop.set(true);
					Thread.currentThread().interrupt();
					throw new CancellationException("interrupted");
				}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void runTile(final TilePlan plan, final TilePlan.Tile t, final RegionSource source, final RegionSink sink,
		final Region keep, final Network.Progress nodes)
	{
		final FeatureMaps in = source.read(t.input());
		final FeatureMaps out = plan.network(t).run(Collections.singletonList(in), nodes).get(plan.outputName());
		final Region core = clip(t.core(), keep);
		sink.write(new Region(core.x() - keep.x(), core.y() - keep.y(), core.z() - keep.z(), core.width(), core.height(), core.depth()),
			InMemoryRegions.copy(out, new Region(t.coreX() + core.x() - t.core().x(), t.coreY() + core.y() - t.core().y(),
				t.coreZ() + core.z() - t.core().z(), core.width(), core.height(), core.depth())));
	}

	/** @return the part of {@code r} inside {@code keep}, or null when none */
	private static Region clip(final Region r, final Region keep) {
		final long[] start = new long[TilePlan.AXES], size = new long[TilePlan.AXES];
		for (int a = 0; a < TilePlan.AXES; a++) {
			start[a] = Math.max(r.start(a), keep.start(a));
			size[a] = Math.min(r.start(a) + r.size(a), keep.start(a) + keep.size(a)) - start[a];
			if (size[a] < 1)
				return null;
		}
		return Region.of(start, size);
	}
}

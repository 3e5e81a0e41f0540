package io.github.cnnlayers.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Collections;
import java.util.Locale;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.InMemoryRegions;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Region;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.TilePlan;
import io.github.cnnlayers.network.TiledRun;
import io.github.cnnlayers.network.UNets;

/**
 * Throughput and peak heap of a U-Net over one image: whole, in tiles one at a time (each layer on every
 * thread), or in tiles several at once (each single-threaded). Run one mode per JVM (bench/tiling), so each
 * peak is its own. Usage: {@code TilingBenchmark MODE SIDE TILE DEPTH FEATURES [RUNS]}, MODE whole|tiles|parallel.
 */
public final class TilingBenchmark {

	private TilingBenchmark() {}

	/**
	 * @param args mode, side, tile, depth, features, runs
	 */
	public static void main(final String[] args) {
		final String mode = args[0];
		final int side = Integer.parseInt(args[1]), tile = Integer.parseInt(args[2]), depth = Integer.parseInt(args[3]);
		final int features = Integer.parseInt(args[4]), runs = args.length > 5 ? Integer.parseInt(args[5]) : 2;
		final NetworkModel model = UNets.model(depth, features, 1, UNets.Up.TRANSPOSED, BorderMode.ZERO);
		final Shape shape = new Shape(1, side, side);
		final FeatureMaps in = UNets.image(1, side, side, 1);
		final int threads = Runtime.getRuntime().availableProcessors();
		double best = Double.MAX_VALUE;
		long peak = 0;
		String what = "";
		for (int r = 0; r <= runs; r++) { // run 0 warms up
			System.gc();
			for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
				if (pool.getType() == MemoryType.HEAP)
					pool.resetPeakUsage();
			final long start = System.nanoTime();
			if (mode.equals("whole")) {
				model.network(shape).run(Collections.singletonList(in), null);
				what = "whole";
			}
			else {
				final TilePlan plan = TilePlan.of(model, model.network(shape), shape, "out", tile);
				final InMemoryRegions out = new InMemoryRegions(FeatureMaps.zeros(plan.output()));
				final int parallel = mode.equals("parallel") ? threads : 1;
				TiledRun.run(plan, new InMemoryRegions(in), out, new Region(0, 0, side, side), parallel, null);
				what = plan.tiles().size() + " tiles of " + plan.tileSize(0) + (parallel > 1 ? ", " + parallel + " at once" : ", one at a time") +
					", planned " + plan.tilePeakBytes() / 1000000 + " MB each";
			}
			final double seconds = (System.nanoTime() - start) / 1e9;
			long used = 0;
			for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
				if (pool.getType() == MemoryType.HEAP)
					used += pool.getPeakUsage().getUsed();
			if (r > 0) {
				best = Math.min(best, seconds);
				peak = Math.max(peak, used);
			}
		}
		System.out.println(String.format(Locale.ROOT, "%d x %d, depth %d, %d features, %d threads, %s: %.2f s, %.2f Mpx/s, peak heap %d MB",
			side, side, depth, features, threads, what, best, (double) side * side / 1e6 / best, peak >> 20));
	}
}

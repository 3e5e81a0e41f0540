package io.github.cnnlayers.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.ij.ModelRunner;
import io.github.cnnlayers.ij.NetworkImages;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.network.UNets;

/**
 * Issue 18's large image: Run Network (tile=auto) of a depth-3, 16-feature U-Net over a SIDE x SIDE 8-bit image in
 * whatever heap the JVM was given (bench/tiling-large runs it with -Xmx3g); prints the plan, progress every tenth
 * of the tiles, the time and the peak heap. Usage: {@code LargeImageRun [SIDE]} (default 12000).
 */
public final class LargeImageRun {

	private LargeImageRun() {}

	/** @param args the side */
	public static void main(final String[] args) {
		final int side = args.length > 0 ? Integer.parseInt(args[0]) : 12000;
		final byte[] px = new byte[side * side];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) (128 + 100 * Math.sin(i % side * 0.05) * Math.cos(i / side * 0.03) + i % 23);
		final ImagePlus imp = new ImagePlus("large", new ByteProcessor(side, side, px));
		final long start = System.nanoTime();
		final ModelRunner.Result r = ModelRunner.run(imp, UNets.model(3, 16, 1, UNets.Up.TRANSPOSED, BorderMode.ZERO), "out", false,
			Tiling.AUTO, new NetworkImages.Progress() {

				@Override
				public void step(final int sample, final int samples, final int node, final int nodes) {}

				@Override
				public void tile(final int sample, final int samples, final int tile, final int tiles) {
					if (tile * 10 / tiles != (tile - 1) * 10 / tiles)
						System.out.println(String.format(Locale.ROOT, "tile %d of %d, %.0f s", tile, tiles, (System.nanoTime() - start) / 1e9));
				}
			}, null);
		final double seconds = (System.nanoTime() - start) / 1e9;
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP)
				peak += pool.getPeakUsage().getUsed();
		System.out.println(r.note());
		System.out.println(String.format(Locale.ROOT, "%d x %d 8-bit, max heap %d MB: %.0f s, %.2f Mpx/s, peak heap %d MB, result %d x %d x %d",
			side, side, Runtime.getRuntime().maxMemory() >> 20, seconds, (double) side * side / 1e6 / seconds, peak >> 20, r.image().getWidth(),
			r.image().getHeight(), r.image().getStackSize()));
	}
}

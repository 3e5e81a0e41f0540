package io.github.cnnlayers.bench;

import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.cnnlayers.core.Conv3D;
import io.github.cnnlayers.core.ConvWeights3D;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.onnx.OnnxModel;
import io.github.cnnlayers.onnx.OnnxNetworks;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Time of 3D work on 1 and 2 threads (bench/volumes, against bench/torch_volumes.py): a Conv3D 3x3x3 32 -> 32 (padding 1)
 * on 64 x 256 x 256 (D x H x W), and the ONNX 3D U-Net fixture (unet3d_transposed.onnx, 2 -> 4 -> 8 features) on
 * 2 x 64 x 128 x 128. Usage: {@code Volume3DBenchmark [RUNS]}; prints the best of RUNS per case.
 */
public final class Volume3DBenchmark {

	private Volume3DBenchmark() {}

	/** @param args runs (default 2) */
	public static void main(final String[] args) throws Exception {
		final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
		final Random random = new Random(1);
		final float[] w = new float[32 * 32 * 27];
		for (int i = 0; i < w.length; i++)
			w[i] = (float) random.nextGaussian() * 0.05f;
		final Conv3D conv = Conv3D.learned(new ConvWeights3D(w, 32, 32, PerAxis3D.of(3), new float[32], "bench")).padding(PerAxis3D.of(1))
			.build();
		final FeatureMaps x = random(Shape.volume(32, 256, 256, 64), random);
		final FeatureMaps y = FeatureMaps.zeros(Shape.volume(32, 256, 256, 64));
		final double flops = 2.0 * 27 * 32 * 32 * 64 * 256 * 256;
		final Network unet = OnnxNetworks.load(OnnxModel.read(Paths.get("src/test/resources/onnx/networks3d/unet3d_transposed.onnx")),
			Shape.volume(2, 128, 128, 64)).network();
		final FeatureMaps u = random(Shape.volume(2, 128, 128, 64), random);
		for (final int threads : new int[] { 1, 2 }) {
			final List<RandomAccessibleInterval<FloatType>> in = x.volumes(), out = y.volumes();
			final double convTime = best(runs, threads, () -> conv.compute(in, out));
			System.out.println(String.format(Locale.ROOT, "Conv3D 3x3x3 32->32 on 64x256x256, %d thread(s): %.2f s, %.1f GFLOP/s", threads,
				convTime, flops / convTime / 1e9));
			final double unetTime = best(runs, threads, () -> unet.run(Collections.singletonList(u), null));
			System.out.println(String.format(Locale.ROOT, "3D U-Net (unet3d_transposed) on 2x64x128x128, %d thread(s): %.2f s", threads,
				unetTime));
		}
	}

	private static FeatureMaps random(final Shape shape, final Random random) {
		final FeatureMaps f = FeatureMaps.zeros(shape);
		for (int c = 0; c < shape.channels(); c++)
			for (int i = 0; i < shape.channelSize(); i++)
				f.plane(c)[i] = (float) random.nextGaussian();
		return f;
	}

	private static double best(final int runs, final int threads, final Runnable task) {
		double best = Double.MAX_VALUE;
		for (int r = 0; r < runs; r++) {
			final long t0 = System.nanoTime();
			Parallelization.runWithNumThreads(threads, task);
			best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		return best;
	}
}

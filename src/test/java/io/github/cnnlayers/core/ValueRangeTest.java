package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import ij.process.FloatProcessor;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutors;

/** {@link ValueRange} against ImageJ's own {@code FloatProcessor.findMinAndMax}. */
class ValueRangeTest {

	/** ImageJ's answer: the processor's min and max after its own scan. */
	private static float[] imagej(final float[] values, final int w, final int h) {
		final FloatProcessor ip = new FloatProcessor(w, h, values.clone());
		ip.resetMinAndMax();
		return new float[] { (float) ip.getMin(), (float) ip.getMax() };
	}

	@Test
	void equalsImageJsScanOnRandomPlanesOfAnySize() {
		final Random r = new Random(11);
		// sizes below, at and across the block size; both ends of the plane matter
		final int[][] sizes = { { 1, 1 }, { 7, 3 }, { 1024, 1 }, { 1025, 1 }, { 33, 65 }, { 2048, 17 }, { 301, 299 } };
		for (final int[] s : sizes) {
			final float[] v = new float[s[0] * s[1]];
			for (int i = 0; i < v.length; i++)
				v[i] = (float) (r.nextGaussian() * 1000);
			v[v.length - 1] = 5e6f; // the max in the tail
			v[0] = -7e5f; // the min first
			assertArrayEquals(imagej(v, s[0], s[1]), ValueRange.finite(v), s[0] + " x " + s[1]);
		}
	}

	@Test
	void sameAnswerOnOneThreadAndOnSeveral() throws Exception {
		final float[] v = new float[1000 * 999];
		final Random r = new Random(3);
		for (int i = 0; i < v.length; i++)
			v[i] = r.nextFloat() - 0.5f;
		v[777_777] = 42f;
		v[12_345] = -42f;
		final ExecutorService service = Executors.newFixedThreadPool(3);
		try {
			final float[][] got = new float[2][];
			Parallelization.runSingleThreaded(() -> got[0] = ValueRange.finite(v));
			Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(service, 3),
				() -> got[1] = ValueRange.finite(v));
			assertArrayEquals(new float[] { -42f, 42f }, got[0]);
			assertArrayEquals(got[0], got[1]);
		}
		finally {
			service.shutdown();
		}
	}

	@Test
	void constantAndExtremeFinitePlanes() {
		assertArrayEquals(new float[] { 3f, 3f }, ValueRange.finite(new float[] { 3f, 3f, 3f }));
		assertArrayEquals(new float[] { -Float.MAX_VALUE, Float.MAX_VALUE },
			ValueRange.finite(new float[] { Float.MAX_VALUE, 0f, -Float.MAX_VALUE }));
		assertArrayEquals(new float[] { Float.MIN_VALUE, Float.MIN_VALUE }, ValueRange.finite(new float[] { Float.MIN_VALUE }));
	}

	@Test
	void nanOrInfinityAnywhereLeavesTheScanToImageJ() {
		for (final float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY })
			for (final int at : new int[] { 0, 1023, 1024, 5000, 5119 }) { // in a block, at its edges, in the tail
				final float[] v = new float[5120];
				for (int i = 0; i < v.length; i++)
					v[i] = i % 97;
				v[at] = bad;
				assertNull(ValueRange.finite(v), bad + " at " + at);
			}
		assertNull(ValueRange.finite(new float[0]));
	}

	@Test
	void layersFindTheRangeOfWhatTheyWriteAsTheyWriteIt() throws Exception {
		final int w = 517, h = 301;
		final float[] in = new float[w * h];
		final Random r = new Random(8);
		for (int i = 0; i < in.length; i++)
			in[i] = (float) (r.nextGaussian() * 50);
		final PlaneLayer[] layers = { Conv2D.perPlane(Kernel.parse("1 -2 1\n2 4 2\n-1 0 3")).padding(1).bias(0.5).build(),
			Conv2D.perPlane(Kernel.parse("1 2 3 4 5")).stride(2).padding(0, 2).border(BorderMode.REFLECT).build(),
			new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false), new Pool2D(PoolingMode.MIN, 3, 2, 1, true, false),
			new Pool2D(PoolingMode.AVERAGE, 3, 3, 1, false, true) };
		final ExecutorService service = Executors.newFixedThreadPool(2);
		try {
			for (final PlaneLayer layer : layers)
				for (final boolean twoThreads : new boolean[] { false, true }) {
					final long[] size = layer.outputSize(w, h);
					final float[] plain = new float[(int) (size[0] * size[1])];
					final float[] ranged = new float[plain.length];
					final float[][] got = new float[1][];
					final Runnable run = () -> {
						layer.compute(net.imglib2.img.array.ArrayImgs.floats(in, w, h),
							net.imglib2.img.array.ArrayImgs.floats(plain, size[0], size[1]));
						got[0] = layer.computeWithRange(net.imglib2.img.array.ArrayImgs.floats(in, w, h),
							net.imglib2.img.array.ArrayImgs.floats(ranged, size[0], size[1]));
					};
					if (twoThreads)
						Parallelization.runWithExecutor(TaskExecutors.forExecutorServiceAndNumThreads(service, 2), run);
					else
						Parallelization.runSingleThreaded(run);
					final String what = layer.getClass().getSimpleName() + (twoThreads ? ", 2 threads" : "");
					assertArrayEquals(plain, ranged, what);
					assertArrayEquals(imagej(plain, (int) size[0], (int) size[1]), got[0], what);
				}
			// a NaN in the input reaches the output: no range, ImageJ decides
			in[w * 100 + 50] = Float.NaN;
			final long[] size = layers[0].outputSize(w, h);
			assertNull(layers[0].computeWithRange(net.imglib2.img.array.ArrayImgs.floats(in, w, h),
				net.imglib2.img.array.ArrayImgs.floats(size[0], size[1])));
			// an 8-bit target is not a float array: no range
			assertNull(layers[2].computeWithRange(net.imglib2.img.array.ArrayImgs.unsignedBytes(new byte[w * h], w, h),
				net.imglib2.img.array.ArrayImgs.unsignedBytes(layers[2].outputSize(w, h))));
		}
		finally {
			service.shutdown();
		}
	}

	@Test
	void aZeroBoundHasTheSignOfThePlanesFirstZeroAsInImageJ() {
		final float[][] planes = { { 0f, -0f, 5f }, { -0f, 0f, 5f }, { 5f, -0f, 0f }, { -3f, -0f, 0f }, { -3f, 0f, -0f },
			{ 7f, 2f, -0f } };
		for (final float[] p : planes) {
			final float[] v = new float[3000]; // across blocks: the zeros come last
			java.util.Arrays.fill(v, p[0]);
			v[2998] = p[1];
			v[2999] = p[2];
			// bit for bit: assertArrayEquals on floats tells -0.0 from 0.0
			assertArrayEquals(imagej(v, 3000, 1), ValueRange.finite(v), java.util.Arrays.toString(p));
			assertArrayEquals(imagej(p, 3, 1), ValueRange.finite(p), java.util.Arrays.toString(p));
		}
	}
}

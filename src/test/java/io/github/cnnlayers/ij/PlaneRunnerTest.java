package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;

class PlaneRunnerTest {

	private static final io.github.cnnlayers.core.Layer BLUR = (
		Conv2D.perPlane(Kernel.parse("1 2 1\n2 4 2\n1 2 1")).padding(1).border(BorderMode.REPLICATE).build());

	private static FloatProcessor plane(final int seed) {
		final FloatProcessor fp = new FloatProcessor(12, 9);
		for (int i = 0; i < 12 * 9; i++)
			fp.setf(i, (i * 31 + seed * 17) % 23);
		return fp;
	}

	private static ImagePlus fourPlanes() {
		final ImageStack stack = new ImageStack(12, 9);
		for (int i = 1; i <= 4; i++)
			stack.addSlice(plane(i));
		return new ImagePlus("s", stack);
	}

	@Test
	void virtualStacksAreReadPlaneByPlaneWithTheSameResult(@TempDir final Path dir) {
		final ImageStack memory = new ImageStack(12, 9);
		final VirtualStack virtual = new VirtualStack(12, 9, null, dir.toString() + File.separator);
		for (int i = 1; i <= 3; i++) {
			final FloatProcessor fp = plane(i);
			memory.addSlice("p" + i, fp);
			final String name = "p" + i + ".tif";
			assertTrue(new FileSaver(new ImagePlus(name, fp)).saveAsTiff(dir.resolve(name).toString()));
			virtual.addSlice(name);
		}
		final ImagePlus fromMemory = PlaneRunner.run(new ImagePlus("m", memory), true, BLUR, "blur", null, null);
		final ImagePlus fromDisk = PlaneRunner.run(new ImagePlus("v", virtual), true, BLUR, "blur", null, null);
		assertEquals(3, fromDisk.getStackSize());
		for (int i = 1; i <= 3; i++)
			assertArrayEquals((float[]) fromMemory.getStack().getPixels(i), (float[]) fromDisk.getStack().getPixels(i), "plane " + i);
	}

	@Test
	void progressIsToldPerPlaneAndCancelDiscardsTheResult() {
		final ImagePlus imp = fourPlanes();
		final List<String> progress = new ArrayList<>();
		final ImagePlus done = PlaneRunner.run(imp, true, BLUR, "test", (d, t) -> progress.add(d + "/" + t), () -> false);
		assertEquals(4, done.getStackSize());
		assertEquals("[1/4, 2/4, 3/4, 4/4]", progress.toString());
		final AtomicInteger asked = new AtomicInteger();
		// Esc after the second plane: no result at all (one thread: asked before each plane)
		assertNull(net.imglib2.parallel.Parallelization.runSingleThreaded(
			() -> PlaneRunner.run(imp, true, BLUR, "test", null, () -> asked.incrementAndGet() > 2)));
		assertEquals(3, asked.get());
	}

	@Test
	void escWhileTheLastGroupOfPlanesRunsDiscardsTheResult() {
		final ImagePlus imp = fourPlanes();
		final java.util.concurrent.ExecutorService service = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			// 4 threads: the 4 planes are one group; Esc pressed while it is computed
			final AtomicInteger asked = new AtomicInteger();
			assertNull(net.imglib2.parallel.Parallelization.runWithExecutor(
				net.imglib2.parallel.TaskExecutors.forExecutorServiceAndNumThreads(service, 4),
				() -> PlaneRunner.run(imp, true, BLUR, "test", null, () -> asked.incrementAndGet() > 1)));
			assertEquals(2, asked.get());
		}
		finally {
			service.shutdown();
		}
	}

	/** ImageJ's own display range for a result: each plane scanned by its resetMinAndMax, as before the fast path. */
	private static double[] imagejRange(final ImagePlus result, final int[] planes) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final int p : planes) {
			final ij.process.ImageProcessor ip = result.getStack().getProcessor(p).duplicate();
			ip.resetMinAndMax();
			min = Math.min(min, ip.getMin());
			max = Math.max(max, ip.getMax());
		}
		return new double[] { min, max };
	}

	private static FloatProcessor random(final int w, final int h, final long seed) {
		final java.util.Random r = new java.util.Random(seed);
		final FloatProcessor fp = new FloatProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			fp.setf(i, (float) (r.nextGaussian() * 100));
		return fp;
	}

	@Test
	void theResultsDisplayRangeIsImageJsMinAndMaxOfItsData() {
		// one plane, larger than a ValueRange block
		final ImagePlus one = PlaneRunner.run(new ImagePlus("one", random(1500, 700, 1)), false, BLUR, "b", null, null);
		assertArrayEquals(imagejRange(one, new int[] { 1 }), new double[] { one.getDisplayRangeMin(), one.getDisplayRangeMax() });
		final ij.process.ImageProcessor ip = one.getProcessor();
		assertArrayEquals(imagejRange(one, new int[] { 1 }), new double[] { ip.getMin(), ip.getMax() });
		// a NaN and an infinity: ImageJ's own scan decides
		final FloatProcessor bad = random(300, 200, 2);
		bad.setf(1234, Float.NaN);
		bad.setf(50_000, Float.POSITIVE_INFINITY);
		final ImagePlus withBad = PlaneRunner.run(new ImagePlus("bad", bad), false, BLUR, "b", null, null);
		assertArrayEquals(imagejRange(withBad, new int[] { 1 }),
			new double[] { withBad.getDisplayRangeMin(), withBad.getDisplayRangeMax() });
		// a stack: the range of all its planes
		final ImageStack stack = new ImageStack(400, 300);
		for (int i = 0; i < 3; i++)
			stack.addSlice(random(400, 300, 10 + i));
		stack.getProcessor(2).setf(7, 1e6f); // the max on the second plane
		final ImagePlus many = PlaneRunner.run(new ImagePlus("s", stack), true, BLUR, "b", null, null);
		assertArrayEquals(imagejRange(many, new int[] { 1, 2, 3 }),
			new double[] { many.getDisplayRangeMin(), many.getDisplayRangeMax() });
		// a zero bound: a 1 x 1 max pooling copies the plane, which holds 0 and -0 (the range found while writing)
		final io.github.cnnlayers.core.Layer copy = new io.github.cnnlayers.core.Pool2D(io.github.cnnlayers.core.PoolingMode.MAX,
			1, 1, 0, false, false);
		for (final float[] first : new float[][] { { -0f, 0f }, { 0f, -0f } }) {
			final FloatProcessor zeros = random(200, 100, 3);
			for (int i = 0; i < 200 * 100; i++)
				zeros.setf(i, Math.abs(zeros.getf(i)) + 1);
			zeros.setf(5000, first[0]);
			zeros.setf(9000, first[1]);
			final ImagePlus z = PlaneRunner.run(new ImagePlus("z", zeros), false, copy, "p", null, null);
			assertEquals(imagejRange(z, new int[] { 1 })[0], z.getDisplayRangeMin(), "first zero " + first[0]);
			assertEquals(first[0], (float) z.getDisplayRangeMin(), "first zero " + first[0]);
		}
		// an all-zero result keeps ImageJ's answer for it
		final ImagePlus zero = PlaneRunner.run(new ImagePlus("z", new FloatProcessor(64, 64)), false, BLUR, "b", null, null);
		assertArrayEquals(new double[] { 0, 0 }, new double[] { zero.getDisplayRangeMin(), zero.getDisplayRangeMax() });
	}

	@Test
	void eachChannelOfAMultiChannelResultShowsItsOwnRange() {
		final ij.process.ColorProcessor rgb = new ij.process.ColorProcessor(300, 200);
		final java.util.Random r = new java.util.Random(5);
		for (int i = 0; i < 300 * 200; i++)
			rgb.set(i, r.nextInt(1 << 24));
		rgb.set(17, 0xff0000); // red's max, green's and blue's min at one pixel
		final ImagePlus result = PlaneRunner.run(new ImagePlus("rgb", rgb), false, BLUR, "b", null, null);
		assertTrue(result instanceof ij.CompositeImage);
		final ij.CompositeImage ci = (ij.CompositeImage) result;
		for (int c = 1; c <= 3; c++) {
			ci.setC(c);
			assertArrayEquals(imagejRange(result, new int[] { c }), new double[] { ci.getDisplayRangeMin(), ci.getDisplayRangeMax() },
				"channel " + c);
		}
	}

	@Test
	void aStackComputedOnePlanePerThreadEqualsItComputedOnOneThreadInOrder() throws Exception {
		final ImageStack stack = new ImageStack(300, 200);
		for (int i = 0; i < 7; i++) // not a multiple of 3: the last group has one plane
			stack.addSlice("plane " + i, random(300, 200, 20 + i));
		final ImagePlus imp = new ImagePlus("s", stack);
		final ImagePlus one = net.imglib2.parallel.Parallelization.runSingleThreaded(
			() -> PlaneRunner.run(imp, true, BLUR, "b", null, null));
		final java.util.concurrent.ExecutorService service = java.util.concurrent.Executors.newFixedThreadPool(3);
		try {
			final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
			final ImagePlus three = net.imglib2.parallel.Parallelization.runWithExecutor(
				net.imglib2.parallel.TaskExecutors.forExecutorServiceAndNumThreads(service, 3),
				() -> PlaneRunner.run(imp, true, BLUR, "b", (d, t) -> progress.add(d + "/" + t), null));
			assertEquals("[1/7, 2/7, 3/7, 4/7, 5/7, 6/7, 7/7]", progress.toString());
			assertEquals(7, three.getStackSize());
			for (int i = 1; i <= 7; i++) {
				assertEquals("plane " + (i - 1), three.getStack().getSliceLabel(i));
				assertArrayEquals((float[]) one.getStack().getPixels(i), (float[]) three.getStack().getPixels(i), "plane " + i);
			}
			assertEquals(one.getDisplayRangeMin(), three.getDisplayRangeMin());
			assertEquals(one.getDisplayRangeMax(), three.getDisplayRangeMax());
		}
		finally {
			service.shutdown();
		}
	}
}

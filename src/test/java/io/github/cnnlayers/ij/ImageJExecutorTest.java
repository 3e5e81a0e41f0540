package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.Prefs;
import ij.process.FloatProcessor;
import io.github.cnnlayers.core.PlaneLayer;
import io.github.cnnlayers.layers.LayerCommand;
import net.imglib2.parallel.TaskExecutor;

/**
 * The executor under real concurrency: ImageJ's thread setting changed by another thread while a long
 * Conv2D runs, and an interrupted caller.
 */
class ImageJExecutorTest {

	private int threadsBefore;

	@BeforeEach
	void rememberThreads() {
		threadsBefore = Prefs.getThreads();
	}

	@AfterEach
	void restoreThreads() {
		Prefs.setThreads(threadsBefore);
	}

	/** A stack long enough that a Conv2D over it takes a good fraction of a second per few planes. */
	private static ImagePlus stack(final int planes) {
		final int w = 1024, h = 1024;
		final ImageStack s = new ImageStack(w, h);
		for (int p = 0; p < planes; p++) {
			final float[] px = new float[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = (i * 31 + p * 17) % 251;
			s.addSlice(new FloatProcessor(w, h, px));
		}
		return new ImagePlus("stack", s);
	}

	private static final String CONV = "kernel=[1 2 3 2 1\n2 3 4 3 2\n3 4 5 4 3\n2 3 4 3 2\n1 2 3 2 1] stack";

	@Test
	void changingTheThreadCountDuringARunLeavesTheRunAlone() throws Exception {
		final ImagePlus imp = stack(30);
		Prefs.setThreads(2);
		final ImagePlus expected = LayerCommand.CONV2D.makeNew(imp, CONV);

		final AtomicBoolean running = new AtomicBoolean(true);
		final AtomicInteger toggles = new AtomicInteger();
		final AtomicReference<Throwable> togglerFailure = new AtomicReference<>();
		final Thread toggler = new Thread(() -> {
			try {
				while (running.get()) {
					// as a user does: Edit > Options > Memory & Threads, then another command starts
					// 3 and 2, never 1: whichever pool the run starts with, it submits tasks to it
					Prefs.setThreads(toggles.get() % 2 == 0 ? 3 : 2);
					assertNull(ImageJExecutor.call(() -> null));
					toggles.incrementAndGet();
					Thread.sleep(2);
				}
			}
			catch (final Throwable t) {
				togglerFailure.set(t);
			}
		}, "thread-setting toggler");
		Prefs.setThreads(2);
		final ImagePlus actual;
		toggler.start();
		try {
			// each plane waits until the setting has changed since it started, so the run overlaps at least
			// one change per group of planes, however fast or loaded the machine is
			final PlaneLayer conv = (PlaneLayer) LayerCommand.CONV2D.spec(CONV).layer();
			final PlaneLayer gated = new Gated(conv) {

				@Override
				void before() {
					final int seen = toggles.get();
					awaitTrue(() -> toggles.get() > seen || !running.get());
				}
			};
			actual = ImageJExecutor.call(() -> PlaneRunner.run(imp, true, gated, "conv2d", null, null));
		}
		finally {
			running.set(false);
			toggler.join(10_000);
		}
		assertNull(togglerFailure.get());
		assertTrue(toggles.get() > 10, "the setting changed during the run: " + toggles.get() + " times");
		assertEquals(expected.getStackSize(), actual.getStackSize());
		for (int p = 1; p <= expected.getStackSize(); p++)
			assertArrayEquals((float[]) expected.getStack().getPixels(p), (float[]) actual.getStack().getPixels(p), "plane " + p);
	}

	@Test
	void aReplacedPoolIsShutDownOnlyWhenTheLastCallUsingItReturns() throws Exception {
		Prefs.setThreads(2);
		final TaskExecutor first = ImageJExecutor.get();
		final CountDownLatch inside = new CountDownLatch(1);
		final CountDownLatch release = new CountDownLatch(1);
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final Thread caller = new Thread(() -> {
			try {
				ImageJExecutor.call(() -> {
					inside.countDown();
					try {
						assertTrue(release.await(20, TimeUnit.SECONDS));
					}
					catch (final InterruptedException e) {
						throw new IllegalStateException(e);
					}
					// still usable after the setting changed
					net.imglib2.parallel.Parallelization.getTaskExecutor().forEach(java.util.Arrays.asList(1, 2, 3, 4), i -> {});
					return null;
				});
			}
			catch (final Throwable t) {
				failure.set(t);
			}
		});
		caller.start();
		assertTrue(inside.await(20, TimeUnit.SECONDS));
		Prefs.setThreads(3);
		final TaskExecutor second = ImageJExecutor.get();
		assertNotSame(first, second, "a new pool for the new setting");
		assertFalse(first.getExecutorService().isShutdown(), "the running call still uses the old pool");
		release.countDown();
		caller.join(20_000);
		assertFalse(caller.isAlive());
		assertNull(failure.get(), () -> "the call failed: " + failure.get());
		assertTrue(first.getExecutorService().isShutdown(), "retired pool shut down once unused");
		assertFalse(second.getExecutorService().isShutdown());
		assertSame(second, ImageJExecutor.get(), "same setting, same pool");
	}

	@Test
	void anInterruptedCallerGetsACancellationAndKeepsItsInterruptFlag() throws Exception {
		Prefs.setThreads(2);
		final ImagePlus imp = stack(4);
		final AtomicReference<Throwable> thrown = new AtomicReference<>();
		final AtomicBoolean flagAfter = new AtomicBoolean();
		final CountDownLatch inside = new CountDownLatch(1);
		final CountDownLatch release = new CountDownLatch(1);
		// the planes wait inside the computation until the test lets them go: the interrupt surely
		// arrives while the work runs
		final PlaneLayer conv = (PlaneLayer) LayerCommand.CONV2D.spec(CONV).layer();
		final PlaneLayer gated = new Gated(conv) {

			@Override
			void before() {
				inside.countDown();
				awaitTrue(() -> release.getCount() == 0);
			}
		};
		final Thread worker = new Thread(() -> {
			try {
				ImageJExecutor.call(() -> PlaneRunner.run(imp, true, gated, "conv2d", null, null));
			}
			catch (final Throwable t) {
				thrown.set(t);
			}
			flagAfter.set(Thread.currentThread().isInterrupted());
		}, "interrupted Conv2D");
		worker.start();
		try {
			assertTrue(inside.await(60, TimeUnit.SECONDS));
			worker.interrupt();
			worker.join(60_000);
		}
		finally {
			release.countDown();
		}
		if (worker.isAlive())
			fail("the interrupted run did not stop");
		assertNotNull(thrown.get(), "the run was stopped, not finished");
		assertInstanceOf(CancellationException.class, thrown.get(), () -> "a clear exception, got " + thrown.get());
		assertTrue(thrown.get().getMessage().startsWith("interrupted"), thrown.get().getMessage());
		assertInstanceOf(InterruptedException.class, thrown.get().getCause());
		assertTrue(flagAfter.get(), "the interrupt flag is still set");
	}

	/**
	 * The class of the flaky test this replaces: {@code Future.get()} on tasks that have already finished
	 * does not look at the interrupt flag. A task that finishes (here: after forking work to the pool) on a
	 * thread whose flag was set meanwhile must still end in the promised cancellation, never in a result.
	 */
	@Test
	void aTaskThatFinishesWhileItsThreadIsInterruptedIsDiscarded() {
		Prefs.setThreads(2);
		try {
			final CancellationException e = assertThrows(CancellationException.class, () -> ImageJExecutor.call(() -> {
				net.imglib2.parallel.Parallelization.getTaskExecutor().forEach(java.util.Arrays.asList(1, 2, 3, 4), i -> {});
				Thread.currentThread().interrupt(); // as if the user stopped the macro just now
				return "a result that must be discarded";
			}));
			assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
			assertTrue(Thread.currentThread().isInterrupted(), "flag kept");
		}
		finally {
			Thread.interrupted(); // clear it for the next test
		}
	}

	/** A plane layer that runs {@link #before()} before it computes each plane as {@code layer} does. */
	private abstract static class Gated implements PlaneLayer {

		private final PlaneLayer layer;

		Gated(final PlaneLayer layer) {
			this.layer = layer;
		}

		/** Called on the worker before each plane. */
		abstract void before();

		@Override
		public long[] outputSize(final long width, final long height) {
			return layer.outputSize(width, height);
		}

		@Override
		public io.github.cnnlayers.core.ReceptiveField receptiveField() {
			return layer.receptiveField();
		}

		@Override
		public <S extends net.imglib2.type.numeric.RealType<S>, T extends net.imglib2.type.numeric.RealType<T>> void compute(
			final net.imglib2.RandomAccessibleInterval<S> source, final net.imglib2.RandomAccessibleInterval<T> target)
		{
			before();
			layer.compute(source, target);
		}
	}

	/** Waits until {@code condition} holds, at most a minute (a bound for a broken run, not a timing). */
	private static void awaitTrue(final java.util.function.BooleanSupplier condition) {
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline)
			try {
				Thread.sleep(1);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
	}

	@Test
	void aCallOnAnAlreadyInterruptedThreadStopsAndKeepsTheFlag() {
		Prefs.setThreads(2);
		final ImagePlus imp = stack(2);
		Thread.currentThread().interrupt();
		try {
			final CancellationException e = assertThrows(CancellationException.class, () -> LayerCommand.CONV2D.makeNew(imp, CONV));
			assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
			assertTrue(Thread.currentThread().isInterrupted(), "flag kept");
		}
		finally {
			Thread.interrupted(); // clear it for the next test
		}
	}

	/** CPU time of {@code t} in ms. */
	private static double cpuMillis(final Thread t) {
		return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()) / 1e6;
	}

	@Test
	void anIdleWorkerPollsForItsWindowThenSleepsUsingNoCpuAndStopsOnShutdown() throws Exception {
		final long window = TimeUnit.MILLISECONDS.toNanos(1000);
		final java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
			TimeUnit.MILLISECONDS, new ImageJExecutor.SpinningQueue(window));
		try {
			final AtomicReference<Thread> worker = new AtomicReference<>();
			pool.submit(() -> worker.set(Thread.currentThread())).get();
			final long idleSince = System.nanoTime();
			final Thread w = worker.get();
			// within the window it polls: it is running, not waiting (how much CPU it gets depends on the
			// machine's load: it yields to any other thread that wants its core). A test thread that was not
			// scheduled for the whole window cannot see this, and does not judge it.
			Thread.sleep(40);
			final Thread.State polling = w.getState();
			if (System.nanoTime() - idleSince < window)
				assertEquals(Thread.State.RUNNABLE, polling);
			// a task given while it polls is taken
			assertEquals("taken", pool.submit(() -> "taken").get(60, TimeUnit.SECONDS));
			// after the window it sleeps (a bound, not a timing: it must get there) and uses no CPU
			final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (w.getState() != Thread.State.WAITING && System.nanoTime() < deadline)
				Thread.sleep(10);
			assertEquals(Thread.State.WAITING, w.getState());
			final double c1 = cpuMillis(w);
			Thread.sleep(500);
			final double idle = cpuMillis(w) - c1;
			assertTrue(idle < 5, "a sleeping worker used " + idle + " ms of CPU in 500 ms");
			// a sleeping worker still takes work
			assertEquals("woken", pool.submit(() -> "woken").get(60, TimeUnit.SECONDS));
		}
		finally {
			// shut down while it polls: it stops at once
			pool.shutdown();
			assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
		}
	}

	@Test
	void anErrorOnAWorkerReachesTheCallerAsItself() {
		Prefs.setThreads(2);
		final io.github.cnnlayers.core.PlaneLayer failing = new io.github.cnnlayers.core.PlaneLayer() {

			@Override
			public long[] outputSize(final long width, final long height) {
				return new long[] { width, height };
			}

			@Override
			public io.github.cnnlayers.core.ReceptiveField receptiveField() {
				return io.github.cnnlayers.core.ReceptiveField.POINT;
			}

			@Override
			public <S extends net.imglib2.type.numeric.RealType<S>, T extends net.imglib2.type.numeric.RealType<T>> void compute(
				final net.imglib2.RandomAccessibleInterval<S> source, final net.imglib2.RandomAccessibleInterval<T> target)
			{
				throw new OutOfMemoryError("no room for this plane");
			}
		};
		// two planes: computed one per worker thread
		final OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
			() -> ImageJExecutor.call(() -> PlaneRunner.run(stack(2), true, failing, "x", null, null)));
		assertEquals("no room for this plane", e.getMessage());
		// and what a task throws keeps its type and message
		final IllegalStateException s = assertThrows(IllegalStateException.class, () -> ImageJExecutor.call(() -> {
			net.imglib2.parallel.Parallelization.getTaskExecutor().forEach(java.util.Arrays.asList(1, 2), i -> {
				throw new IllegalStateException("from a worker");
			});
			return null;
		}));
		assertEquals("from a worker", s.getMessage());
	}
}

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
import io.github.cnnlayers.plugins.LayerCommand;
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
			actual = LayerCommand.CONV2D.makeNew(imp, CONV);
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
		final ImagePlus imp = stack(40);
		final AtomicReference<Throwable> thrown = new AtomicReference<>();
		final AtomicBoolean flagAfter = new AtomicBoolean();
		final CountDownLatch started = new CountDownLatch(1);
		final Thread worker = new Thread(() -> {
			started.countDown();
			try {
				LayerCommand.CONV2D.makeNew(imp, CONV);
			}
			catch (final Throwable t) {
				thrown.set(t);
			}
			flagAfter.set(Thread.currentThread().isInterrupted());
		}, "interrupted Conv2D");
		worker.start();
		assertTrue(started.await(10, TimeUnit.SECONDS));
		Thread.sleep(200);
		worker.interrupt();
		worker.join(60_000);
		if (worker.isAlive())
			fail("the interrupted run did not stop");
		assertNotNull(thrown.get(), "the run was stopped, not finished");
		assertInstanceOf(CancellationException.class, thrown.get(), () -> "a clear exception, got " + thrown.get());
		assertTrue(thrown.get().getMessage().startsWith("interrupted"), thrown.get().getMessage());
		assertInstanceOf(InterruptedException.class, thrown.get().getCause());
		assertTrue(flagAfter.get(), "the interrupt flag is still set");
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
		final long window = TimeUnit.MILLISECONDS.toNanos(150);
		final java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
			TimeUnit.MILLISECONDS, new ImageJExecutor.SpinningQueue(window));
		try {
			final AtomicReference<Thread> worker = new AtomicReference<>();
			pool.submit(() -> worker.set(Thread.currentThread())).get();
			final Thread w = worker.get();
			// within the window it polls: it is running, not waiting (how much CPU it gets depends on the
			// machine's load: it yields to any other thread that wants its core)
			Thread.sleep(40);
			assertEquals(Thread.State.RUNNABLE, w.getState());
			// a task given while it polls is taken
			assertEquals("taken", pool.submit(() -> "taken").get(1, TimeUnit.SECONDS));
			// after the window it sleeps and uses no CPU
			Thread.sleep(400);
			assertEquals(Thread.State.WAITING, w.getState());
			final double c1 = cpuMillis(w);
			Thread.sleep(500);
			final double idle = cpuMillis(w) - c1;
			assertTrue(idle < 5, "a sleeping worker used " + idle + " ms of CPU in 500 ms");
			// a sleeping worker still takes work
			assertEquals("woken", pool.submit(() -> "woken").get(1, TimeUnit.SECONDS));
		}
		finally {
			// shut down while it polls: it stops at once
			pool.shutdown();
			assertTrue(pool.awaitTermination(1, TimeUnit.SECONDS));
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

package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import ij.Prefs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.parallel.TaskExecutors;

/**
 * The ImgLib2 task executor the commands run on: as many threads as ImageJ's own setting
 * (Edit &gt; Options &gt; Memory &amp; Threads, {@link Prefs#getThreads()}), daemon threads, created once and
 * re-created when the setting changes. ImgLib2's default executor, Java's common pool, has one thread
 * less than the machine has cores — a single one on a 2-core machine.
 * <p>
 * Changing the setting while a command runs does not disturb it: the command keeps the pool it started
 * with, and a replaced pool is shut down only when the last {@link #call} using it has returned. An
 * interrupt of the calling thread stops the work with a {@link CancellationException} and leaves the
 * thread's interrupt flag set.
 */
public final class ImageJExecutor {

	/** A thread pool and the number of {@link #call}s using it. */
	private static final class Pool {

		final TaskExecutor executor;
		final int threads;
		int users;
		boolean retired;

		Pool(final int threads) {
			final AtomicInteger count = new AtomicInteger();
			final ExecutorService service = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new SpinningQueue(SPIN_NANOS), r -> {
					final Thread t = new Thread(r, "CNN Layers worker " + count.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
			this.executor = TaskExecutors.forExecutorServiceAndNumThreads(service, threads);
			this.threads = threads;
		}

		void shutdownIfUnused() {
			if (retired && users == 0)
				executor.getExecutorService().shutdown();
		}
	}

	/** How long an idle worker keeps looking for work before it sleeps: see {@link SpinningQueue}. */
	static final long SPIN_NANOS = Long.getLong("cnnlayers.spinMillis", 5) * 1_000_000L;

	/**
	 * The workers' queue: an idle worker polls it for {@code spin} nanoseconds before it blocks. A
	 * command forks and joins its workers several times (each group of planes, each channel's display
	 * range), and macros run commands back to back. On this project's 2-core VM a worker woken from sleep
	 * did almost no work for its first few milliseconds (its kernel packs woken threads onto busy cores,
	 * {@code sched_vcpu_pack}, until it rebalances): a 5 ms loop split over two threads took 5.3 ms after
	 * 20 ms of idleness, 2.7 ms when the second thread had kept polling. A worker that keeps polling keeps
	 * its core. After {@code spin} without work it blocks and uses no CPU: an idle ImageJ costs nothing,
	 * and a worker never polls for longer than that after a command (it yields to any other thread that
	 * wants its core meanwhile).
	 */
	static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {

		private static final long serialVersionUID = 1L;
		private final long spin;

		SpinningQueue(final long spin) {
			this.spin = spin;
		}

		@Override
		public Runnable take() throws InterruptedException {
			final long start = System.nanoTime();
			do {
				if (!isEmpty()) {
					final Runnable r = poll();
					if (r != null)
						return r;
				}
				if (Thread.interrupted())
					throw new InterruptedException();
				Thread.yield(); // lets any other thread on this core run
			}
			while (System.nanoTime() - start < spin);
			return super.take();
		}
	}

	private static Pool current;

	private ImageJExecutor() {}

	/**
	 * @return the executor for ImageJ's current thread setting. It is shut down when the setting changes
	 *         and no {@link #call} uses it; long work should go through {@link #call}, which keeps it alive.
	 */
	public static synchronized TaskExecutor get() {
		return currentPool().executor;
	}

	/** @return the pool for the current setting, retiring the previous one when the setting changed */
	private static Pool currentPool() {
		final int n = Math.max(1, Prefs.getThreads());
		if (current == null || current.threads != n) {
			final Pool old = current;
			current = new Pool(n);
			if (old != null) {
				old.retired = true;
				old.shutdownIfUnused();
			}
		}
		return current;
	}

	private static synchronized Pool acquire() {
		final Pool p = currentPool();
		p.users++;
		return p;
	}

	private static synchronized void release(final Pool p) {
		p.users--;
		p.shutdownIfUnused();
	}

	/**
	 * Runs {@code task} with ImgLib2's parallel code ({@code Parallelization}, {@code LoopBuilder}) on
	 * the pool for ImageJ's current thread setting, which stays usable until the task returns even if
	 * the setting changes meanwhile; exceptions thrown by {@code task} reach the caller unwrapped.
	 *
	 * @param task the work
	 * @param <R> its result type
	 * @return its result
	 * @throws CancellationException when the calling thread is interrupted; its interrupt flag stays set
	 */
	public static <R> R call(final Supplier<R> task) {
		stopIfInterrupted(null);
		final List<R> result = new ArrayList<>(1);
		final Pool pool = acquire();
		try {
			Parallelization.runWithExecutor(pool.executor, () -> result.add(task.get()));
		}
		catch (final RuntimeException e) {
			final InterruptedException interrupt = interruptIn(e);
			if (interrupt != null) {
				Thread.currentThread().interrupt();
				stopIfInterrupted(interrupt);
			}
			// ImgLib2 wraps what a task threw (in RuntimeException, ExecutionException); pass the task's own
			// exception (with its message) or error (an OutOfMemoryError on a worker) on
			final Throwable own = unwrap(e);
			if (own instanceof Error)
				throw (Error) own;
			throw own instanceof RuntimeException ? (RuntimeException) own : e;
		}
		finally {
			release(pool);
		}
		// Future.get() on tasks that had already finished does not look at the flag: a fast task on an
		// interrupted thread completes, and its result is discarded here as promised
		stopIfInterrupted(null);
		return result.get(0);
	}

	/**
	 * Throws the cancellation that an interrupt of the calling thread promises, keeping its interrupt flag.
	 *
	 * @param cause the interrupt as ImgLib2 reported it, or {@code null} to look at the thread's flag
	 * @throws CancellationException when {@code cause} is given or the calling thread's flag is set
	 */
	private static void stopIfInterrupted(final InterruptedException cause) {
		if (cause == null && !Thread.currentThread().isInterrupted())
			return;
		final CancellationException c = new CancellationException("interrupted: the computation was stopped " +
			"before it finished, and its result discarded");
		c.initCause(cause != null ? cause : new InterruptedException("the calling thread's interrupt flag was set"));
		throw c;
	}

	/**
	 * @return what ImgLib2's plain {@code RuntimeException} and {@code ExecutionException} wrappers around
	 *         {@code e} hold: the exception or error a task threw
	 */
	private static Throwable unwrap(final RuntimeException e) {
		Throwable t = e;
		while ((t.getClass() == RuntimeException.class || t instanceof java.util.concurrent.ExecutionException) &&
			t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return t;
	}

	/** @return the {@link InterruptedException} among the causes of {@code e}, or {@code null} */
	private static InterruptedException interruptIn(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
			if (t instanceof InterruptedException)
				return (InterruptedException) t;
		return null;
	}
}

package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class ImageJExecutor {

	private static TaskExecutor executor;
	private static int threads;

	private ImageJExecutor() {}

	/** @return the executor for ImageJ's current thread setting */
	public static synchronized TaskExecutor get() {
		final int n = Math.max(1, Prefs.getThreads());
		if (executor == null || n != threads) {
			final AtomicInteger count = new AtomicInteger();
			final ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
				final Thread t = new Thread(r, "CNN Layers worker " + count.incrementAndGet());
				t.setDaemon(true);
				return t;
			});
			final TaskExecutor old = executor;
			executor = TaskExecutors.forExecutorServiceAndNumThreads(pool, n);
			threads = n;
			if (old != null)
				old.getExecutorService().shutdown();
		}
		return executor;
	}

	/**
	 * Runs {@code task} with ImgLib2's parallel code ({@code Parallelization}, {@code LoopBuilder}) on
	 * {@link #get()}; exceptions thrown by {@code task} reach the caller unwrapped.
	 *
	 * @param task the work
	 * @param <R> its result type
	 * @return its result
	 */
	public static <R> R call(final Supplier<R> task) {
		final List<R> result = new ArrayList<>(1);
		try {
			Parallelization.runWithExecutor(get(), () -> result.add(task.get()));
		}
		catch (final RuntimeException e) {
			// Parallelization wraps the task's exception; pass the task's own (with its message) on
			if (e.getClass() == RuntimeException.class && e.getCause() instanceof RuntimeException)
				throw (RuntimeException) e.getCause();
			throw e;
		}
		return result.get(0);
	}
}

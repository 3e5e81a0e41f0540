package io.github.cnnlayers.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

/** Splits rows (or any count of items) into contiguous chunks run on ImgLib2's current task executor. */
final class RowChunks {

	private RowChunks() {}

	/** A half-open range of rows [{@code start}, {@code end}). */
	static final class Range {

		final long start;
		final long end;

		Range(final long start, final long end) {
			this.start = start;
			this.end = end;
		}
	}

	/**
	 * Runs {@code task} once per chunk of {@code rows} rows, one chunk per thread (not ImgLib2's suggested
	 * four per thread: on a 2-core machine a 2048&sup2; Conv2D took 4.7 ms in 8 chunks against 3.0 ms in
	 * 2, and the same held for a plain Java loop cut 8 or 2 ways), in parallel on
	 * {@link Parallelization#getTaskExecutor()} (single-threaded inside
	 * {@link Parallelization#runSingleThreaded(Runnable)}).
	 */
	static void forEach(final long rows, final Consumer<Range> task) {
		forEach(rows, 1, task);
	}

	/**
	 * As {@link #forEach(long, Consumer)}, with at least {@code least} rows per chunk: work too small to
	 * pay for waking another thread runs on the calling thread.
	 */
	static void forEach(final long rows, final long least, final Consumer<Range> task) {
		map(rows, least, range -> {
			task.accept(range);
			return null;
		});
	}

	/** As {@link #forEach(long, Consumer)}, collecting each chunk's result, in the order of the chunks. */
	static <R> List<R> map(final long rows, final Function<Range, R> task) {
		return map(rows, 1, task);
	}

	/** As {@link #forEach(long, long, Consumer)}, collecting each chunk's result, in the order of the chunks. */
	static <R> List<R> map(final long rows, final long least, final Function<Range, R> task) {
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		final int tasks = (int) Math.max(1, Math.min(rows / Math.max(1, least), executor.getParallelism()));
		final List<Range> chunks = new ArrayList<>(tasks);
		for (int i = 0; i < tasks; i++)
			chunks.add(new Range(rows * i / tasks, rows * (i + 1) / tasks));
		if (tasks == 1)
			return Collections.singletonList(task.apply(chunks.get(0)));
		return executor.forEachApply(chunks, task);
	}
}

package io.github.cnnlayers.spark;

import java.io.IOException;

/**
 * The heap of one executor, shared by the images its task slots work on at the same time: an image
 * reserves what its steps need before any result is allocated, waits while other images hold too
 * much, and is refused at once, with a message saying what to change, when it could never fit.
 */
final class MemoryBudget {

	/** The part of the maximum heap that images may reserve together (the rest: Spark, ImageJ, buffers). */
	static final double DEFAULT_FRACTION = 0.6;

	private static final Object LOCK = new Object();

	private static long reserved;

	private MemoryBudget() {}

	/**
	 * @param limit the bytes images may reserve together in this JVM; 0 for the default part of the heap
	 * @return the limit in effect
	 */
	static long limit(final long limit) {
		return limit > 0 ? limit : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_FRACTION);
	}

	/**
	 * Refuses an image that can never fit, without reserving anything.
	 *
	 * @param bytes what the image and its steps need
	 * @param limit see {@link #limit}
	 * @param what the image and steps, for the message
	 * @throws IOException when {@code bytes} exceeds the limit
	 */
	static void check(final long bytes, final long limit, final String what) throws IOException {
		final long max = limit(limit);
		if (bytes > max)
			throw new IOException("not enough executor memory: " + what + " need about " + mb(bytes) + " MB, this executor " +
				"allows " + mb(max) + " MB per image (" + (int) (DEFAULT_FRACTION * 100) + "% of its " +
				mb(Runtime.getRuntime().maxMemory()) + " MB heap); give executors more memory, e.g. --executor-memory 8g " +
				"(local mode: --driver-memory 8g), or fewer cores per executor");
	}

	/**
	 * Reserves memory for an image, waiting while other images of this JVM hold too much.
	 *
	 * @param bytes what the image and its steps need
	 * @param limit see {@link #limit}
	 * @param what the image and steps, for the message
	 * @throws IOException when {@code bytes} can never fit, or the wait is interrupted (job cancelled)
	 */
	static void reserve(final long bytes, final long limit, final String what) throws IOException {
		check(bytes, limit, what);
		final long max = limit(limit);
		synchronized (LOCK) {
			while (reserved > 0 && reserved + bytes > max) {
				try {
					LOCK.wait(1000);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted while waiting for executor memory", e);
				}
			}
			reserved += bytes;
		}
	}

	/** @param bytes what {@link #reserve} took */
	static void release(final long bytes) {
		synchronized (LOCK) {
			reserved -= bytes;
			LOCK.notifyAll();
		}
	}

	/** @return the bytes reserved now */
	static long reserved() {
		synchronized (LOCK) {
			return reserved;
		}
	}

	static long mb(final long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}
}

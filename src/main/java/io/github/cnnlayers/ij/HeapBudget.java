package io.github.cnnlayers.ij;

import java.util.Locale;

/**
 * The check, before a command allocates its result, that the memory it needs is free — so that an
 * image too large for ImageJ's memory is refused with a message saying how much is needed and free,
 * instead of an {@code OutOfMemoryError} half-way.
 */
public final class HeapBudget {

	/** How to give ImageJ (or the headless pipeline's Java) more memory. */
	public static final String HOW_TO_GIVE_MORE = "give ImageJ more memory (Edit > Options > Memory & Threads; " +
		"for the headless pipeline: MAVEN_OPTS=-Xmx8g or java -Xmx8g)";

	private HeapBudget() {}

	/** @return the bytes Java can still allocate: the maximum heap less what is in use */
	public static long free() {
		final Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * @param bytes memory about to be allocated
	 * @return the bytes free: {@link #free()}, after a garbage collection when that was less than {@code bytes}
	 */
	public static long freeFor(final double bytes) {
		final long free = free();
		if (bytes <= free)
			return free;
		System.gc();
		return free();
	}

	/**
	 * @param bytes the memory a step is about to allocate (may exceed {@code Long.MAX_VALUE} as a double)
	 * @param what what needs it, e.g. "Conv2D's result (3 planes of 550 x 660, 32-bit) and row buffers"
	 * @throws IllegalArgumentException when that much is not free even after a garbage collection
	 */
	public static void require(final double bytes, final String what) {
		final long free = freeFor(bytes);
		if (bytes <= free)
			return;
		throw new IllegalArgumentException(what + " need " + megabytes(bytes) + " of memory, but only " + megabytes(free) +
			" of the maximum " + megabytes(Runtime.getRuntime().maxMemory()) + " are free; " + HOW_TO_GIVE_MORE +
			", or process fewer planes");
	}

	/** @return e.g. "1,024 MB" or "3.5 TB" */
	public static String megabytes(final double bytes) {
		final double mb = bytes / (1 << 20);
		if (mb >= 1024 * 1024)
			return String.format(Locale.ROOT, "%.1f TB", mb / (1024 * 1024));
		return String.format(Locale.ROOT, "%,d MB", (long) Math.ceil(mb));
	}
}

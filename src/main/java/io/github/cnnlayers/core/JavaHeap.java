package io.github.cnnlayers.core;

import java.util.Locale;

/**
 * The Java heap as a budget: what is free, and the check before a large allocation that the memory it needs is
 * free — so that an image or a weight file too large for the heap is refused with a message saying how much is
 * needed and free, instead of an {@code OutOfMemoryError} half-way. The one place of that rule and its words.
 */
public final class JavaHeap {

	/** How to give ImageJ (or the headless pipeline's Java) more memory. */
	public static final String HOW_TO_GIVE_MORE = "give ImageJ more memory (Edit > Options > Memory & Threads; " +
		"for the headless pipeline: MAVEN_OPTS=-Xmx8g or java -Xmx8g)";

	private JavaHeap() {}

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
	 * @param bytes the memory about to be allocated (may exceed {@code Long.MAX_VALUE} as a double)
	 * @param what what needs it, in the plural sense of "need", e.g. "Conv2D's result (3 planes of 550 x 660,
	 *        32-bit) and row buffers"
	 * @param otherwise a last remedy after giving more memory, e.g. ", or process fewer planes", or empty
	 * @throws IllegalArgumentException saying how much is needed, free and the maximum, when that much is not free
	 *         even after a garbage collection
	 */
	public static void require(final double bytes, final String what, final String otherwise) {
		final long free = freeFor(bytes);
		if (bytes <= free)
			return;
		throw new IllegalArgumentException(what + " need " + megabytes(bytes) + " of memory, but only " + megabytes(free) +
			" of the maximum " + megabytes(Runtime.getRuntime().maxMemory()) + " are free; " + HOW_TO_GIVE_MORE + otherwise);
	}

	/** @return e.g. "1,024 MB" or "3.5 TB" */
	public static String megabytes(final double bytes) {
		final double mb = bytes / (1 << 20);
		if (mb >= 1024 * 1024)
			return String.format(Locale.ROOT, "%.1f TB", mb / (1024 * 1024));
		return String.format(Locale.ROOT, "%,d MB", (long) Math.ceil(mb));
	}
}

package io.github.cnnlayers.ij;

import io.github.cnnlayers.core.JavaHeap;

/**
 * The check, before a command allocates its result, that the memory it needs is free — so that an
 * image too large for ImageJ's memory is refused with a message saying how much is needed and free,
 * instead of an {@code OutOfMemoryError} half-way. The rule and its words are {@link JavaHeap}'s, shared with
 * the weight-file readers; this adds the remedy for images.
 */
public final class HeapBudget {

	/** How to give ImageJ (or the headless pipeline's Java) more memory. */
	public static final String HOW_TO_GIVE_MORE = JavaHeap.HOW_TO_GIVE_MORE;

	private HeapBudget() {}

	/** @return the bytes Java can still allocate: the maximum heap less what is in use */
	public static long free() {
		return JavaHeap.free();
	}

	/**
	 * @param bytes memory about to be allocated
	 * @return the bytes free: {@link #free()}, after a garbage collection when that was less than {@code bytes}
	 */
	public static long freeFor(final double bytes) {
		return JavaHeap.freeFor(bytes);
	}

	/**
	 * @param bytes the memory a step is about to allocate (may exceed {@code Long.MAX_VALUE} as a double)
	 * @param what what needs it, e.g. "Conv2D's result (3 planes of 550 x 660, 32-bit) and row buffers"
	 * @throws IllegalArgumentException when that much is not free even after a garbage collection
	 */
	public static void require(final double bytes, final String what) {
		JavaHeap.require(bytes, what, ", or process fewer planes");
	}

	/** @return e.g. "1,024 MB" or "3.5 TB" */
	public static String megabytes(final double bytes) {
		return JavaHeap.megabytes(bytes);
	}
}

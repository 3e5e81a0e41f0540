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

	/**
	 * The share of the memory left free that a network's plan (the tensors one run holds at its peak) may fill: half,
	 * as the garbage collector (G1) keeps each array larger than half a heap region in whole regions (up to twice its
	 * bytes) and needs room to move the rest; measured: a 113 MB plan run whole ran out of memory in a 128 MB heap,
	 * tiles filling 0.7 of a 96 MB heap too.
	 */
	public static final double PLAN_SHARE = 0.5;

	private HeapBudget() {}

	/**
	 * The one rule for how much memory a network run needs free, whole or in tiles.
	 *
	 * @param held bytes it allocates and keeps to the end (the result; the input tiles are read from), counted once
	 * @param plan the most bytes its plan holds at once (a sample's or a tile's tensors), counted over {@link #PLAN_SHARE}
	 * @return the bytes it needs free
	 */
	public static double forRun(final double held, final double plan) {
		return held + plan / PLAN_SHARE;
	}

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
		require(bytes, what, "process fewer planes");
	}

	/**
	 * As {@link #require(double, String)} with another last remedy.
	 *
	 * @param remedy what else would help, e.g. "run it in tiles (tile=auto or tile=N)"
	 */
	public static void require(final double bytes, final String what, final String remedy) {
		JavaHeap.require(bytes, what, ", or " + remedy);
	}

	/** @return e.g. "1,024 MB" or "3.5 TB" */
	public static String megabytes(final double bytes) {
		return JavaHeap.megabytes(bytes);
	}
}

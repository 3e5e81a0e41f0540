package io.github.cnnlayers.onnx;

/** Checks that the Java heap has room for an array before a tensor's values are converted into it. */
final class HeapCheck {

	private HeapCheck() {}

	/**
	 * @param bytes the size of the array about to be allocated
	 * @param what what it holds, for the message
	 * @throws IllegalStateException saying how much is needed and how much is free, when even after a garbage
	 *         collection the heap has not that much free
	 */
	static void require(long bytes, String what) {
		if (bytes <= free()) return;
		System.gc();
		long free = free();
		if (bytes > free)
			throw new IllegalStateException(what + " need " + megabytes(bytes) + ", but only " + megabytes(free) +
				" of the Java heap are free: give Java more memory (ImageJ: Edit > Options > Memory & Threads; " +
				"otherwise java -Xmx8g)");
	}

	private static long free() {
		Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	private static String megabytes(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
	}
}

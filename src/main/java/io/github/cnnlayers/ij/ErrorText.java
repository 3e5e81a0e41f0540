package io.github.cnnlayers.ij;

/** The one-line message of a command or an image that failed, for any kind of failure. */
public final class ErrorText {

	private ErrorText() {}

	/**
	 * @param t what went wrong while reading, processing or writing an image
	 * @return a message for the user: the exception's own message for the project's errors; for out of
	 *         memory, how much the heap allows and how to give Java more
	 */
	public static String of(final Throwable t) {
		if (t instanceof OutOfMemoryError)
			return outOfMemory();
		if (t instanceof IllegalArgumentException || t instanceof java.io.IOException)
			return t.getMessage();
		return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
	}

	/**
	 * @return "out of memory", the maximum heap, and how to give Java more: the same words wherever an
	 *         image fails for lack of memory
	 */
	public static String outOfMemory() {
		return "out of memory (Java's maximum heap is " + HeapBudget.megabytes(Runtime.getRuntime().maxMemory()) + "); " +
			HeapBudget.HOW_TO_GIVE_MORE;
	}
}

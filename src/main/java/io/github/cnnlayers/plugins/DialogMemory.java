package io.github.cnnlayers.plugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The options of each command's last interactive run, offered by its next dialog. Macros never read
 * them: absent macro keys take the documented defaults.
 */
final class DialogMemory {

	private static final Map<Class<?>, String> LAST = new ConcurrentHashMap<>();

	private DialogMemory() {}

	/** @return the options last confirmed in the dialog of {@code command}, or "" */
	static String recall(final Class<?> command) {
		return LAST.getOrDefault(command, "");
	}

	/** Remembers the options just confirmed in the dialog of {@code command}. */
	static void remember(final Class<?> command, final String options) {
		LAST.put(command, options);
	}
}

package io.github.cnnlayers.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import ij.IJ;
import ij.Macro;

/**
 * Checks, before a menu command touches any ImgLib2 class, that ImgLib2 can be loaded. Plain ImageJ 1.x
 * does not include it: without this check a command would fail with a {@code NoClassDefFoundError}
 * that ImageJ swallows, so that {@code run("Conv2D...", ...)} in a macro did nothing, silently.
 * <p>
 * This class must never refer to an ImgLib2 type (not in a field, a signature or a method body), or
 * it could not be loaded in the very situation it reports.
 */
public final class Requirements {

	/** A class every command needs; looked up by name only. */
	static final String IMGLIB2_CLASS = "net.imglib2.RandomAccessibleInterval";

	private Requirements() {}

	/**
	 * @return whether ImgLib2 can be loaded by the class loader that loaded this plugin
	 */
	public static boolean imgLib2Present() {
		return present(IMGLIB2_CLASS, Requirements.class.getClassLoader());
	}

	static boolean present(final String className, final ClassLoader loader) {
		try {
			Class.forName(className, false, loader);
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/**
	 * Checks the run-time requirements of a menu command. When they are not met, shows an error naming
	 * what to install (on stdout in ImageJ's {@code -batch} mode) and aborts a running macro.
	 *
	 * @param command the command's name, used as the error's title
	 * @return whether the command can run
	 */
	public static boolean met(final String command) {
		if (imgLib2Present())
			return true;
		IJ.error(command, message());
		if (Macro.getOptions() != null)
			Macro.abort();
		return false;
	}

	/** @return the message shown when ImgLib2 is missing, naming what to install */
	public static String message() {
		return "CNN Layers needs ImgLib2, which plain ImageJ does not include:\n" +
			"use CNN_Layers-" + version() + "-standalone.jar instead,\n" +
			"or copy imglib2-8.0.0.jar into ImageJ/plugins/jars (Fiji ships it).";
	}

	/** @return this plugin's version, from the jar's manifest or Maven descriptor, or {@code <version>} */
	static String version() {
		final Package p = Requirements.class.getPackage();
		if (p != null && p.getImplementationVersion() != null)
			return p.getImplementationVersion();
		try (InputStream in = Requirements.class.getResourceAsStream(
			"/META-INF/maven/io.github.cnnlayers/CNN_Layers/pom.properties"))
		{
			if (in != null) {
				final Properties props = new Properties();
				props.load(in);
				final String v = props.getProperty("version");
				if (v != null)
					return v;
			}
		}
		catch (final IOException e) {
			// fall through
		}
		return "<version>";
	}
}

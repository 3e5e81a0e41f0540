package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.PlugInFilter;

/**
 * The menu commands as plain ImageJ 1.x without ImgLib2 (and without SciJava) loads them: every class in
 * {@code plugins.config} must load, link and reach {@code setup}, which reports what is missing. A class
 * the JVM cannot link without ImgLib2 fails inside ImageJ's plugin loader, which swallows the
 * {@code NoClassDefFoundError} for class names without '_' — the command then silently does nothing.
 * {@code MissingImgLib2IT} checks the same in a real ImageJ.
 */
class RequirementsTest {

	private static final Pattern LINE = Pattern.compile("^Plugins>CNN Layers,\\s*\"[^\"]+\",\\s*([\\w.$]+)\\(\"([^\"]*)\"\\)\\s*$");

	/** Hides ImgLib2 and SciJava (plain ImageJ has neither) and this project's classes (loaded by the child). */
	private static final class PlainImageJParent extends ClassLoader {
		PlainImageJParent() {
			super(RequirementsTest.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("net.imglib2.") || name.startsWith("org.scijava.") || name.startsWith("io.github.cnnlayers."))
				throw new ClassNotFoundException(name);
			return super.loadClass(name, resolve);
		}
	}

	private static List<String> registeredClasses() throws Exception {
		final InputStream in = RequirementsTest.class.getClassLoader().getResourceAsStream("plugins.config");
		assertNotNull(in, "plugins.config");
		final List<String> names = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				final Matcher m = LINE.matcher(line);
				if (m.matches())
					names.add(m.group(1) + "|" + m.group(2));
			}
		}
		assertFalse(names.isEmpty());
		return names;
	}

	@Test
	void imgLib2IsPresentOnTheBuildClasspath() {
		assertTrue(Requirements.imgLib2Present());
		assertTrue(Requirements.met("Conv2D"));
	}

	@Test
	void everyCommandReachesSetupAndSaysWhatToInstallWithoutImgLib2() throws Exception {
		final URL classes = Requirements.class.getProtectionDomain().getCodeSource().getLocation();
		final ImagePlus imp = IJ.createImage("a", "32-bit ramp", 8, 8, 1);
		try (URLClassLoader plain = new URLClassLoader(new URL[] { classes }, new PlainImageJParent())) {
			for (final String entry : registeredClasses()) {
				final String name = entry.substring(0, entry.indexOf('|'));
				final String arg = entry.substring(entry.indexOf('|') + 1);
				final Object plugin;
				try {
					plugin = plain.loadClass(name).getConstructor().newInstance();
				}
				catch (final LinkageError e) {
					fail(name + " cannot even be loaded without ImgLib2 (" + e + "): ImageJ would swallow this and " +
						"the command would do nothing. Keep conversions between ImgLib2 types (arguments, returns, " +
						"branches) out of the registered class; see ActivationRunner.");
					return;
				}
				IJ.getErrorMessage(); // clear
				if (plugin instanceof PlugInFilter)
					assertEquals(PlugInFilter.DONE, ((PlugInFilter) plugin).setup(arg, imp), name + "(\"" + arg + "\")");
				else
					((ij.plugin.PlugIn) plugin).run(arg); // a command of several images (Merge Feature Maps...)
				final String message = IJ.getErrorMessage();
				assertNotNull(message, name + " reported nothing");
				assertTrue(message.startsWith("CNN Layers needs ImgLib2, which plain ImageJ does not include"), message);
				assertTrue(message.contains("-standalone.jar") && message.contains("imglib2-8.0.0.jar into ImageJ/plugins/jars"),
					message);
			}
		}
	}

	@Test
	void requirementsItselfNeverReferencesAnImgLib2Type() throws Exception {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (InputStream in = Requirements.class.getResourceAsStream("Requirements.class")) {
			final byte[] b = new byte[8192];
			for (int n; (n = in.read(b)) > 0;)
				bytes.write(b, 0, n);
		}
		assertFalse(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).contains("net/imglib2"));
	}
}

package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ij.plugin.filter.PlugInFilter;

class PluginsConfigTest {

	private static final Pattern LINE = Pattern.compile("^(Plugins>CNN Layers),\\s*\"([^\"]+)\",\\s*([\\w.$]+)\\s*$");

	@Test
	void everyEntryNamesAnExistingPlugInFilterWithAUniqueLabel() throws Exception {
		final InputStream in = getClass().getClassLoader().getResourceAsStream("plugins.config");
		assertNotNull(in, "plugins.config is packaged at the jar root");
		final Set<String> labels = new HashSet<>();
		int entries = 0;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				if (line.trim().isEmpty() || line.startsWith("#"))
					continue;
				final Matcher m = LINE.matcher(line);
				assertTrue(m.matches(), "malformed line: " + line);
				assertTrue(labels.add(m.group(2)), "duplicate label " + m.group(2));
				final Class<?> c = Class.forName(m.group(3));
				assertTrue(PlugInFilter.class.isAssignableFrom(c), c + " is a PlugInFilter");
				c.getConstructor().newInstance();
				entries++;
			}
		}
		assertEquals(5, entries);
		assertTrue(labels.contains("Conv2D...") && labels.contains("ReLU") && labels.contains("Leaky ReLU...") &&
			labels.contains("Max Pooling...") && labels.contains("Average Pooling..."), labels.toString());
	}
}

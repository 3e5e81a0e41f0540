package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ij.plugin.filter.PlugInFilter;

/** {@code plugins.config}, as ImageJ reads it from the jar, holds exactly the registry's commands, then Merge Feature Maps... */
class PluginsConfigTest {

	private static final Pattern LINE = Pattern.compile("^(Plugins>CNN Layers),\\s*\"([^\"]+)\",\\s*([\\w.$]+)\\(\"([^\"]*)\"\\)\\s*$");

	@Test
	void everyEntryIsARegistryCommandWithItsPluginClassAndArgument() throws Exception {
		final InputStream in = getClass().getClassLoader().getResourceAsStream("plugins.config");
		assertNotNull(in, "plugins.config is packaged at the jar root");
		final List<String> labels = new ArrayList<>();
		boolean merge = false;
		boolean network = false;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) {
				if (line.trim().isEmpty() || line.startsWith("#"))
					continue;
				final Matcher m = LINE.matcher(line);
				assertTrue(m.matches(), "malformed line: " + line);
				if (m.group(2).equals(io.github.cnnlayers.layers.MergeOperation.COMMAND)) { // two images: a PlugIn, after the registry
					assertEquals(MergePlugin.class, Class.forName(m.group(3)));
					merge = true;
					continue;
				}
				if (m.group(2).equals("Run Network...")) { // a model file over the image, last
					assertEquals(RunNetworkPlugin.class, Class.forName(m.group(3)));
					assertTrue(merge, "Run Network... comes last");
					network = true;
					continue;
				}
				assertTrue(!merge, "the merge command comes after the registry's");
				final LayerCommand command = LayerCommand.fromArgument(m.group(4));
				assertEquals(command.label(), m.group(2), "the label of argument \"" + m.group(4) + "\"");
				final Class<?> c = Class.forName(m.group(3));
				assertTrue(PlugInFilter.class.isAssignableFrom(c), c + " is a PlugInFilter");
				assertEquals(command.inPlace() ? ActivationPlugin.class : NewImageLayerPlugin.class, c,
					"one plugin class per kind of life: " + command);
				c.getConstructor().newInstance();
				labels.add(m.group(2));
			}
		}
		assertEquals(Arrays.stream(LayerCommand.values()).map(LayerCommand::label).collect(Collectors.toList()), labels,
			"every registry command once, in registry order");
		assertTrue(merge, "Merge Feature Maps... is registered");
		assertTrue(network, "Run Network... is registered");
	}
}

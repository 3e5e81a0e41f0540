package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's command table and SciJava table against the registry: every command has a row whose macro
 * line parses with the command's own keys and names its result's title suffix, and every SciJava class is
 * listed — so the documentation cannot drift from the code.
 */
class ReadmeCommandsTest {

	private static final Pattern ROW = Pattern.compile("^\\| ([^|`]+?) \\| `run\\(\"([^\"]+)\"(?:, \"([^`]*)\")?\\);` \\| ([^|]+) \\|$",
		Pattern.MULTILINE);

	@Test
	void everyCommandHasARowWhoseMacroLineParsesAndNamesItsResult() throws IOException {
		final String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
		final Set<LayerCommand> documented = new LinkedHashSet<>();
		final Matcher m = ROW.matcher(readme);
		boolean merge = false;
		boolean network = false;
		while (m.find()) {
			if (m.group(2).equals(io.github.cnnlayers.layers.MergeOperation.COMMAND)) {
				io.github.cnnlayers.ij.MacroOptions.parse("merge", m.group(3), java.util.Arrays.asList("image1", "operation", "image2"));
				assertTrue(m.group(4).contains("<image1>-concat"), m.group(0));
				merge = true;
				continue;
			}
			if (m.group(2).equals("Run Network...")) {
				io.github.cnnlayers.layers.NetworkSpec.parseOptions(m.group(3));
				assertTrue(m.group(4).contains("<title>-network"), m.group(0));
				network = true;
				continue;
			}
			final LayerCommand c = byLabel(m.group(2));
			assertTrue(m.group(1).startsWith(c.label()), m.group(0));
			c.parse(m.group(3) == null ? "" : m.group(3).replace("\\n", "\n")); // the keys are the command's
			assertTrue(c.inPlace() ? m.group(4).contains("in place") : m.group(4).contains("<title>-" + c.titleSuffix()),
				m.group(0));
			documented.add(c);
		}
		assertEquals(new LinkedHashSet<>(java.util.Arrays.asList(LayerCommand.values())), documented,
			"every command has a row in the README's command table");
		for (final LayerCommand c : LayerCommand.values())
			assertTrue(readme.contains("`" + c.scijavaCommand() + "`"), c.scijavaCommand() + " in the SciJava table");
		assertTrue(merge, "Merge Feature Maps... has a row");
		assertTrue(network, "Run Network... has a row");
	}

	private static LayerCommand byLabel(final String label) {
		for (final LayerCommand c : LayerCommand.values())
			if (c.label().equals(label))
				return c;
		throw new AssertionError("README names an unknown command \"" + label + "\"");
	}
}

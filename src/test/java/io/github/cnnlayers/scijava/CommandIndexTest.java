package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;

import ij.ImagePlus;
import io.github.cnnlayers.layers.Key;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * The five commands are in the SciJava plugin index (what Fiji and PyImageJ discover), runnable
 * headless, with no menu entry next to the ImageJ 1.x commands and hidden from the search bar.
 */
class CommandIndexTest extends CommandTestBase {

	/** One SciJava command per registry entry, named by the registry. */
	private static final List<Class<? extends Command>> COMMANDS = Arrays.stream(LayerCommand.values())
		.map(CommandIndexTest::classOf).collect(Collectors.toList());

	/** Every SciJava command of the project: the registry's, and Run Network */
	private static final List<Class<? extends Command>> ALL = new ArrayList<>(COMMANDS);

	static {
		ALL.add(RunNetworkCommand.class);
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Command> classOf(final LayerCommand c) {
		try {
			return (Class<? extends Command>) Class.forName("io.github.cnnlayers.scijava." + c.scijavaCommand());
		}
		catch (final ClassNotFoundException e) {
			throw new AssertionError(c + " names a SciJava command that does not exist: " + c.scijavaCommand(), e);
		}
	}

	@Test
	void theAnnotationIndexListsEveryCommand() throws Exception {
		final Set<String> indexed = new TreeSet<>();
		final Enumeration<URL> indexes = getClass().getClassLoader().getResources("META-INF/json/org.scijava.plugin.Plugin");
		for (final URL url : Collections.list(indexes))
			try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
				final String json = r.lines().collect(Collectors.joining("\n"));
				for (final Class<?> c : ALL)
					if (json.contains("\"class\":\"" + c.getName() + "\""))
						indexed.add(c.getName());
			}
		assertEquals(ALL.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)), indexed);
	}

	@Test
	void pluginServiceDiscoversExactlyTheseCommandsInThePackage() {
		final Set<String> found = context.service(PluginService.class).getPluginsOfType(Command.class).stream()
			.map(PluginInfo::getClassName).filter(n -> n.startsWith("io.github.cnnlayers."))
			.collect(Collectors.toCollection(TreeSet::new));
		assertEquals(ALL.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)), found);
	}

	@Test
	void noMenuPathHeadlessInvisibleNotPersisted() {
		for (final Class<? extends Command> c : ALL) {
			final CommandInfo info = command.getCommand(c);
			assertNotNull(info, c.getName());
			assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), c + " has no menu path");
			assertTrue(info.canRunHeadless(), c + " headless");
			assertFalse(info.isVisible(), c + " hidden from menus and search");
			final ModuleItem<?> input = info.getInput("input");
			assertEquals(ImagePlus.class, input.getType());
			for (final ModuleItem<?> item : parameters(c))
				assertFalse(item.isPersisted(), c.getSimpleName() + "." + item.getName() + " not persisted");
			final ModuleItem<?> result = info.getOutput("result");
			assertEquals(ImagePlus.class, result.getType());
			assertEquals(ItemIO.OUTPUT, result.getIOType());
		}
	}

	/**
	 * The parameters of each command are derived from its registry entry: "input", every macro key,
	 * "stack"; whole numbers and numbers are doubles (so SciJava never truncates 2.7 to 2), flags booleans,
	 * the rest strings, and choice parameters offer exactly the registry's labels.
	 */
	@Test
	void parametersAreTheRegistrysMacroKeys() {
		for (final LayerCommand c : LayerCommand.values()) {
			final Map<String, Class<?>> expected = new TreeMap<>();
			expected.put("input", ImagePlus.class);
			for (final Key key : c.keys())
				expected.put(key.name(), typeOf(key.kind()));
			expected.put("stack", boolean.class);
			final Map<String, Class<?>> actual = new TreeMap<>();
			for (final ModuleItem<?> item : parameters(classOf(c)))
				actual.put(item.getName(), item.getType());
			assertEquals(expected, actual, c.label());
			for (final Key key : c.keys())
				if (key.kind() == Key.Kind.CHOICE)
					assertEquals(key.choices(), command.getCommand(classOf(c)).getInput(key.name()).getChoices(), c + " " + key);
		}
	}

	private static Class<?> typeOf(final Key.Kind kind) {
		switch (kind) {
			case INTEGER:
			case NUMBER:
				return double.class;
			case FLAG:
				return boolean.class;
			default:
				return String.class;
		}
	}

	/** @return the inputs a script gives: all but the {@link Context} that SciJava injects */
	private static List<ModuleItem<?>> parameters(final Class<? extends Command> c) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> item : command.getCommand(c).inputs())
			if (!Context.class.isAssignableFrom(item.getType()))
				items.add(item);
		return items;
	}
}

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
import java.util.Set;
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

/**
 * The five commands are in the SciJava plugin index (what Fiji and PyImageJ discover), runnable
 * headless, with no menu entry next to the ImageJ 1.x commands and hidden from the search bar.
 */
class CommandIndexTest extends CommandTestBase {

	private static final List<Class<? extends Command>> COMMANDS = Arrays.asList(Conv2DCommand.class, ReluCommand.class,
		LeakyReluCommand.class, MaxPoolingCommand.class, AveragePoolingCommand.class);

	@Test
	void theAnnotationIndexListsTheFiveCommands() throws Exception {
		final Set<String> indexed = new TreeSet<>();
		final Enumeration<URL> indexes = getClass().getClassLoader().getResources("META-INF/json/org.scijava.plugin.Plugin");
		for (final URL url : Collections.list(indexes))
			try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
				final String json = r.lines().collect(Collectors.joining("\n"));
				for (final Class<?> c : COMMANDS)
					if (json.contains("\"class\":\"" + c.getName() + "\""))
						indexed.add(c.getName());
			}
		assertEquals(COMMANDS.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)), indexed);
	}

	@Test
	void pluginServiceDiscoversExactlyTheseCommandsInThePackage() {
		final Set<String> found = context.service(PluginService.class).getPluginsOfType(Command.class).stream()
			.map(PluginInfo::getClassName).filter(n -> n.startsWith("io.github.cnnlayers."))
			.collect(Collectors.toCollection(TreeSet::new));
		assertEquals(COMMANDS.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)), found);
	}

	@Test
	void noMenuPathHeadlessInvisibleNotPersisted() {
		for (final Class<? extends Command> c : COMMANDS) {
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

	@Test
	void parameterNamesAreTheMacroKeys() {
		assertEquals(Arrays.asList("input", "kernel", "preset", "stride", "padding", "border", "dilation", "bias",
			"normalize", "stack"), names(Conv2DCommand.class));
		assertEquals(Arrays.asList("input", "stack"), names(ReluCommand.class));
		assertEquals(Arrays.asList("input", "alpha", "stack"), names(LeakyReluCommand.class));
		assertEquals(Arrays.asList("input", "size", "stride", "padding", "ceil", "stack"), names(MaxPoolingCommand.class));
		assertEquals(Arrays.asList("input", "size", "stride", "padding", "ceil", "stack", "count"),
			names(AveragePoolingCommand.class));
	}

	private static List<String> names(final Class<? extends Command> c) {
		return parameters(c).stream().map(ModuleItem::getName).collect(Collectors.toList());
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

package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Plain ImageJ with the normal jar and no ImgLib2 (the README's old pitfall): every menu command run from a
 * macro must stop the macro with a message naming what to install — never return having done nothing.
 * ImageJ 1.54p shows the message in its "Macro Error" dialog; {@link MacroErrorDriver} reads that dialog.
 */
class MissingImgLib2IT {

	/** Each command with options, as a macro would call it. */
	private static final String[][] COMMANDS = { { "Conv2D...", "preset=edge" }, { "Batch Norm...", "weights=[w.npz]" }, { "ReLU", "" },
		{ "Leaky ReLU...", "alpha=0.1" }, { "Sigmoid", "" }, { "Tanh", "" }, { "Max Pooling...", "size=2" },
		{ "Average Pooling...", "size=2" }, { "Min Pooling...", "size=2" } };

	private static final String MESSAGE = "CNN Layers needs ImgLib2, which plain ImageJ does not include: " +
		"use CNN_Layers-0.1.0-SNAPSHOT-standalone.jar instead, or copy imglib2-8.0.0.jar into ImageJ/plugins/jars " +
		"(Fiji ships it).";

	private static void everyCommandStopsTheMacroNamingWhatToInstall(final Path ij) throws Exception {
		final Path dir = Files.createTempDirectory("cnnlayers-macros");
		final List<String> files = new ArrayList<>();
		for (int i = 0; i < COMMANDS.length; i++) {
			final Path f = dir.resolve("m" + i + ".ijm");
			Files.write(f, String.join("\n", "print('start " + COMMANDS[i][0] + "');",
				"newImage('a', '32-bit ramp', 8, 8, 1);",
				"run('" + COMMANDS[i][0] + "', '" + COMMANDS[i][1] + "');",
				"print('still running after " + COMMANDS[i][0] + ", image ' + getTitle());").getBytes(StandardCharsets.UTF_8));
			files.add(f.toString());
		}
		final String out = RealImageJ.runJava(RealImageJ.Install.of(ij, Arrays.asList(RealImageJ.property("cnnlayers.jar")),
			Collections.emptyList()), MacroErrorDriver.class.getName(), files, Duration.ofSeconds(180));
		final String flat = out.replace('\n', ' ').replaceAll(" +", " ");
		for (final String[] c : COMMANDS) {
			assertTrue(out.contains("start " + c[0]), out);
			assertFalse(out.contains("still running after " + c[0]), c[0] + " let the macro go on:\n" + out);
		}
		int reported = 0;
		for (int i = flat.indexOf(MESSAGE); i >= 0; i = flat.indexOf(MESSAGE, i + 1))
			reported++;
		assertEquals(COMMANDS.length, reported, "each command reports the message once:\n" + out);
	}

	@Test
	void everyCommandStopsTheMacroNamingWhatToInstallInImageJ154() throws Exception {
		everyCommandStopsTheMacroNamingWhatToInstall(RealImageJ.property("ij.jar"));
	}

	@Test
	void everyCommandStopsTheMacroNamingWhatToInstallInImageJ152() throws Exception {
		everyCommandStopsTheMacroNamingWhatToInstall(RealImageJ.property("ij.old.jar"));
	}
}

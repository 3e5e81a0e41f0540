package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MacroFiles#open} never throws: a file it cannot open gives the CLI's message as text (the
 * success path, which shows the image, is tested in a real ImageJ by {@code MacrosIT}).
 */
class MacroFilesTest {

	@TempDir
	Path dir;

	@Test
	void aBadFileGivesTheReasonAsText() throws IOException {
		final Path corrupt = dir.resolve("corrupt.tif");
		Files.write(corrupt, "not a TIFF".getBytes(StandardCharsets.UTF_8));
		assertTrue(MacroFiles.open(corrupt.toString()).startsWith("cannot open " + corrupt + ": not an image ImageJ can read"),
			MacroFiles.open(corrupt.toString()));

		final byte[] whole = Files.readAllBytes(TestImages.noiseTiff(dir.resolve("whole.tif").toFile(), 32, 1).toPath());
		final Path cut = dir.resolve("cut.tif");
		Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
		assertTrue(MacroFiles.open(cut.toString()).startsWith(cut + " is truncated: its pixel data needs "), MacroFiles.open(cut.toString()));

		final Path missing = dir.resolve("missing.png");
		assertEquals("cannot open " + missing + ": no such file", MacroFiles.open(missing.toString()));
		assertEquals("cannot open " + dir + ": not a file", MacroFiles.open(dir.toString()));
	}
}

package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a step's files are resolved (issue 20 item 7) and what a run's {@link Recipe} records (item 6):
 * a relative weight path becomes absolute where the step is parsed, and a recipe changes with the
 * steps and with a weight file's content, not with its folder or date.
 */
class RecipeTest {

	@TempDir
	Path dir;

	/** Writes a little-endian float32 C-order .npy file. */
	static void npy(final File file, final float[] data, final int... shape) throws IOException {
		final StringBuilder dims = new StringBuilder();
		for (final int d : shape)
			dims.append(d).append(", ");
		final StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }");
		while ((10 + header.length() + 1) % 64 != 0)
			header.append(' ');
		header.append('\n');
		final ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
		b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
		for (final float v : data)
			b.putFloat(v);
		Files.write(file.toPath(), b.array());
	}

	@Test
	void aRelativeWeightPathIsMadeAbsoluteWhereTheStepIsParsed() throws IOException {
		final Path cwd = Paths.get("").toAbsolutePath();
		final Path folder = Files.createDirectories(cwd.resolve("target").resolve("recipe-" + UUID.randomUUID()));
		try {
			npy(folder.resolve("w.npy").toFile(), new float[] { 2 }, 1, 1, 1, 1);
			final String relative = cwd.relativize(folder.resolve("w.npy")).toString();
			final Step s = Step.parse(2, "@0 Conv2D... weights=[" + relative + "] padding=0");
			final String absolute = folder.resolve("w.npy").toString();
			assertEquals("@0 Conv2D... weights=" + absolute + " padding=0 stack", s.resolvedText());
			assertEquals(Collections.singletonList(new File(absolute)), s.files());
			assertEquals(s.resolvedText(), Step.parse(2, s.resolvedText()).resolvedText(), "parsing the resolved text changes nothing");
			assertEquals("alpha=0.1 stack", Step.parse(1, "Leaky ReLU... alpha=0.1").options(), "a step without files keeps its text");
			assertEquals("@0 Leaky ReLU... alpha=0.1 stack", Pipeline.parse("Leaky ReLU... alpha=0.1").resolvedSteps().get(0));
		}
		finally {
			for (final File f : folder.toFile().listFiles())
				f.delete();
			folder.toFile().delete();
		}
	}

	@Test
	void aRecipeChangesWithStepsAndWeightContentNotWithFolderOrDate() throws IOException {
		final File a = dir.resolve("a").toFile();
		final File b = dir.resolve("b").toFile();
		assertTrue(a.mkdir() && b.mkdir());
		final float[] w = new float[300_000]; // 1.2 MB: a change after the first megabyte must count
		Arrays.fill(w, 1);
		npy(new File(a, "w.npy"), w, 300_000, 1, 1, 1);
		Files.copy(new File(a, "w.npy").toPath(), new File(b, "w.npy").toPath());
		assertTrue(new File(b, "w.npy").setLastModified(new File(a, "w.npy").lastModified() - 86_400_000L));
		final Recipe ra = Recipe.of(Pipeline.parse("Conv2D... weights=[" + new File(a, "w.npy") + "]", "Leaky ReLU... alpha=0.1"));
		final Recipe rb = Recipe.of(Pipeline.parse("Conv2D... weights=[" + new File(b, "w.npy") + "]", "Leaky ReLU... alpha=0.1"));
		assertEquals(ra, rb, "the same content elsewhere, a day older");
		assertTrue(ra.text().startsWith("@0 Conv2D... weights=[w.npy 1200128 bytes sha256:"), ra.text());
		assertTrue(ra.text().endsWith(" | @1 Leaky ReLU... alpha=0.1"), ra.text());
		assertNotEquals(ra, Recipe.of(Pipeline.parse("Conv2D... weights=[" + new File(a, "w.npy") + "]", "Leaky ReLU... alpha=0.5")));
		try (RandomAccessFile f = new RandomAccessFile(new File(b, "w.npy"), "rw")) {
			f.seek(f.length() - 1); // the last weight's top byte: same size, same first megabyte
			f.write(0x40);
		}
		assertNotEquals(ra, Recipe.of(Pipeline.parse("Conv2D... weights=[" + new File(b, "w.npy") + "]", "Leaky ReLU... alpha=0.1")));
	}
}

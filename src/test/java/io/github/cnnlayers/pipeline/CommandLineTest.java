package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command-line walk both the pipeline runner and the Spark job use. */
class CommandLineTest {

	@Test
	void optionsTakeTheirValueAfterEqualsOrAsTheNextArgument() {
		final CommandLine line = new CommandLine(new String[] { "--input=a=b.tif", "ReLU", "-o", "out", "--step", "Max Pooling..." });
		final List<String> seen = new ArrayList<>();
		while (line.next())
			seen.add(line.name().startsWith("-") ? line.name() + ":" + line.value() : "word:" + line.word());
		// only the first '=' splits; a bare word is itself
		assertEquals(Arrays.asList("--input:a=b.tif", "word:ReLU", "-o:out", "--step:Max Pooling..."), seen);
	}

	@Test
	void aMissingValueOrAnOptionGivenTwiceIsAnError() {
		final CommandLine line = new CommandLine(new String[] { "--output" });
		assertTrue(line.next());
		assertEquals("--output needs a value",
			assertThrows(IllegalArgumentException.class, line::value).getMessage());
		assertFalse(line.next());
		assertEquals("--input is given twice (\"a\" and \"b\"); give it once",
			assertThrows(IllegalArgumentException.class, () -> CommandLine.once("a", "--input", "b")).getMessage());
		assertEquals("b", CommandLine.once(null, "--input", "b"));
	}

	@Test
	void stepsFilesSkipBlankLinesAndComments() {
		assertEquals(Arrays.asList("Conv2D... preset=[sobel x]", "ReLU"),
			CommandLine.steps("f", Arrays.asList("# edges", "", "  Conv2D... preset=[sobel x]  ", "\t", "ReLU", "#end")));
		assertEquals("the steps file f holds no step (blank lines and # comments only)",
			assertThrows(IllegalArgumentException.class, () -> CommandLine.steps("f", Arrays.asList("# only", " "))).getMessage());
	}
}

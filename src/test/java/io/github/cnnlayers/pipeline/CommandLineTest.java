package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
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

	@Test
	void anOptionsTableRunsEachOptionAndNamesTheOptionsForAnUnknownOne() {
		final List<String> seen = new ArrayList<>();
		final CommandLine.Options table = new CommandLine.Options().flag(() -> seen.add("help"), "--help", "-h")
			.value(v -> seen.add("step " + v), "--step", "-s").value(v -> seen.add("output " + v), "--output", "-o");
		table.parse(new String[] { "-h", "ReLU", "--step=A", "-s", "B", "-o", "out" }, w -> seen.add("word " + w));
		assertEquals(Arrays.asList("help", "word ReLU", "step A", "step B", "output out"), seen);
		assertEquals("unknown option \"--colour=red\"; options: --help, --step, --output",
			assertThrows(IllegalArgumentException.class, () -> table.parse(new String[] { "--colour=red" }, w -> {})).getMessage());
		assertEquals("--output is given twice (\"a\" and \"b\"); give it once", assertThrows(IllegalArgumentException.class,
			() -> Arguments.parse(new String[] { "-o", "a", "--output", "b" })).getMessage());
		assertEquals("--sample is given twice (\"cell\" and \"ihc\"); give it once", assertThrows(IllegalArgumentException.class,
			() -> Arguments.parse(new String[] { "--sample", "cell", "--sample", "ihc" })).getMessage());
	}

	@Test
	void stepsAndStepsFilesKeepTheOrderGiven() {
		final Arguments a = Arguments.parse(new String[] { "--step", "A", "--steps", "f", "B", "-s", "C" });
		assertEquals(Arrays.asList("A", "f1", "f2", "B", "C"), a.steps(path -> Arrays.asList("# from " + path, path + "1", "", path + "2")));
		assertEquals("cannot read the steps file f (NoSuchFileException); give a text file with one step per line",
			assertThrows(IllegalArgumentException.class, () -> a.steps(path -> {
				throw new NoSuchFileException(path);
			})).getMessage());
		assertFalse(Arguments.parse(new String[] { "--output", "o" }).hasSteps());
	}

	@Test
	void helpWinsOverTheOtherChecksWhichNameWhatIsWrong() {
		assertTrue(Arguments.parse(new String[] { "--input", "a", "--sample", "cell", "--help" }).help);
		assertEquals("give either --input or --sample, not both",
			assertThrows(IllegalArgumentException.class, () -> Arguments.parse(new String[] { "--input", "a", "--sample", "cell" }))
				.getMessage());
		assertEquals(PipelineRunner.DEFAULT_OUTPUT, Arguments.parse(new String[0]).output);
		assertEquals("--output needs a folder name",
			assertThrows(IllegalArgumentException.class, () -> Arguments.parse(new String[] { "-o", " " })).getMessage());
		final RunArguments required = new RunArguments(false, null) {

			@Override
			protected void options(final CommandLine.Options table) {}

			@Override
			protected void check() {}
		};
		assertEquals("--output is missing: give the output folder",
			assertThrows(IllegalArgumentException.class, () -> required.read(new String[] { "-i", "x" })).getMessage());
	}
}

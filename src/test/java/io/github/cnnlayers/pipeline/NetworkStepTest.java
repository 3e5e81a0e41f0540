package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Collections;

import org.junit.jupiter.api.Test;

/**
 * A Run Network step, as the file keys of the other steps: its model path made absolute where the step is parsed
 * (a cluster's executors have another working folder), listed among the step's files for the recipe, and parsed
 * back to the same step.
 */
class NetworkStepTest {

	@Test
	void theModelPathIsMadeAbsoluteAndListedAsTheStepsFile() {
		final String relative = "src/test/resources/onnx/networks/classifier.onnx";
		final String absolute = new File(relative).getAbsolutePath();
		final Step s = Step.parse(1, "Run Network... model=[" + relative + "] output=[output]");
		assertEquals(Collections.singletonList(new File(absolute)), s.files());
		assertTrue(s.resolvedText().startsWith("@0 Run Network... model=" + absolute), s.resolvedText());
		assertEquals(s.resolvedText(), Step.parse(2, s.resolvedText()).resolvedText(), "parsing the resolved text changes nothing");
		assertTrue(s.textWithFiles(f -> "<" + f.getName() + ">").contains("model=<classifier.onnx>"), s.textWithFiles(f -> "<" + f.getName() + ">"));
	}
}

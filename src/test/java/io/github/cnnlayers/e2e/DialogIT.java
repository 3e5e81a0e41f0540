package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Conv2D dialog in a real ImageJ with a display (Xvfb), driven as a user would, and the line the
 * Macro Recorder writes for it replayed as a macro: the recorded line is the macro contract and gives
 * the same image.
 */
class DialogIT {

	@Test
	void dialogChecksPreviewsCancelsAndRecordsTheMacroContract() throws Exception {
		final String out = RealImageJ.runJava(DialogDriver.class.getName(), Duration.ofSeconds(120));
		final Map<String, String> m = new HashMap<>();
		for (final String line : out.split("\n")) {
			final int c = line.indexOf(": ");
			if (c > 0)
				m.put(line.substring(0, c), line.substring(c + 2).trim());
		}
		assertEquals("Stride 0 is not allowed; allowed: whole numbers >= 1", m.get("bad stride message"), out);
		assertEquals("false", m.get("bad stride OK enabled"), out);
		assertTrue(m.get("preview windows").contains("ramp-conv2d (preview)"), out);
		assertEquals("ramp", m.get("after cancel windows"), "Cancel closes the preview and makes nothing\n" + out);
		assertEquals("0.0625 0.125 0.0625|0.125 0.25 0.125|0.0625 0.125 0.0625", m.get("kernel text"), "preset fills the kernel");
		assertEquals("ramp-conv2d 32x24x3 32-bit", m.get("result"), out);
		final String recorded = m.get("recorded");
		assertEquals("run(\"Conv2D...\", \"kernel=[0.0625 0.125 0.0625\\n0.125 0.25 0.125\\n0.0625 0.125 0.0625] " +
			"preset=[gaussian 3x3] stride=2 padding=same border=zero dilation=1 bias=0 stack\");", recorded, out);

		// the recorded line, replayed as a macro, makes the same image
		final String replay = RealImageJ.runMacro(String.join("\n",
			"setBatchMode(true);",
			"newImage('ramp', '32-bit ramp', 64, 48, 3);",
			recorded,
			"print('replayed: ' + getTitle() + ' ' + getWidth() + 'x' + getHeight() + 'x' + nSlices + ' ' + bitDepth() + '-bit');"),
			null, Duration.ofSeconds(120));
		assertTrue(replay.contains("replayed: ramp-conv2d 32x24x3 32-bit"), replay);
	}
}

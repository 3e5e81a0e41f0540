package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

	private static final Collection<String> KEYS = java.util.Arrays.asList("kernel", "preset", "stride", "normalize", "stack");

	@Test
	void parsesBracketedValuesWithLineBreaksFlagsAndPlainValues() {
		final MacroOptions o = MacroOptions.parse("Conv2D", "kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] preset=[custom] stride=2 normalize stack ", KEYS);
		assertEquals("-1 -1 -1\n-1 8 -1\n-1 -1 -1", o.text("kernel", null));
		assertEquals("custom", o.text("preset", null));
		assertEquals(2, o.integer("stride", 1, ""));
		assertTrue(o.flag("normalize"));
		assertTrue(o.flag("stack"));
	}

	@Test
	void absentKeysTakeDefaults() {
		final MacroOptions o = MacroOptions.parse("Conv2D", "", KEYS);
		assertEquals(1, o.integer("stride", 1, ""));
		assertFalse(o.flag("stack"));
		assertEquals("d", o.text("kernel", "d"));
		assertTrue(MacroOptions.parse("Conv2D", null, KEYS).keys().isEmpty());
	}

	@Test
	void keysMatchInAnyCase() {
		assertEquals(3, MacroOptions.parse("Conv2D", "STRIDE=3", KEYS).integer("stride", 1, ""));
	}

	@Test
	void unknownKeyIsAnErrorListingTheAllowedOnes() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> MacroOptions.parse("Conv2D", "strid=2", KEYS));
		assertEquals("Conv2D: unknown option \"strid\"; allowed: kernel, preset, stride, normalize, stack", e.getMessage());
	}

	@Test
	void badNumbersNameKeyValueAndAllowedValues() {
		final MacroOptions o = MacroOptions.parse("Conv2D", "stride=1.5 kernel=abc", KEYS);
		assertEquals("Conv2D: stride=1.5 is not a whole number; allowed: whole numbers >= 1",
			assertThrows(IllegalArgumentException.class, () -> o.integer("stride", 1, "whole numbers >= 1")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> o.number("kernel", 0, "x")).getMessage().contains("kernel=abc"));
		assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("Conv2D", "kernel=[1 2", KEYS));
	}

	@Test
	void quoteBracketsValuesWithSpacesAndEscapesLineBreaks() {
		assertEquals("2", MacroOptions.quote("2"));
		assertEquals("[box blur]", MacroOptions.quote("box blur"));
		assertEquals("[1 0\\n0 1]", MacroOptions.quote("1 0\n0 1"));
		final MacroOptions round = MacroOptions.parse("Conv2D", "kernel=" + MacroOptions.quote("1 2 3\n4 5 6\n7 8 9"), KEYS);
		assertEquals("1 2 3\\n4 5 6\\n7 8 9", round.text("kernel", null));
	}
}

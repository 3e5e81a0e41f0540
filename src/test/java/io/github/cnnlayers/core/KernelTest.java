package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelTest {

	@Test
	void parsesRowsAndSeparators() {
		final Kernel k = Kernel.parse("1, 2\t3\n4;5 6\r\n\n7 8 9\n");
		assertEquals(3, k.width());
		assertEquals(3, k.height());
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, k.weights());
		assertEquals(6, k.weight(2, 1));
	}

	@Test
	void literalBackslashNSeparatesRowsAsInRecordedMacros() {
		assertEquals(Kernel.parse("1 2 3\n4 5 6\n7 8 9"), Kernel.parse("1 2 3\\n4 5 6\\n7 8 9"));
	}

	@Test
	void acceptsDecimalAndExponentNotation() {
		assertArrayEquals(new float[] { -0.25f, 1e-3f, 0.5f }, Kernel.parse("-0.25 1e-3 .5").weights());
	}

	@Test
	void evenSizesAreRejectedNamingTheSize() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 1\n1 1"));
		assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("odd"), e.getMessage());
		final IllegalArgumentException tall = assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 1 1\n1 1 1"));
		assertTrue(tall.getMessage().contains("3x2") && tall.getMessage().contains("height 2"), tall.getMessage());
	}

	@Test
	void nonNumericTokenIsAnErrorNamingIt() {
		// ImageJ's Convolve silently reads this as 0; we refuse it
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 1 1\n1 x 1\n1 1 1"));
		assertTrue(e.getMessage().contains("\"x\"") && e.getMessage().contains("row 2, column 2"), e.getMessage());
		for (final String bad : new String[] { "NaN", "Infinity", "1f", "0x10", "1e99" })
			assertThrows(IllegalArgumentException.class, () -> Kernel.parse(bad), bad);
	}

	@Test
	void raggedRowsAreAnErrorNamingTheRow() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 1 1\n1 1\n1 1 1"));
		assertTrue(e.getMessage().contains("row 2 has 2 values but row 1 has 3"), e.getMessage());
	}

	@Test
	void emptyIsAnError() {
		assertThrows(IllegalArgumentException.class, () -> Kernel.parse("  \n "));
		assertThrows(IllegalArgumentException.class, () -> Kernel.parse(null));
	}

	@Test
	void normalizeDividesBySumAndLeavesZeroSumKernels() {
		final Kernel k = Kernel.parse("1 2 1\n2 4 2\n1 2 1").normalized();
		assertEquals(1.0, k.sum(), 1e-6);
		assertEquals(0.25f, k.weight(1, 1), 1e-7);
		final Kernel edge = KernelPreset.EDGE.kernel();
		assertEquals(edge, edge.normalized());
	}

	@Test
	void textRoundTrips() {
		final Kernel k = Kernel.parse("-1 0.5 1\n2 3 4\n5 6 7");
		assertEquals(k, Kernel.parse(k.toText()));
	}

	@Test
	void everyPresetParsesWithOddSizesAndLabelsMatchInAnyCase() {
		for (final KernelPreset p : KernelPreset.values()) {
			assertSame(p, KernelPreset.fromLabel(p.label().toUpperCase()));
			if (p == KernelPreset.CUSTOM)
				continue;
			final java.util.List<Kernel> bank = Kernel.parseBank(p.text());
			assertEquals(p.isBank(), bank.size() > 1, p.label());
			assertEquals(bank.size(), p.kernelNames().size(), p.label());
			for (final Kernel k : bank) {
				assertEquals(1, k.width() % 2);
				assertEquals(1, k.height() % 2);
				assertEquals(k.width(), bank.get(0).width());
			}
		}
		// the Gabor bank is zero-mean (to the 4 decimals written), and its 0 degree kernel is symmetric
		for (final Kernel k : Kernel.parseBank(KernelPreset.GABOR.text()))
			assertEquals(0, k.sum(), 5e-3);
		final Kernel g0 = Kernel.parseBank(KernelPreset.GABOR.text()).get(0);
		for (int y = 0; y < 7; y++)
			for (int x = 0; x < 7; x++)
				assertEquals(g0.weight(x, y), g0.weight(6 - x, 6 - y), 0);
		assertEquals(Kernel.parse(KernelPreset.SOBEL_X.text()), Kernel.parseBank(KernelPreset.SOBEL_XY.text()).get(0));
		assertEquals(Kernel.parse(KernelPreset.SOBEL_Y.text()), Kernel.parseBank(KernelPreset.SOBEL_XY.text()).get(1));
		assertEquals(1.0, KernelPreset.GAUSSIAN_5.kernel().sum(), 1e-6);
		assertEquals(1.0, KernelPreset.GAUSSIAN_3.kernel().sum(), 1e-6);
		assertEquals(1.0, KernelPreset.BOX_BLUR.kernel().sum(), 1e-6);
		assertEquals(0.0, KernelPreset.EDGE.kernel().sum(), 0);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.fromLabel("blur"));
		assertTrue(e.getMessage().contains("allowed: custom, identity"), e.getMessage());
	}

	@Test
	void repeatedBankTextGivesItsOwnKernelsAndErrorsEveryTime() {
		final String a = "1 2 3\\n4 5 6\\n7 8 9\n\n0 1 0";
		final String b = "1 2 3\n4 5 6\n7 8 10";
		assertEquals(Kernel.parse("1 2 3\n4 5 6\n7 8 9"), Kernel.parseBank(a).get(0));
		assertEquals(Kernel.parse("0 1 0"), Kernel.parseBank(a).get(1));
		assertEquals(java.util.Collections.singletonList(Kernel.parse(b)), Kernel.parseBank(b), "a new text, not the last one's kernels");
		assertEquals(2, Kernel.parseBank(a).size());
		assertThrows(UnsupportedOperationException.class, () -> Kernel.parseBank(a).clear());
		assertEquals(2, Kernel.parseBank(a).size(), "the kernels of a text cannot be changed by a caller");
		for (int i = 0; i < 2; i++)
			assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.parseBank("1 x 1")).getMessage().contains("\"x\""));
		assertEquals(Kernel.parse(b), Kernel.parseBank(b).get(0));
	}
}

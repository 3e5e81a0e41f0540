package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputGeometryTest {

	/** Counts window positions x0 = -P + i*S whose dilated extent stays inside the padded image. */
	private static long countConvWindows(final long n, final int k, final int s, final int p, final int d) {
		long count = 0;
		for (long x0 = -p; x0 + (long) d * (k - 1) <= n + p - 1; x0 += s)
			count++;
		return count;
	}

	@Test
	void convolutionSizeEqualsCountOfWindowPositions() {
		int checked = 0;
		for (int n = 1; n <= 24; n++)
			for (int k = 1; k <= 7; k += 2)
				for (int s = 1; s <= 4; s++)
					for (int p = 0; p <= 4; p++)
						for (int d = 1; d <= 3; d++) {
							final long expected = countConvWindows(n, k, s, p, d);
							final int nn = n, kk = k, ss = s, pp = p, dd = d;
							if (expected < 1) {
								final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
									() -> OutputGeometry.convolution(nn, kk, ss, pp, dd, "width"));
								assertTrue(e.getMessage().contains("floor((" + n + " + 2*" + p + " - " + d + "*(" + k + "-1) - 1) / " + s + ")"),
									e.getMessage());
							}
							else
								assertEquals(expected, OutputGeometry.convolution(n, k, s, p, d, "width"));
							checked++;
						}
		assertEquals(24 * 4 * 4 * 5 * 3, checked);
	}

	@Test
	void poolingSizeMatchesPyTorchRules() {
		for (int n = 1; n <= 20; n++)
			for (int k = 1; k <= 5; k++)
				for (int s = 1; s <= 4; s++)
					for (int p = 0; 2 * p <= k; p++) {
						if (n + 2 * p < k)
							continue;
						// floor mode: windows fully inside the padded image
						long floor = 0;
						for (long x0 = -p; x0 + k <= n + p; x0 += s)
							floor++;
						assertEquals(floor, OutputGeometry.pooling(n, k, s, p, false, "width"));
						// ceil mode: windows that start inside the image or left padding (x0 < n + p is not enough:
						// PyTorch drops a last window starting in the right padding)
						long ceil = 0;
						for (long x0 = -p; x0 < n + p - k + s && x0 < n + p; x0 += s)
							if (x0 < n)
								ceil++;
						assertEquals(ceil, OutputGeometry.pooling(n, k, s, p, true, "width"), "n=" + n + " k=" + k + " s=" + s + " p=" + p);
					}
	}

	@Test
	void knownPyTorchCeilCases() {
		// torch.nn.functional.max_pool2d(torch.zeros(1,1,5,5), 2, 2, ceil_mode=True).shape[-1] == 3
		assertEquals(3, OutputGeometry.pooling(5, 2, 2, 0, true, "width"));
		assertEquals(2, OutputGeometry.pooling(5, 2, 2, 0, false, "width"));
		// kernel 3, stride 2, padding 1, n 6: floor -> 3, ceil -> 4 would start at x0 = 5 < 6 + 1 -> kept: 4? (6+2-3)/2 = 2.5 -> 4
		assertEquals(3, OutputGeometry.pooling(6, 3, 2, 1, false, "width"));
		assertEquals(4, OutputGeometry.pooling(6, 3, 2, 1, true, "width"));
		// n 4, k 2, s 3, p 1, ceil: ceil((4+2-2)/3)+1 = 3; last window starts at 2*3-1 = 5 >= n+p = 5 -> dropped -> 2
		assertEquals(2, OutputGeometry.pooling(4, 2, 3, 1, true, "width"));
	}

	@Test
	void poolingErrors() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputGeometry.pooling(3, 5, 1, 0, false, "width"))
			.getMessage().contains("larger than the padded image width"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputGeometry.pooling(10, 2, 1, 2, false, "width"))
			.getMessage().contains("allowed: 0 <= padding <= 1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputGeometry.pooling(10, 2, 0, 0, false, "width"))
			.getMessage().contains("Stride 0"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputGeometry.pooling(10, 0, 1, 0, false, "width"))
			.getMessage().contains("size 0"));
	}
}

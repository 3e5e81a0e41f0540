package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/**
 * Conv2D's same-index inner loops ({@link RowKernels}) against the naive reference and against the
 * arithmetic of the previous inner loop (offset taps, three per pass at stride 1, one per pass at
 * stride &gt; 1), on many random cases: strides 1-3, dilations 1-2, rectangular kernels, images
 * narrower or shorter than the kernel with padding, and a case too large for the shifted-copy cache.
 */
class Conv2DRowKernelsTest {

	private static final BorderMode[] MODES = BorderMode.values();

	@Test
	void matchesReferenceAndOldLoopsOnRandomCases() {
		final Random rnd = new Random(2024);
		int cases = 0, strided = 0;
		double maxDiffStrided = 0;
		for (int trial = 0; trial < 600; trial++) {
			final int w = 1 + rnd.nextInt(trial % 3 == 0 ? 4 : 40), h = 1 + rnd.nextInt(trial % 3 == 0 ? 4 : 30);
			final int kw = 1 + 2 * rnd.nextInt(4), kh = 1 + 2 * rnd.nextInt(4);
			final int s = 1 + rnd.nextInt(3), d = 1 + rnd.nextInt(2);
			final BorderMode mode = MODES[rnd.nextInt(MODES.length)];
			final int px = rnd.nextInt(d * (kw - 1) / 2 + 2), py = rnd.nextInt(d * (kh - 1) / 2 + 2);
			if (w + 2 * px - d * (kw - 1) - 1 < 0 || h + 2 * py - d * (kh - 1) - 1 < 0)
				continue;
			final Conv2D.PerPlane c;
			try {
				c = Conv2D.perPlane(new Kernel(kw, kh, random(rnd, kw * kh))).stride(s).padding(py, px).dilation(d).bias(rnd.nextGaussian()).border(mode).build();
				c.outputSize(w, h);
			}
			catch (final IllegalArgumentException e) {
				continue; // e.g. reflect padding not smaller than the image
			}
			final float[] img = random(rnd, w * h);
			final String what = "trial " + trial + ": " + w + "x" + h + " k" + kw + "x" + kh + " s" + s + " d" + d + " p" +
				px + "," + py + " " + mode;
			final float[] old = oldLoops(c, img, w, h);
			final float[] now = run(c, img, w, h);
			if (s == 1)
				assertArrayEquals(old, now, what + ": stride 1 must be bit-for-bit the old result");
			else {
				strided++;
				for (int i = 0; i < now.length; i++)
					maxDiffStrided = Math.max(maxDiffStrided, Math.abs(now[i] - old[i]) / Math.max(1, Math.abs(old[i])));
			}
			final int[] os = new int[2];
			final float[] ref = Reference.conv2d(img, w, h, c.kernel().weights(), kw, kh, s, px, py, d, c.bias(), mode, os);
			assertEquals(ref.length, now.length, what);
			for (int i = 0; i < ref.length; i++)
				assertEquals(ref[i], now[i], 1e-5 * kw * kh * 4, what + " pixel " + i);
			cases++;
		}
		assertTrue(cases > 300 && strided > 100, "cases run: " + cases + ", strided: " + strided);
		// stride > 1 now groups taps three per pass, as stride 1 always did: float rounding only
		assertTrue(maxDiffStrided < 1e-5, "max relative difference to the old loops at stride > 1: " + maxDiffStrided);
		System.out.printf("Conv2DRowKernelsTest: %d cases (%d strided); max |new-old|/max(1,|old|) at stride > 1: %.2e%n",
			cases, strided, maxDiffStrided);
	}

	@Test
	void strideEqualsSubsampledStrideOneBitForBit() {
		final Random rnd = new Random(5);
		final int w = 37, h = 23;
		final float[] img = random(rnd, w * h);
		final Kernel k = new Kernel(5, 3, random(rnd, 15));
		final float[] full = run(Conv2D.perPlane(k).padding(1, 2).dilation(2).bias(0.5).border(BorderMode.REFLECT).build(), img, w, h);
		final long[] fs = Conv2D.perPlane(k).padding(1, 2).dilation(2).bias(0.5).border(BorderMode.REFLECT).build().outputSize(w, h);
		for (int s = 2; s <= 3; s++) {
			final Conv2D.PerPlane c = Conv2D.perPlane(k).stride(s).padding(1, 2).dilation(2).bias(0.5).border(BorderMode.REFLECT).build();
			final long[] os = c.outputSize(w, h);
			final float[] out = run(c, img, w, h);
			for (int y = 0; y < os[1]; y++)
				for (int x = 0; x < os[0]; x++)
					assertEquals(Float.floatToIntBits(full[(int) (y * s * fs[0] + x * s)]),
						Float.floatToIntBits(out[(int) (y * os[0] + x)]), "stride " + s + " (" + x + "," + y + ")");
		}
	}

	@Test
	void largeDilatedKernelBeyondTheTapCacheMatchesTheOldLoops() {
		// 121 ring rows x 31 taps x 560 columns > Conv2D's cache of shifted copies: they are remade per use
		final Random rnd = new Random(9);
		final int w = 560, h = 6;
		final float[] img = random(rnd, w * h);
		final Conv2D.PerPlane c = Conv2D.perPlane(new Kernel(31, 31, random(rnd, 961))).padding(60).dilation(4).bias(0.25).border(BorderMode.REPLICATE).build();
		assertArrayEquals(oldLoops(c, img, w, h), run(c, img, w, h));
	}

	private static float[] run(final Conv2D.PerPlane c, final float[] img, final int w, final int h) {
		final long[] os = c.outputSize(w, h);
		final float[] out = new float[(int) (os[0] * os[1])];
		c.compute(ArrayImgs.floats(img.clone(), w, h), ArrayImgs.floats(out, os[0], os[1]));
		return out;
	}

	/** The arithmetic of Conv2D's inner loops before RowKernels: taps read at an offset in the padded row. */
	static float[] oldLoops(final Conv2D.PerPlane c, final float[] img, final int w, final int h) {
		final long[] os = c.outputSize(w, h);
		final int ow = (int) os[0], oh = (int) os[1];
		final int kw = c.kernel().width(), kh = c.kernel().height(), s = c.stride(), d = c.dilation(), px = c.padX();
		final float[] k = c.kernel().weights();
		final float[] out = new float[ow * oh];
		final float[] row = new float[w + 2 * px];
		final float[] line = new float[ow];
		for (int y = 0; y < oh; y++) {
			java.util.Arrays.fill(line, c.bias());
			for (int j = 0; j < kh; j++) {
				final int iy = y * s - c.padY() + j * d;
				for (int x = 0; x < row.length; x++)
					row[x] = (float) Reference.pixel(img, w, h, x - px, iy, c.border());
				final int first = j * kw;
				int i = 0;
				if (s == 1) {
					for (; i + 2 < kw; i += 3) {
						final float w0 = k[first + i], w1 = k[first + i + 1], w2 = k[first + i + 2];
						final int o0 = i * d, o1 = o0 + d, o2 = o1 + d;
						for (int x = 0; x < ow; x++)
							line[x] += w0 * row[x + o0] + w1 * row[x + o1] + w2 * row[x + o2];
					}
					for (; i < kw; i++)
						for (int x = 0; x < ow; x++)
							line[x] += k[first + i] * row[x + i * d];
				}
				else
					for (; i < kw; i++)
						for (int x = 0, ix = i * d; x < ow; x++, ix += s)
							line[x] += k[first + i] * row[ix];
			}
			System.arraycopy(line, 0, out, y * ow, ow);
		}
		return out;
	}

	private static float[] random(final Random rnd, final int n) {
		final float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = 2 * rnd.nextFloat() - 1;
		return a;
	}
}

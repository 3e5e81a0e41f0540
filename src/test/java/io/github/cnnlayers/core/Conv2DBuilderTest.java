package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The one convolution engine's shapes agree with each other, and its builder and weights check what they take
 * once, with the messages the commands show.
 */
class Conv2DBuilderTest {

	private static float[] random(final Random rnd, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) rnd.nextGaussian();
		return v;
	}

	/** Runs a layer on planes of w x h and returns its output planes. */
	private static float[][] run(final Conv2D layer, final float[][] planes, final int w, final int h) {
		final long[] out = layer.outputSize(w, h);
		final int cout = layer.outputChannels(planes.length);
		final List<ArrayImg<FloatType, FloatArray>> in = new java.util.ArrayList<>();
		for (final float[] p : planes)
			in.add(ArrayImgs.floats(p, w, h));
		final float[][] result = new float[cout][(int) (out[0] * out[1])];
		final List<ArrayImg<FloatType, FloatArray>> outputs = new java.util.ArrayList<>();
		for (final float[] r : result)
			outputs.add(ArrayImgs.floats(r, out[0], out[1]));
		layer.compute(in, outputs);
		return result;
	}

	private static void assertClose(final float[] expected, final float[] actual) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "at " + i);
	}

	@Test
	void oneKernelPerPlaneIsTheDepthwiseAndTheOneToOneLearnedConvolution() {
		final Random rnd = new Random(16);
		final int w = 11, h = 9, kw = 5, kh = 3;
		final float[] k = random(rnd, kw * kh);
		final float[][] planes = { random(rnd, w * h), random(rnd, w * h) };
		final Conv2D.PerPlane perPlane = Conv2D.perPlane(new Kernel(kw, kh, k)).stride(2).padding(1, 3).dilation(2).bias(0.25)
			.border(BorderMode.REFLECT).build();
		final float[][] expected = run(perPlane, planes, w, h);
		assertEquals(2, expected.length);
		// groups = C with the kernel once per group: the channel strategy, C_in = C_out = 2
		final float[] twice = new float[2 * k.length];
		System.arraycopy(k, 0, twice, 0, k.length);
		System.arraycopy(k, 0, twice, k.length, k.length);
		final Conv2D depthwise = Conv2D.learned(new ConvWeights(twice, 2, 1, kh, kw, new float[] { 0.25f, 0.25f }, "dw"), "dw")
			.groups(2).stride(2).padding(1, 3).dilation(2).border(BorderMode.REFLECT).build();
		final float[][] both = run(depthwise, planes, w, h);
		// a learned 1 -> 1 convolution on each plane alone
		final Conv2D oneToOne = Conv2D.learned(new ConvWeights(k, 1, 1, kh, kw, new float[] { 0.25f }, "one"), "one").stride(2)
			.padding(1, 3).dilation(2).border(BorderMode.REFLECT).build();
		for (int c = 0; c < 2; c++) {
			assertClose(expected[c], both[c]);
			assertClose(expected[c], run(oneToOne, new float[][] { planes[c] }, w, h)[0]);
		}
		assertArrayEquals(perPlane.outputSize(w, h), depthwise.outputSize(w, h));
		final ReceptiveField f = perPlane.receptiveField(), g = depthwise.receptiveField();
		assertArrayEquals(new long[] { 9, 5, 2, 3, 1 }, new long[] { f.extentX(), f.extentY(), f.stride(), f.padX(), f.padY() });
		assertArrayEquals(new long[] { 9, 5, 2, 3, 1 }, new long[] { g.extentX(), g.extentY(), g.stride(), g.padX(), g.padY() });
	}

	@Test
	void aBankIsTheKernelsOnEveryChannelNamedByKernelAndChannel() {
		final Random rnd = new Random(3);
		final Kernel a = new Kernel(3, 3, random(rnd, 9)), b = new Kernel(3, 3, random(rnd, 9));
		final float[][] planes = { random(rnd, 42), random(rnd, 42) };
		final Conv2D bank = Conv2D.bank(Arrays.asList(a, b), Arrays.asList("a", "b")).samePadding().bias(-1).build();
		final float[][] out = run(bank, planes, 7, 6);
		assertEquals(4, out.length);
		for (int c = 0; c < 2; c++)
			for (int n = 0; n < 2; n++) {
				final Conv2D.PerPlane single = Conv2D.perPlane(n == 0 ? a : b).samePadding().bias(-1).build();
				assertClose(run(single, new float[][] { planes[c] }, 7, 6)[0], out[c * 2 + n]);
			}
		assertEquals("b of channel 2", bank.channelName(2, 3));
		assertNull(Conv2D.perPlane(a).build().channelName(2, 1), "a plane keeps its label");
	}

	@Test
	void samePaddingIsDilationTimesHalfTheKernelAndNeedsOddSizes() {
		final Conv2D c = Conv2D.learned(new ConvWeights(new float[15], 1, 1, 3, 5, null, "w"), "w").dilation(3).samePadding().build();
		assertEquals(6, c.padX());
		assertEquals(3, c.padY());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Conv2D.learned(new ConvWeights(new float[8], 1, 1, 2, 4, null, "w"), "w").samePadding().build());
		assertTrue(e.getMessage().startsWith("Conv2D: padding=same needs odd kernel sizes, but the weights are 2x4"), e.getMessage());
		assertTrue(e.getMessage().endsWith("e.g. padding=1"), e.getMessage());
	}

	@Test
	void weightsAreCheckedOnceNamingTheIndexAndKeptWithoutACopy() {
		final float[] w = new float[18];
		w[((1 * 1 + 0) * 3 + 2) * 3 + 1] = Float.NaN;
		assertEquals("NaN at index [1, 0, 2, 1] of the weights of w; weights must be finite numbers",
			assertThrows(IllegalArgumentException.class, () -> new ConvWeights(w, 2, 1, 3, 3, null, "w")).getMessage());
		assertEquals("Infinite value at index [1] of the bias of w; weights must be finite numbers",
			assertThrows(IllegalArgumentException.class,
				() -> new ConvWeights(new float[18], 2, 1, 3, 3, new float[] { 0, Float.NEGATIVE_INFINITY }, "w")).getMessage());
		assertEquals("Convolution weights w: shape [2, 1, 3, 3] needs 18 values, not 17",
			assertThrows(IllegalArgumentException.class, () -> new ConvWeights(new float[17], 2, 1, 3, 3, null, "w")).getMessage());
		final ConvWeights ok = new ConvWeights(new float[18], 2, 1, 3, 3, null, "w");
		assertSame(ok, Conv2D.learned(ok, "w").build().weights());
	}

	@Test
	void eachShapeTakesOnlyItsOwnParameters() {
		final Kernel k = Kernel.parse("1 2 1");
		assertThrows(IllegalStateException.class, () -> Conv2D.perPlane(k).groups(2));
		assertThrows(IllegalStateException.class, () -> Conv2D.learned(new ConvWeights(new float[3], 1, 1, 1, 3, null, "w"), "w").bias(1));
		assertEquals("Groups 3 do not divide the 4 output channels; allowed: a divisor of both C_in and C_out (1 = a full convolution, " +
			"C_in = depthwise)", assertThrows(IllegalArgumentException.class,
				() -> Conv2D.learned(new ConvWeights(new float[12], 4, 1, 1, 3, null, "w"), "w").groups(3).build()).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Conv2D.bank(Arrays.asList(k, Kernel.parse("1")),
			Arrays.asList("a", "b")).build()).getMessage().startsWith("Kernel 2 of the bank is 1x1 but kernel 1 is 3x1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Conv2D.perPlane(k).bias(1e40).build()).getMessage()
			.startsWith("Bias 1.0E40 is outside the range of 32-bit floats"));
		assertEquals("Stride 0 is not allowed; allowed: whole numbers >= 1",
			assertThrows(IllegalArgumentException.class, () -> Conv2D.bank(Collections.singletonList(k), Collections.singletonList("k"))
				.stride(0).build()).getMessage());
	}
}

package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The core layers and operations the ONNX importer added, against hand-computed values: Reshape, Clip, SELU,
 * hard sigmoid, softplus, log softmax, and ElementwiseMerge's subtraction, division and PReLU; the reduction over
 * channels, Tile and Erf.
 */
class OnnxLayerAdditionsTest {

	private static List<RandomAccessibleInterval<FloatType>> planes(final int c, final int w, final int h, final float... v) {
		final List<RandomAccessibleInterval<FloatType>> p = new ArrayList<>();
		for (int i = 0; i < c; i++)
			p.add(ArrayImgs.floats(Arrays.copyOfRange(v, i * w * h, (i + 1) * w * h), w, h));
		return p;
	}

	@SuppressWarnings("unchecked")
	private static float[] values(final List<RandomAccessibleInterval<FloatType>> planes) {
		final List<Float> all = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> p : planes)
			for (final float f : ((ArrayImg<FloatType, FloatArray>) p).update(null).getCurrentStorageArray())
				all.add(f);
		final float[] out = new float[all.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = all.get(i);
		return out;
	}

	@Test
	void reshapeKeepsTheRowMajorOrderOfChannelsRowsAndColumns() {
		// 2 planes of 3 x 2 -> 3 planes of 2 x 2 ... values 1..12 keep their order
		final float[] v = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
		final Reshape r = new Reshape(3, 2, 2);
		assertEquals(3, r.outputChannels(2));
		assertArrayEquals(new long[] { 2, 2 }, r.outputSize(3, 2));
		final List<RandomAccessibleInterval<FloatType>> out = planes(3, 2, 2, new float[12]);
		r.compute(planes(2, 3, 2, v), out);
		assertArrayEquals(v, values(out));
		final List<RandomAccessibleInterval<FloatType>> flat = planes(12, 1, 1, new float[12]);
		new Reshape(12, 1, 1).compute(planes(2, 3, 2, v), flat);
		assertArrayEquals(v, values(flat));
		assertThrows(IllegalArgumentException.class, () -> r.checkInput(2, 3, 3));
		assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 1, 1));
	}

	@Test
	void newActivationsGiveTheirFormulasValues() {
		final Activation clip = new Clip(0, 6);
		assertEquals(0, clip.apply(-3), 0);
		assertEquals(6, clip.apply(7.5), 0);
		assertEquals(2.5, clip.apply(2.5), 0);
		assertTrue(Double.isNaN(clip.apply(Double.NaN)));
		assertThrows(IllegalArgumentException.class, () -> new Clip(2, 1));
		final Activation selu = Activation.selu(1.67326319217681884765625, 1.05070102214813232421875);
		assertEquals(1.05070102214813232421875 * 2, selu.apply(2), 1e-12);
		assertEquals(1.05070102214813232421875 * 1.67326319217681884765625 * (Math.exp(-1) - 1), selu.apply(-1), 1e-7);
		final Activation hard = Activation.hardSigmoid(0.2, 0.5);
		assertEquals(0.5, hard.apply(0), 0);
		assertEquals(0.7f, (float) hard.apply(1), 0);
		assertEquals(0, hard.apply(-10), 0);
		assertEquals(1, hard.apply(10), 0);
		final Activation softplus = Activation.softplus();
		assertEquals(Math.log(2), softplus.apply(0), 1e-15);
		assertEquals(Math.log1p(Math.exp(-3)), softplus.apply(-3), 1e-15);
		assertEquals(100, softplus.apply(100), 1e-12); // no overflow of e^100
	}

	@Test
	void logSoftmaxIsXLessMaxLessTheLogOfTheSumWithoutUnderflow() {
		// one pixel, channels 1, 2, 3 and one far below: its log softmax is finite, not -inf
		final List<RandomAccessibleInterval<FloatType>> out = planes(4, 1, 1, new float[4]);
		Softmax.logSoftmax().compute(planes(4, 1, 1, 1, 2, 3, -1000), out);
		final double lse = 3 + Math.log(Math.exp(-2) + Math.exp(-1) + 1 + Math.exp(-1003));
		assertArrayEquals(new float[] { (float) (1 - lse), (float) (2 - lse), (float) (3 - lse), (float) (-1000 - lse) }, values(out),
			1e-6f);
	}

	@Test
	void subtractDivideAndPReluTakeTheirOperandsInOrder() {
		assertEquals(3f, ElementwiseMerge.Operation.SUBTRACT.apply(5, 2), 0);
		assertEquals(-3f, ElementwiseMerge.Operation.SUBTRACT.apply(2, 5), 0);
		assertEquals(0.1f / 3f, ElementwiseMerge.Operation.DIVIDE.apply(0.1f, 3), 0); // a true division, as PyTorch
		assertEquals(2f, ElementwiseMerge.Operation.PRELU.apply(2, 0.25f), 0);
		assertEquals(-0.5f, ElementwiseMerge.Operation.PRELU.apply(-2, 0.25f), 0);
		// per-channel slopes broadcast over a 2 x 1 plane
		final List<RandomAccessibleInterval<FloatType>> out = planes(2, 2, 1, new float[4]);
		final List<List<RandomAccessibleInterval<FloatType>>> in = new ArrayList<>();
		in.add(planes(2, 2, 1, -4, 4, -8, 8));
		in.add(planes(2, 1, 1, 0.5f, 0.25f));
		new ElementwiseMerge(ElementwiseMerge.Operation.PRELU).compute(in, out);
		assertArrayEquals(new float[] { -2, 4, -2, 8 }, values(out), 0);
	}

	@Test
	void aReductionOverChannelsGivesOnePlaneOfTheMeanSumOrMaxOfEachPixel() {
		// 3 channels of 2 x 1: pixel 0 holds 1, 4, -2; pixel 1 holds 0.5, NaN, 7
		final float[] v = { 1, 0.5f, 4, Float.NaN, -2, 7 };
		final float[][] expected = { { 1, Float.NaN }, { 3, Float.NaN }, { 4, Float.NaN } };
		final GlobalPoolingMode[] modes = { GlobalPoolingMode.AVERAGE, GlobalPoolingMode.SUM, GlobalPoolingMode.MAX };
		for (int m = 0; m < modes.length; m++) {
			final ChannelReduction r = new ChannelReduction(modes[m]);
			assertEquals(1, r.outputChannels(3));
			assertArrayEquals(new long[] { 2, 1 }, r.outputSize(2, 1));
			final List<RandomAccessibleInterval<FloatType>> out = planes(1, 2, 1, new float[2]);
			r.compute(planes(3, 2, 1, v), out);
			assertArrayEquals(expected[m], values(out), modes[m].toString());
		}
		final List<RandomAccessibleInterval<FloatType>> big = planes(1, 1, 1, new float[1]);
		new ChannelReduction(GlobalPoolingMode.SUM).compute(planes(3, 1, 1, 16777216, 1, 1), big);
		assertArrayEquals(new float[] { 16777218 }, values(big), "summed in double, rounded once");
		assertTrue(new ChannelReduction(GlobalPoolingMode.MAX).keepsType());
		assertThrows(IllegalArgumentException.class, () -> new ChannelReduction(null));
		assertThrows(IllegalArgumentException.class, () -> new ChannelReduction(GlobalPoolingMode.SUM).compute(planes(2, 2, 1, v),
			planes(2, 2, 1, new float[4])));
	}

	@Test
	void tileRepeatsTheChannelsAndThePlaneAlongBothAxes() {
		// 2 channels of 2 x 1 {1, 2}, {3, 4}, repeated 2 times on channels, 2 on height, 3 on width
		final Tile t = new Tile(2, 2, 3);
		assertEquals(4, t.outputChannels(2));
		assertArrayEquals(new long[] { 6, 2 }, t.outputSize(2, 1));
		final List<RandomAccessibleInterval<FloatType>> out = planes(4, 6, 2, new float[48]);
		t.compute(planes(2, 2, 1, 1, 2, 3, 4), out);
		final float[] a = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, b = { 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4 };
		final float[] expected = new float[48];
		for (int k = 0; k < 4; k++)
			System.arraycopy(k % 2 == 0 ? a : b, 0, expected, k * 12, 12);
		assertArrayEquals(expected, values(out));
		assertSame(ReceptiveField.POINT, new Tile(3, 1, 1).receptiveField());
		assertTrue(t.receptiveField().wholeImage());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tile(1, 0, 1));
		assertEquals("Tile repeats 1 x 0 x 1 (channels x height x width) are out of range; allowed: 1 to 2147483647 each",
			e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> new Tile(1, 1 << 20, 1 << 20).outputSize(4096, 4096));
	}

	@Test
	void erfIsTheErrorFunctionRoundedOnceToFloat() {
		final Activation erf = Activation.erf();
		// erf in double from mpmath / tables: erf(0.5), erf(-1), erf(2)
		final float[] x = { 0, 0.5f, -1, 2, 10, Float.NaN, Float.NEGATIVE_INFINITY };
		final float[] expected = { 0, (float) 0.5204998778130465, (float) -0.8427007929497149, (float) 0.9953222650189527, 1, Float.NaN, -1 };
		final List<RandomAccessibleInterval<FloatType>> out = planes(1, 7, 1, new float[7]);
		erf.compute(planes(1, 7, 1, x), out);
		assertArrayEquals(expected, values(out));
		assertEquals("[-1, 1]", erf.range().toString());
	}
}

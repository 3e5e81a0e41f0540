package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.assertClose;
import static io.github.cnnlayers.core.NewLayerFixtures.cases;
import static io.github.cnnlayers.core.NewLayerFixtures.flatten;
import static io.github.cnnlayers.core.NewLayerFixtures.planes;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static io.github.cnnlayers.core.NewLayerFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Upsample against PyTorch's {@code interpolate(scale_factor=(sy, sx))} in float32 (fixtures
 * upsample_cases.txt: nearest and bilinear with align_corners both ways; integer, non-integer and
 * down-scaling scales, unequal per axis; 1 x 1 images; an output of length 1; scale 1.0001, which PyTorch
 * treats as a copy; NaN and +-inf). Nearest is exact; bilinear within 1e-6 relative plus 1e-6 absolute
 * (float weights, another order of the four products). The ONNX-only modes against values worked out by
 * hand from the formulas of onnx/onnx docs/Operators.md (Resize).
 */
class UpsampleTest {

	private static float[] run(final Upsample u, final float[] x, final int c, final int h, final int w) {
		final long[] size = u.outputSize(w, h);
		final List<ArrayImg<FloatType, FloatArray>> out = zeros(c, size[0], size[1]);
		u.compute(planes(x, c, h, w), out);
		return flatten(out);
	}

	@Test
	void equalsPyTorchOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("upsample")) {
			final String id = c.get("id");
			final Interpolation mode = Interpolation.fromLabel(c.get("mode"));
			final Upsample u = Upsample.pytorch(Double.parseDouble(c.get("sy")), Double.parseDouble(c.get("sx")), mode,
				c.get("align").equals("true"));
			final int h = Integer.parseInt(c.get("h"));
			final int w = Integer.parseInt(c.get("w"));
			assertArrayEquals(new long[] { Long.parseLong(c.get("ow")), Long.parseLong(c.get("oh")) }, u.outputSize(w, h), id + " size");
			final float[] out = run(u, values(id + "_input"), Integer.parseInt(c.get("c")), h, w);
			if (mode == Interpolation.NEAREST)
				assertArrayEquals(values(id + "_output"), out, id + " " + u);
			else
				assertClose(values(id + "_output"), out, 1e-6, 1e-6, false, id + " " + u);
		}
	}

	/** One row [0, 10, 20, 30] resampled along x by 1.6 (output 6 pixels) with an ONNX mode. */
	private static float[] onnx(final Interpolation mode, final CoordinateTransform t, final NearestRounding r, final double scale) {
		return run(Upsample.of(1, scale, mode, t, r), new float[] { 0, 10, 20, 30 }, 1, 1, 4);
	}

	@Test
	void onnxCoordinateModesFollowTheirFormulas() {
		// scale 1.6, x = 0..5, inv = 0.625:
		// half_pixel            (x + 0.5) * 0.625 - 0.5: -0.1875, 0.4375, 1.0625, 1.6875, 2.3125, 2.9375
		// asymmetric            x * 0.625:               0, 0.625, 1.25, 1.875, 2.5, 3.125
		// tf_half_pixel_for_nn  (x + 0.5) * 0.625:       0.3125, 0.9375, 1.5625, 2.1875, 2.8125, 3.4375
		// align_corners         x * 3 / 5:               0, 0.6, 1.2, 1.8, 2.4, 3
		final Interpolation n = Interpolation.NEAREST;
		assertArrayEquals(new float[] { 0, 0, 10, 20, 20, 30 }, onnx(n, CoordinateTransform.HALF_PIXEL, NearestRounding.ROUND_PREFER_FLOOR, 1.6));
		assertArrayEquals(new float[] { 0, 10, 10, 20, 20, 30 }, onnx(n, CoordinateTransform.ASYMMETRIC, NearestRounding.ROUND_PREFER_FLOOR, 1.6));
		assertArrayEquals(new float[] { 0, 10, 10, 20, 30, 30 }, onnx(n, CoordinateTransform.ASYMMETRIC, NearestRounding.ROUND_PREFER_CEIL, 1.6));
		assertArrayEquals(new float[] { 0, 0, 10, 10, 20, 30 }, onnx(n, CoordinateTransform.ASYMMETRIC, NearestRounding.FLOOR, 1.6));
		assertArrayEquals(new float[] { 0, 10, 20, 20, 30, 30 }, onnx(n, CoordinateTransform.ASYMMETRIC, NearestRounding.CEIL, 1.6));
		assertArrayEquals(new float[] { 0, 10, 20, 20, 30, 30 }, onnx(n, CoordinateTransform.TF_HALF_PIXEL_FOR_NN, NearestRounding.ROUND_PREFER_FLOOR, 1.6));
		assertArrayEquals(new float[] { 0, 10, 10, 20, 20, 30 }, onnx(n, CoordinateTransform.ALIGN_CORNERS, NearestRounding.ROUND_PREFER_FLOOR, 1.6));
		final Interpolation b = Interpolation.BILINEAR;
		// linear: the value at coordinate c is 10 * c, clamped to [0, 30]
		assertArrayEquals(new float[] { 0, 4.375f, 10.625f, 16.875f, 23.125f, 29.375f },
			onnx(b, CoordinateTransform.HALF_PIXEL, NearestRounding.FLOOR, 1.6), 1e-5f);
		assertArrayEquals(new float[] { 0, 6.25f, 12.5f, 18.75f, 25, 30 }, onnx(b, CoordinateTransform.ASYMMETRIC, NearestRounding.FLOOR, 1.6), 1e-5f);
		assertArrayEquals(new float[] { 0, 6, 12, 18, 24, 30 }, onnx(b, CoordinateTransform.ALIGN_CORNERS, NearestRounding.FLOOR, 1.6), 1e-5f);
		// pytorch_half_pixel differs from half_pixel only for an output of length 1: coordinate 0, not (0.5)/0.25 - 0.5 = 1.5
		assertArrayEquals(new float[] { 0 }, onnx(b, CoordinateTransform.PYTORCH_HALF_PIXEL, NearestRounding.FLOOR, 0.25));
		assertArrayEquals(new float[] { 15 }, onnx(b, CoordinateTransform.HALF_PIXEL, NearestRounding.FLOOR, 0.25));
		// half_pixel_symmetric (opset 19): 4 * 1.6 = 6.4 gives 6 pixels, offset = 4/2 * (1 - 6/6.4) = 0.125 added to
		// half_pixel: -0.0625, 0.5625, 1.1875, 1.8125, 2.4375, 3.0625
		assertArrayEquals(new float[] { 0, 10, 10, 20, 20, 30 },
			onnx(n, CoordinateTransform.HALF_PIXEL_SYMMETRIC, NearestRounding.ROUND_PREFER_FLOOR, 1.6));
		assertArrayEquals(new float[] { 0, 5.625f, 11.875f, 18.125f, 24.375f, 30 },
			onnx(b, CoordinateTransform.HALF_PIXEL_SYMMETRIC, NearestRounding.FLOOR, 1.6), 1e-5f);
	}

	@Test
	void pytorchNearestShortcutsDifferFromTheFormulaWherePyTorchsDo() {
		// 9 pixels x 2.1 = 18 = 2 * 9: PyTorch takes x / 2 (output 18 reads pixel 8... x = 17 -> 8), the formula floor(17 / 2.1) = 8,
		// and x = 18 is out of range; x = 16: 8 against floor(7.62) = 7
		final float[] ramp = new float[9];
		for (int i = 0; i < 9; i++)
			ramp[i] = i;
		final float[] torch = run(Upsample.pytorch(1, 2.1, Interpolation.NEAREST, false), ramp, 1, 1, 9);
		final float[] formula = run(Upsample.of(1, 2.1, Interpolation.NEAREST, CoordinateTransform.ASYMMETRIC, NearestRounding.FLOOR), ramp, 1, 1, 9);
		assertEquals(8f, torch[16]);
		assertEquals(7f, formula[16]);
	}

	@Test
	void refusesBadParameters() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Upsample.pytorch(0, 2, Interpolation.BILINEAR, false));
		assertEquals("Vertical scale 0.0 is not allowed; allowed: finite numbers > 0 (2 doubles the size, 0.5 halves it)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Upsample.pytorch(2, 2, Interpolation.NEAREST, true));
		assertEquals("align_corners is not allowed with mode nearest (as in PyTorch); allowed: align_corners with mode bilinear", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Upsample.pytorch(0.1, 1, Interpolation.NEAREST, false).outputSize(5, 5));
		assertEquals("Output height floor(5 * 0.1) would be 0; allowed: scales that leave at least 1 pixel", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> CoordinateTransform.fromLabel("tf_crop_and_resize"));
		assertEquals("Unknown coordinate transformation mode \"tf_crop_and_resize\"; allowed: half_pixel, half_pixel_symmetric, pytorch_half_pixel, " +
			"align_corners, asymmetric, tf_half_pixel_for_nn, pytorch_nearest, pytorch_linear", e.getMessage());
		assertEquals(NearestRounding.ROUND_PREFER_CEIL, NearestRounding.fromLabel("Round_Prefer_Ceil"));
	}

	@Test
	void roundingsTreatHalvesAsNamed() {
		assertEquals(2, NearestRounding.ROUND_PREFER_FLOOR.round(2.5f));
		assertEquals(3, NearestRounding.ROUND_PREFER_CEIL.round(2.5f));
		assertEquals(3, NearestRounding.ROUND_PREFER_FLOOR.round(2.51f));
		assertEquals(-1, NearestRounding.ROUND_PREFER_FLOOR.round(-0.5f));
		assertEquals(-1, NearestRounding.FLOOR.round(-0.2f));
		assertEquals(0, NearestRounding.CEIL.round(-0.2f));
	}

	@Test
	void anInputPixelChangesOnlyOutputsWhoseReceptiveFieldHoldsIt() {
		final int w = 13;
		for (final double scale : new double[] { 1.7, 0.6, 2, 3.3 })
			for (final Upsample u : new Upsample[] { Upsample.pytorch(1, scale, Interpolation.NEAREST, false),
				Upsample.pytorch(1, scale, Interpolation.BILINEAR, false),
				Upsample.of(1, scale, Interpolation.NEAREST, CoordinateTransform.TF_HALF_PIXEL_FOR_NN, NearestRounding.ROUND_PREFER_CEIL),
				Upsample.of(1, scale, Interpolation.BILINEAR, CoordinateTransform.HALF_PIXEL, NearestRounding.FLOOR) })
			{
				final float[] in = new float[w];
				for (int i = 0; i < w; i++)
					in[i] = 1 + i * i;
				final float[] before = run(u, in, 1, 1, w);
				final ReceptiveField f = u.receptiveField();
				assertEquals(1 / scale, f.stepX(), 1e-12);
				for (int x = 0; x < w; x++) {
					final float[] changed = in.clone();
					changed[x] += 1000;
					final float[] after = run(u, changed, 1, 1, w);
					for (int o = 0; o < before.length; o++)
						if (before[o] != after[o]) {
							final long[] r = f.inputRange(0, o, o);
							// the field may reach past the image; there the edge pixel is read
							final long lo = Math.max(0, Math.min(w - 1, r[0]));
							final long hi = Math.max(0, Math.min(w - 1, r[1]));
							assertEquals(true, x >= lo && x <= hi, u + ": input " + x + " changed output " + o + ", field " + r[0] + ".." + r[1]);
						}
				}
			}
	}
}

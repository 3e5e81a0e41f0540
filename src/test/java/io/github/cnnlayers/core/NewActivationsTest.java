package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.assertClose;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/**
 * ELU, GELU, SiLU and erf against PyTorch (fixtures of make_new_layer_fixtures.py: float64 PyTorch on float32
 * inputs, rounded to float32) at ~1,200 points including NaN, +-inf, +-0, subnormals and +-FLT_MAX.
 * Tolerance: 1e-6 relative plus 1e-16 absolute (PyTorch's own double formula {@code exp(x) - 1} loses its
 * relative accuracy only below that absolute size; for GELU's {@code 1 + erf} see its test), zeros with their
 * sign.
 */
class NewActivationsTest {

	private static final double REL = 1e-6;
	private static final double ABS = 1e-16;

	private static float[] applied(final Activation f) {
		final float[] x = values("act_input");
		f.applyInPlace(ArrayImgs.floats(x, x.length, 1), 0); // 2D: the array loop the plugins use
		return x;
	}

	@Test
	void eluEqualsPyTorchForThreeAlphas() {
		assertClose(values("act_elu_1"), applied(Activation.elu(1)), REL, ABS, false, "ELU alpha 1");
		assertClose(values("act_elu_0.5"), applied(Activation.elu(0.5)), REL, ABS, false, "ELU alpha 0.5");
		assertClose(values("act_elu_2.5"), applied(Activation.elu(2.5)), REL, ABS, false, "ELU alpha 2.5");
		// zeros: PyTorch's alpha * (exp(x) - 1) gives +0 for -0, as ours; for subnormal x it gives +0 where
		// the true value (ours) rounds to -0 in float, so the fixture compares those zeros without their sign
		assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits((float) Activation.elu(1).apply(-0.0)));
	}

	@Test
	void geluEqualsPyTorchsExactErfForm() {
		// PyTorch's double 1 + erf(x/sqrt 2) is 0 below x = -8.3, where the true GELU (ours) is still
		// -1e-16 .. -1e-300: its absolute error there is up to |x| * 2^-53 (2.2e-15 at x = -20)
		assertClose(values("act_gelu"), applied(Activation.gelu()), REL, 3e-15, true, "GELU");
	}

	@Test
	void geluIsCloserToTheTruthThanPyTorchsFloat32WhereItsOnePlusErfCancels() {
		// PyTorch in float32 computes 1 + erf(x/sqrt 2) in float: for x < -3 that sum has few correct bits,
		// an absolute error of up to |x| * 2^-24; in double (the fixture act_gelu) it does not
		final float[] x = values("act_input");
		final float[] f32 = values("act_gelu_f32");
		final float[] ours = applied(Activation.gelu());
		for (int i = 0; i < x.length; i++)
			if (Float.isFinite(x[i]))
				assertTrue(Math.abs(ours[i] - f32[i]) <= 1e-6 * Math.abs(f32[i]) + 1.2e-7 * Math.max(1, Math.abs(x[i])),
					"GELU(" + x[i] + ") = " + ours[i] + ", PyTorch float32 " + f32[i]);
		assertEquals(-1.4332579e-6f, (float) Activation.gelu().apply(-5), 1e-12f); // float32 PyTorch: -1.4901161e-6
	}

	@Test
	void siluEqualsPyTorch() {
		assertClose(values("act_silu"), applied(Activation.silu()), REL, ABS, true, "SiLU");
	}

	@Test
	void erfAndErfcEqualPyTorchWithinFloatRounding() {
		final float[] t = values("erf_input");
		final float[] erf = values("erf_output");
		final float[] erfc = values("erfc_output");
		final float[] ourErf = new float[t.length];
		final float[] ourErfc = new float[t.length];
		for (int i = 0; i < t.length; i++) {
			ourErf[i] = (float) Erf.erf(t[i]);
			ourErfc[i] = (float) Erf.erfc(t[i]);
		}
		// the reference is rounded to float: half an ulp (6e-8 relative) from the true value at most
		assertClose(erf, ourErf, 1.2e-7, 0, true, "erf");
		assertClose(erfc, ourErfc, 1.2e-7, 0, true, "erfc");
	}

	@Test
	void erfAndErfcEqualPyTorchsFloat64WithinAFewUlps() throws java.io.IOException {
		// 842 points in [-7, 27]: erf within 4 ulps of 1 (absolute 4.5e-16) or 4e-16 relative; erfc within 1e-15
		// relative (it keeps its relative accuracy down to the smallest normal double)
		int n = 0;
		for (final String line : java.nio.file.Files.readAllLines(NewLayerFixtures.path("erf_double.txt"))) {
			if (line.startsWith("#"))
				continue;
			final String[] v = line.trim().split(" ");
			final double t = Double.parseDouble(v[0]);
			final double erf = Double.parseDouble(v[1]);
			final double erfc = Double.parseDouble(v[2]);
			assertEquals(erf, Erf.erf(t), Math.max(4.5e-16, 4e-16 * Math.abs(erf)), "erf(" + t + ")");
			if (erfc > Double.MIN_NORMAL)
				assertEquals(erfc, Erf.erfc(t), 1e-15 * erfc, "erfc(" + t + ")");
			else
				assertTrue(Erf.erfc(t) < 1e-300, "erfc(" + t + ") = " + Erf.erfc(t));
			n++;
		}
		assertEquals(842, n);
	}

	@Test
	void erfHasItsKnownValuesInDoublePrecision() {
		// erf(1), erf(0.5), erfc(3), erfc(5), erfc(10) to 16 digits (Abramowitz & Stegun; DLMF 7.2)
		assertEquals(0.8427007929497149, Erf.erf(1), 2e-16);
		assertEquals(0.5204998778130465, Erf.erf(0.5), 2e-16);
		assertEquals(2.209049699858544e-5, Erf.erfc(3), 2e-5 * 1e-14);
		assertEquals(1.537459794428035e-12, Erf.erfc(5), 1.5e-12 * 1e-14);
		assertEquals(2.088487583762545e-45, Erf.erfc(10), 2e-45 * 1e-14);
		assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
		assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
		assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
		assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
		assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Erf.erf(-0.0)));
		assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN)));
		assertEquals(0.0, Erf.erfc(30)); // below the smallest double
	}

	@Test
	void eachActivationOwnsItsTrueRange() {
		assertEquals("(-1, inf)", Activation.elu(1).range().toString());
		assertEquals("(-2.5, inf)", Activation.elu(2.5).range().toString());
		assertEquals("[0, inf)", Activation.elu(-1).range().toString());
		assertEquals("[-0.17, inf)", Activation.gelu().range().toString());
		assertEquals("[-0.2785, inf)", Activation.silu().range().toString());
		assertEquals("(0, 1)", Activation.sigmoid().range().toString());
		assertEquals("(-1, 1)", Activation.tanh().range().toString());
		assertEquals("[0, inf)", Activation.relu().range().toString());
		assertEquals("(-inf, inf)", Activation.leakyRelu(0.01).range().toString());
		assertEquals("[0, inf)", Activation.leakyRelu(-0.5).range().toString());
		assertFalse(Activation.gelu().range().within(0, 255));
		assertTrue(Activation.sigmoid().range().within(0, 1));
	}

	@Test
	void geluAndSiluMinimaAreTrueTightLowerBounds() {
		// a dense scan around the minimum: no value below the bound, and the bound within 1e-10 of the least
		for (final Activation f : new Activation[] { Activation.gelu(), Activation.silu() }) {
			double least = Double.POSITIVE_INFINITY;
			for (double x = -3; x <= 0; x += 1e-5)
				least = Math.min(least, f.apply(x));
			final double bound = f.range().min();
			assertTrue(least >= bound, f + ": " + least + " < " + bound);
			assertEquals(least, bound, 1e-10, f.name()); // a 1e-5 grid misses the minimum by ~f''/2 * 1e-10
			assertTrue(f.range().minIncluded());
		}
	}

	@Test
	void geluAndSiluNeedFloatOutputEluKeepsNonNegativeImages() {
		assertFalse(Activation.gelu().keepsType());
		assertFalse(Activation.silu().keepsType());
		assertTrue(Activation.elu(1).keepsType());
		assertThrows(IllegalArgumentException.class, () -> Activation.elu(Double.NaN));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.elu(1e39));
		assertTrue(e.getMessage().startsWith("Alpha 1.0E39"), e.getMessage());
	}
}

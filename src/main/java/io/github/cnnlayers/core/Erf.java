package io.github.cnnlayers.core;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The error function {@code erf} and its complement {@code erfc = 1 - erf} in double precision (Java's
 * {@code Math} has neither), for the exact GELU: below |t| = 5 from Taylor expansions about the nearest
 * multiple of 1/8 (the values at the centres made once in 60-digit decimals, the other coefficients from
 * Hermite polynomials), above it from erfc's continued fraction. Both are accurate to a few units in the
 * last place of a double (tested against PyTorch's float64 at 842 points: erf within 4.5e-16, erfc within
 * 1e-15 relative): {@code erfc} keeps its relative accuracy in the tail, where {@code 1 - erf} would cancel,
 * down to the smallest normal double (t near 26.5). NaN gives NaN; {@code erf(+-inf) = +-1},
 * {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}; {@code erf(-0) = -0}.
 */
public final class Erf {

	/** Below this |t|, erf and erfc come from Taylor expansions; from here on, erfc from its continued fraction. */
	private static final double TAYLOR_LIMIT = 5;
	/** Terms of the continued fraction from t = 5 to 6: 20 give full double precision (relative error &lt; 2e-16); 12 above. */
	private static final int FRACTION_TERMS = 20;
	/** Above this, erfc &lt; 2.2e-17, less than half an ulp of 1 and of 2: erf = +-1 and erfc(-t) = 2 exactly. */
	private static final double ONE_IN_DOUBLE = 6;
	/** Above this, erfc is below the smallest double (erfc(27.3) &lt; 4.9e-324). */
	private static final double UNDERFLOW = 27.5;
	private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
	/** Below this |t| the series needs at most 6 terms and is used directly (also for tiny and zero t). */
	private static final double SMALL = 1.0 / 16;
	private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

	/** Taylor expansions of erf about the centres k/8, k = 0 .. 40, for |t| &lt; 5: |t - centre| &lt;= 1/16. */
	private static final int CENTRES_PER_UNIT = 8;
	/**
	 * Terms per expansion: the first one left out is below 1e-17 relative to erfc for |t - centre| &lt;= 1/16 and
	 * centres up to 5 (about {@code (2c/16)^n / n!}).
	 */
	private static final int TAYLOR_TERMS = 18;
	/**
	 * TAYLOR[k][n] = erf^(n)(k/8) / n! for n &gt;= 1; TAYLOR[k][0] = 0 (the centre values are apart, in
	 * {@link #ERF_AT} and {@link #ERFC_AT}, so that erfc keeps its relative accuracy).
	 */
	private static final double[][] TAYLOR = new double[(int) TAYLOR_LIMIT * CENTRES_PER_UNIT + 1][TAYLOR_TERMS];
	/** erf(k/8) and erfc(k/8), each rounded once from 45-digit decimal arithmetic. */
	private static final double[] ERF_AT = new double[TAYLOR.length];
	private static final double[] ERFC_AT = new double[TAYLOR.length];

	static {
		for (int k = 0; k < TAYLOR.length; k++) {
			final double c = (double) k / CENTRES_PER_UNIT;
			final BigDecimal erf = exactErf(c);
			ERF_AT[k] = erf.doubleValue();
			ERFC_AT[k] = BigDecimal.ONE.subtract(erf).doubleValue();
			// erf^(n)(c) = 2/sqrt(pi) (-1)^(n-1) H_(n-1)(c) e^(-c^2), Hermite H_0 = 1, H_1 = 2c, H_(m+1) = 2c H_m - 2m H_(m-1)
			final double g = TWO_OVER_SQRT_PI * Math.exp(-c * c);
			double hPrev = 0;
			double h = 1;
			double factorial = 1;
			for (int n = 1; n < TAYLOR_TERMS; n++) {
				factorial *= n;
				TAYLOR[k][n] = ((n - 1) % 2 == 0 ? 1 : -1) * h * g / factorial;
				final double next = 2 * c * h - 2 * (n - 1) * hPrev;
				hPrev = h;
				h = next;
			}
		}
	}

	private Erf() {}

	/**
	 * erf(c) for 0 &lt;= c &lt;= 5 to about 45 digits: {@code 2/sqrt(pi) sum_n (-1)^n c^(2n+1) / (n! (2n+1))} in
	 * 60-digit decimals (the alternating terms cancel by up to 11 digits), sqrt(pi) by Newton's method.
	 */
	private static BigDecimal exactErf(final double c) {
		final MathContext mc = new MathContext(60);
		final BigDecimal x = new BigDecimal(c);
		final BigDecimal x2 = x.multiply(x, mc);
		BigDecimal power = x; // c^(2n+1) / n!, signed
		BigDecimal sum = BigDecimal.ZERO;
		final BigDecimal tiny = new BigDecimal("1e-55");
		for (int n = 0; power.abs().compareTo(tiny) > 0; n++) {
			sum = sum.add(power.divide(BigDecimal.valueOf(2L * n + 1), mc), mc);
			power = power.multiply(x2, mc).divide(BigDecimal.valueOf(-(n + 1L)), mc);
		}
		final BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");
		BigDecimal root = new BigDecimal(Math.sqrt(Math.PI));
		for (int i = 0; i < 4; i++) // each step doubles the correct digits: 16, 32, 64
			root = root.add(pi.divide(root, mc), mc).divide(BigDecimal.valueOf(2), mc);
		return sum.multiply(BigDecimal.valueOf(2), mc).divide(root, mc);
	}

	/** @return k: the centre k/8 nearest to a, 0 &lt;= a &lt; 5 */
	private static int centre(final double a) {
		return (int) (a * CENTRES_PER_UNIT + 0.5);
	}

	/** {@code erf(a) - erf(k/8)} for 0 &lt;= a &lt; 5 and its nearest centre k/8, by Horner's rule. */
	private static double taylor(final double a, final int k) {
		final double d = a - (double) k / CENTRES_PER_UNIT;
		final double[] coefficients = TAYLOR[k];
		double sum = coefficients[TAYLOR_TERMS - 1];
		for (int n = TAYLOR_TERMS - 2; n >= 1; n--)
			sum = sum * d + coefficients[n];
		return sum * d;
	}

	/**
	 * @param t a value
	 * @return {@code erf(t) = 2/sqrt(pi) * integral_0^t e^(-s^2) ds}
	 */
	public static double erf(final double t) {
		final double a = Math.abs(t);
		if (a < SMALL)
			return series(t); // a few terms; keeps erf(t) ~ 2t/sqrt(pi) exact in relative terms for tiny t
		if (a < TAYLOR_LIMIT) {
			final int k = centre(a);
			final double e = ERF_AT[k] + taylor(a, k);
			return t < 0 ? -e : e;
		}
		if (Double.isNaN(t))
			return t;
		if (a > ONE_IN_DOUBLE)
			return t < 0 ? -1 : 1;
		final double e = 1 - fraction(a);
		return t < 0 ? -e : e;
	}

	/**
	 * @param t a value
	 * @return {@code erfc(t) = 1 - erf(t)}, accurate also where it is tiny (t large)
	 */
	public static double erfc(final double t) {
		final double a = Math.abs(t);
		if (a < SMALL)
			return 1 - series(t);
		if (a < TAYLOR_LIMIT) {
			final int k = centre(a);
			final double tail = taylor(a, k);
			return t < 0 ? 1 + (ERF_AT[k] + tail) : ERFC_AT[k] - tail;
		}
		if (Double.isNaN(t))
			return t;
		if (t < 0 && a > ONE_IN_DOUBLE)
			return 2;
		final double c = fraction(a);
		return t < 0 ? 2 - c : c;
	}

	/**
	 * erf(t) for |t| &lt; 1/16 by the series {@code 2/sqrt(pi) t e^(-t^2) sum_n (2t^2)^n / (1*3*...*(2n+1))}
	 * (Abramowitz and Stegun 7.1.6), whose terms are all positive: no cancellation.
	 */
	private static double series(final double t) {
		final double x2 = 2 * t * t;
		double sum = 1;
		double term = 1;
		for (int n = 1; term > sum * 1e-17; n++) {
			term *= x2 / (2 * n + 1);
			sum += term;
		}
		return TWO_OVER_SQRT_PI * t * Math.exp(-t * t) * sum;
	}

	/**
	 * erfc(a) for a &gt;= 5 by the continued fraction
	 * {@code e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...))))} (A&amp;S 7.1.14), evaluated
	 * from its tail with 20 terms below a = 6, 12 above (each a relative error below 2e-16);
	 * {@code e^(-a^2)} as {@code e^(-s^2) e^(-(a - s)(a + s))} with s = a rounded to float, whose square is
	 * exact, so that the rounding of a^2 (up to 1e-13 relative in the result near a = 26) does not count.
	 */
	private static double fraction(final double a) {
		if (a > UNDERFLOW)
			return 0;
		final int terms = a < 6 ? FRACTION_TERMS : 12;
		double f = a;
		for (int k = terms; k >= 1; k--)
			f = a + 0.5 * k / f;
		final double s = (float) a;
		return ONE_OVER_SQRT_PI * Math.exp(-s * s) * Math.exp(-(a - s) * (a + s)) / f;
	}
}

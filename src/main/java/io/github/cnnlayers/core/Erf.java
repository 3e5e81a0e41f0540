package io.github.cnnlayers.core;

/**
 * The error function {@code erf} and its complement {@code erfc = 1 - erf} in double precision (Java's
 * {@code Math} has neither), for the exact GELU. Both are accurate to a few units in the last place of a
 * double over the whole range: {@code erfc} keeps its relative accuracy in the tail (down to its underflow
 * near 26.5), where {@code 1 - erf} would cancel. NaN gives NaN; {@code erf(+-inf) = +-1},
 * {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}; {@code erf(-0) = -0}.
 */
public final class Erf {

	/** Below this |t|, erf comes from its power series; from here on, erfc from its continued fraction. */
	private static final double SERIES_LIMIT = 3;
	/** Terms of the continued fraction: 40 give full double precision from t = 3 on (relative error &lt; 5e-16). */
	private static final int FRACTION_TERMS = 40;
	private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
	private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

	private Erf() {}

	/**
	 * @param t a value
	 * @return {@code erf(t) = 2/sqrt(pi) * integral_0^t e^(-s^2) ds}
	 */
	public static double erf(final double t) {
		final double a = Math.abs(t);
		if (a < SERIES_LIMIT)
			return series(t);
		if (Double.isNaN(t))
			return t;
		final double e = 1 - fraction(a);
		return t < 0 ? -e : e;
	}

	/**
	 * @param t a value
	 * @return {@code erfc(t) = 1 - erf(t)}, accurate also where it is tiny (t large)
	 */
	public static double erfc(final double t) {
		final double a = Math.abs(t);
		if (a < SERIES_LIMIT)
			return 1 - series(t);
		if (Double.isNaN(t))
			return t;
		final double c = fraction(a);
		return t < 0 ? 2 - c : c;
	}

	/**
	 * erf(t) for |t| &lt; 3 by the series {@code 2/sqrt(pi) t e^(-t^2) sum_n (2t^2)^n / (1*3*...*(2n+1))}
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
	 * erfc(a) for a &gt;= 3 by the continued fraction
	 * {@code e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...))))} (A&amp;S 7.1.14), evaluated
	 * from its tail; 0 for infinity.
	 */
	private static double fraction(final double a) {
		if (a == Double.POSITIVE_INFINITY)
			return 0;
		double f = a;
		for (int k = FRACTION_TERMS; k >= 1; k--)
			f = a + 0.5 * k / f;
		return ONE_OVER_SQRT_PI * Math.exp(-a * a) / f;
	}
}

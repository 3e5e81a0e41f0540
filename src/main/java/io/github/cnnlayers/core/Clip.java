package io.github.cnnlayers.core;

/**
 * Clipping to a range: {@code f(x) = min(max(x, min), max)}, as PyTorch's {@code clamp} and ONNX's
 * {@code Clip} compute it (ReLU6 is {@code Clip(0, 6)}); NaN stays NaN.
 */
public final class Clip extends Activation {

	private final float min;
	private final float max;

	/**
	 * @param min the lower bound, a 32-bit float, or -infinity for none
	 * @param max the upper bound, a 32-bit float &gt;= min, or +infinity for none
	 * @throws IllegalArgumentException when a bound is NaN or min &gt; max
	 */
	public Clip(final float min, final float max) {
		super("Clip");
		if (Float.isNaN(min) || Float.isNaN(max) || min > max)
			throw new IllegalArgumentException("Clip to [" + min + ", " + max + "] is no range; allowed: min <= max, neither NaN");
		this.min = min;
		this.max = max;
	}

	/** @return the lower bound */
	public float min() {
		return min;
	}

	/** @return the upper bound */
	public float max() {
		return max;
	}

	@Override
	public double apply(final double x) {
		return Double.isNaN(x) ? x : Math.min(Math.max((float) x, min), max);
	}

	/** @return [min, max] */
	@Override
	public ValueBounds range() {
		return new ValueBounds(min, true, max, true);
	}

	/** @return whether every value &gt;= 0 is kept: when min &lt;= 0 and there is no upper bound */
	@Override
	public boolean identityOnNonNegative() {
		return min <= 0 && max == Float.POSITIVE_INFINITY;
	}
}

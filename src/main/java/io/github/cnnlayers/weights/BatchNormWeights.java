package io.github.cnnlayers.weights;

/**
 * The parameters of a batch norm in inference mode, one value per channel: {@code y = gamma * (x - mean) /
 * sqrt(var + eps) + beta}. All values are finite and variances are not negative. Immutable.
 */
public final class BatchNormWeights {

	private final float[] gamma;
	private final float[] beta;
	private final float[] mean;
	private final float[] variance;
	private final String source;

	/**
	 * Batch-norm parameters; the arrays are copied.
	 *
	 * @param gamma    scale per channel, or null for all ones
	 * @param beta     shift per channel, or null for all zeros
	 * @param mean     running mean per channel
	 * @param variance running variance per channel
	 * @param source   where the values come from, for logs and titles
	 * @throws IllegalArgumentException if the lengths differ, a value is NaN or infinite, or a variance is
	 *                                  negative
	 */
	public BatchNormWeights(float[] gamma, float[] beta, float[] mean, float[] variance, String source) {
		int c = mean.length;
		this.gamma = gamma == null ? filled(c, 1) : gamma.clone();
		this.beta = beta == null ? filled(c, 0) : beta.clone();
		this.mean = mean.clone();
		this.variance = variance.clone();
		this.source = source;
		if (c == 0) throw new IllegalArgumentException("Batch norm " + source + " has no channels");
		String[] names = { "gamma (weight)", "beta (bias)", "mean", "variance" };
		float[][] all = { this.gamma, this.beta, this.mean, this.variance };
		for (int k = 0; k < all.length; k++) {
			if (all[k].length != c)
				throw new IllegalArgumentException("Batch norm " + source + ": " + names[k] + " has " + all[k].length +
					" values but the mean has " + c + "; all four need one value per channel");
			WeightFile.requireFinite(all[k], new int[] { c }, names[k] + " of " + source);
		}
		for (int i = 0; i < c; i++)
			if (this.variance[i] < 0)
				throw new IllegalArgumentException("Batch norm " + source + ": variance [" + i + "] is negative (" +
					this.variance[i] + ")");
	}

	private static float[] filled(int n, float value) {
		float[] a = new float[n];
		java.util.Arrays.fill(a, value);
		return a;
	}

	/** The number of channels. */
	public int channels() {
		return mean.length;
	}

	/** A copy of the scale per channel (PyTorch {@code weight}, Keras {@code gamma}). */
	public float[] gamma() {
		return gamma.clone();
	}

	/** A copy of the shift per channel (PyTorch {@code bias}, Keras {@code beta}). */
	public float[] beta() {
		return beta.clone();
	}

	/** A copy of the running mean per channel. */
	public float[] mean() {
		return mean.clone();
	}

	/** A copy of the running variance per channel. */
	public float[] variance() {
		return variance.clone();
	}

	/** The factor per channel that batch norm multiplies by: {@code gamma / sqrt(var + eps)}. */
	public float[] scale(double eps) {
		float[] s = new float[channels()];
		for (int c = 0; c < s.length; c++)
			s[c] = (float) (gamma[c] / Math.sqrt(variance[c] + eps));
		return s;
	}

	/** The value per channel that batch norm adds after scaling: {@code beta - mean * scale}. */
	public float[] shift(double eps) {
		float[] t = new float[channels()];
		for (int c = 0; c < t.length; c++)
			t[c] = (float) (beta[c] - mean[c] * (gamma[c] / Math.sqrt(variance[c] + eps)));
		return t;
	}

	/** Where the values come from, e.g. {@code model.safetensors: features.1}. */
	public String source() {
		return source;
	}

	/** The same as {@link #source()}. */
	@Override
	public String toString() {
		return source;
	}
}

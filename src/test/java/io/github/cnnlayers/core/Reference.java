package io.github.cnnlayers.core;

/**
 * Naive reference implementations written straight from PyTorch's definitions (explicit padding
 * index rules, nested loops, double accumulation), independent of the production code.
 */
final class Reference {

	private Reference() {}

	/** Pixel (x, y) of a w x h row-major image, with PyTorch's padding rule for out-of-bounds indices. */
	static double pixel(final float[] img, final int w, final int h, final int x, final int y, final BorderMode mode) {
		final int xi = index(x, w, mode);
		final int yi = index(y, h, mode);
		if (xi < 0 || yi < 0)
			return 0;
		return img[yi * w + xi];
	}

	private static int index(final int i, final int n, final BorderMode mode) {
		if (i >= 0 && i < n)
			return i;
		switch (mode) {
			case REPLICATE:
				return i < 0 ? 0 : n - 1;
			case REFLECT:
				return i < 0 ? -i : 2 * (n - 1) - i;
			case CIRCULAR:
				return Math.floorMod(i, n);
			default:
				return -1;
		}
	}

	/** conv2d: out(x,y) = b + sum k[j][i] * in(x*s - px + i*d, y*s - py + j*d). */
	static float[] conv2d(final float[] img, final int w, final int h, final float[] k, final int kw, final int kh,
		final int s, final int px, final int py, final int d, final double bias, final BorderMode mode, final int[] outSize)
	{
		final int ow = (w + 2 * px - d * (kw - 1) - 1) / s + 1;
		final int oh = (h + 2 * py - d * (kh - 1) - 1) / s + 1;
		outSize[0] = ow;
		outSize[1] = oh;
		final float[] out = new float[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double sum = bias;
				for (int j = 0; j < kh; j++)
					for (int i = 0; i < kw; i++)
						sum += k[j * kw + i] * pixel(img, w, h, x * s - px + i * d, y * s - py + j * d, mode);
				out[y * ow + x] = (float) sum;
			}
		return out;
	}

	/** max_pool2d / avg_pool2d over the given output size, PyTorch's window and divisor rules. */
	static float[] pool(final float[] img, final int w, final int h, final int k, final int s, final int p,
		final boolean max, final boolean countIncludePad, final int ow, final int oh)
	{
		return pool(img, w, h, k, s, p, max ? PoolingMode.MAX : PoolingMode.AVERAGE, countIncludePad, ow, oh);
	}

	/**
	 * Pooling over the given output size, PyTorch's window and divisor rules; min pooling is written as
	 * its definition, {@code -max_pool2d(-x)}.
	 */
	static float[] pool(final float[] img, final int w, final int h, final int k, final int s, final int p,
		final PoolingMode mode, final boolean countIncludePad, final int ow, final int oh)
	{
		if (mode == PoolingMode.MIN) {
			final float[] negated = new float[img.length];
			for (int i = 0; i < img.length; i++)
				negated[i] = -img[i];
			final float[] max = pool(negated, w, h, k, s, p, PoolingMode.MAX, false, ow, oh);
			for (int i = 0; i < max.length; i++)
				max[i] = -max[i];
			return max;
		}
		final boolean max = mode == PoolingMode.MAX;
		final float[] out = new float[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				final int ys = y * s - p, xs = x * s - p;
				final int ye = Math.min(ys + k, h + p), xe = Math.min(xs + k, w + p);
				final int padCount = (ye - ys) * (xe - xs);
				double acc = max ? Double.NEGATIVE_INFINITY : 0;
				int count = 0;
				for (int yy = Math.max(ys, 0); yy < Math.min(ye, h); yy++)
					for (int xx = Math.max(xs, 0); xx < Math.min(xe, w); xx++) {
						final double v = img[yy * w + xx];
						acc = max ? Math.max(acc, v) : acc + v;
						count++;
					}
				out[y * ow + x] = (float) (max ? acc : acc / (countIncludePad ? padCount : count));
			}
		return out;
	}
}

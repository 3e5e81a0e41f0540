package io.github.cnnlayers.core;

/**
 * A Winograd minimal-filtering form F(m x m, 3x3) of a 3x3 convolution (Lavin and Gray, 2015): an m x m output tile
 * from the (m + 2) x (m + 2) input pixels it reads, as {@code Y = A^T [U . V] A} with {@code U = G g G^T} (the
 * kernel, transformed once) and {@code V = B^T d B} (the input tile). Each constant owns its matrices and the
 * transforms written out for them, in a fixed order of float operations, so that a tile's result does not depend on
 * which tiles are computed with it.
 */
enum WinogradForm {

	/**
	 * F(4x4, 3x3), interpolation points 0, 1, -1, 2, -2 and infinity: 36 products per tile and channel pair for 16
	 * outputs (2.25 per output where the direct form has 9 and F(2x2, 3x3) 4). The transforms' coefficients go up to
	 * 8 (64 in two dimensions), so rounding errors are larger than F(2x2, 3x3)'s: measured up to about 1.5e-6 of the
	 * sum of the products' sizes (F(2x2, 3x3): 6e-8), about 1.2e-5 of the output's spread on random weights
	 * ({@code bench/winograd_rounding.py}).
	 */
	F4(4, new double[][] { { 1 / 4d, 0, 0 }, { -1 / 6d, -1 / 6d, -1 / 6d }, { -1 / 6d, 1 / 6d, -1 / 6d },
		{ 1 / 24d, 1 / 12d, 1 / 6d }, { 1 / 24d, -1 / 12d, 1 / 6d }, { 0, 0, 1 } })
	{

		@Override
		void columnsIn(final float[][] rows, final float[][] mixed, final int n) {
			// B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
			final float[] d0 = rows[0], d1 = rows[1], d2 = rows[2], d3 = rows[3], d4 = rows[4], d5 = rows[5];
			final float[] t0 = mixed[0], t1 = mixed[1], t2 = mixed[2], t3 = mixed[3], t4 = mixed[4], t5 = mixed[5];
			for (int x = 0; x < n; x++) {
				final float a = d1[x], b = d2[x], c = d3[x], e = d4[x];
				t0[x] = 4f * d0[x] - 5f * b + e;
				t1[x] = (c + e) - 4f * (a + b);
				t2[x] = (e - c) + 4f * (a - b);
				t3[x] = (e - b) - 2f * (a - c);
				t4[x] = (e - b) + 2f * (a - c);
				t5[x] = 4f * a - 5f * c + d5[x];
			}
		}

		@Override
		void rowIn(final float[] t, final float[][][] v, final int first, final int channel, final int at, final int tiles) {
			final float[] v0 = v[first][channel], v1 = v[first + 1][channel], v2 = v[first + 2][channel];
			final float[] v3 = v[first + 3][channel], v4 = v[first + 4][channel], v5 = v[first + 5][channel];
			for (int c = 0, x = 0; c < tiles; c++, x += 4) {
				final float d0 = t[x], a = t[x + 1], b = t[x + 2], cc = t[x + 3], e = t[x + 4], d5 = t[x + 5];
				v0[at + c] = 4f * d0 - 5f * b + e;
				v1[at + c] = (cc + e) - 4f * (a + b);
				v2[at + c] = (e - cc) + 4f * (a - b);
				v3[at + c] = (e - b) - 2f * (a - cc);
				v4[at + c] = (e - b) + 2f * (a - cc);
				v5[at + c] = 4f * a - 5f * cc + d5;
			}
		}

		@Override
		void columnOut(final float[][][] m, final int column, final int channel, final int at, final float[][] p, final int tiles) {
			// A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]
			final float[] m0 = m[column][channel], m1 = m[6 + column][channel], m2 = m[12 + column][channel];
			final float[] m3 = m[18 + column][channel], m4 = m[24 + column][channel], m5 = m[30 + column][channel];
			final float[] p0 = p[column], p1 = p[6 + column], p2 = p[12 + column], p3 = p[18 + column];
			for (int t = 0; t < tiles; t++) {
				final float sum12 = m1[at + t] + m2[at + t], diff12 = m1[at + t] - m2[at + t];
				final float sum34 = m3[at + t] + m4[at + t], diff34 = m3[at + t] - m4[at + t];
				p0[t] = m0[at + t] + sum12 + sum34;
				p1[t] = diff12 + 2f * diff34;
				p2[t] = sum12 + 4f * sum34;
				p3[t] = diff12 + 8f * diff34 + m5[at + t];
			}
		}

		@Override
		void rowOut(final float[][] p, final int first, final float bias, final float[] line, final int tiles) {
			final float[] q0 = p[first], q1 = p[first + 1], q2 = p[first + 2], q3 = p[first + 3], q4 = p[first + 4], q5 = p[first + 5];
			for (int t = 0, x = 0; t < tiles; t++, x += 4) {
				final float sum12 = q1[t] + q2[t], diff12 = q1[t] - q2[t];
				final float sum34 = q3[t] + q4[t], diff34 = q3[t] - q4[t];
				line[x] = bias + (q0[t] + sum12 + sum34);
				line[x + 1] = bias + (diff12 + 2f * diff34);
				line[x + 2] = bias + (sum12 + 4f * sum34);
				line[x + 3] = bias + (diff12 + 8f * diff34 + q5[t]);
			}
		}
	};

	/** The side of an output tile: tiles start at multiples of it. */
	final int block;

	/** The side of an input tile: the output tile's plus the kernel's 2. */
	final int in;

	/** {@code G}: {@link #in} x 3 */
	private final double[][] g;

	WinogradForm(final int block, final double[][] g) {
		this.block = block;
		this.in = block + 2;
		this.g = g;
	}

	/** @return {@code in * in}: the values of a transformed tile, the products per tile and channel pair */
	int positions() {
		return in * in;
	}

	/**
	 * @param k3x3 a 3x3 kernel, row-major, from {@code weights[first]}
	 * @param u receives {@code G k G^T}, computed in double and rounded to float, position {@code (r, c)} at
	 *          {@code u[r * in + c][line][at]}
	 */
	void kernel(final float[] k3x3, final int first, final float[][][] u, final int line, final int at) {
		final double[] gk = new double[in * 3];
		for (int r = 0; r < in; r++)
			for (int c = 0; c < 3; c++) {
				double s = 0;
				for (int j = 0; j < 3; j++)
					s += g[r][j] * k3x3[first + j * 3 + c];
				gk[r * 3 + c] = s;
			}
		for (int r = 0; r < in; r++)
			for (int c = 0; c < in; c++) {
				double s = 0;
				for (int j = 0; j < 3; j++)
					s += gk[r * 3 + j] * g[c][j];
				u[r * in + c][line][at] = (float) s;
			}
	}

	/**
	 * The vertical half of the input transform: {@code mixed[a][x] = sum_j B^T[a][j] rows[j][x]} for x in [0, n)
	 *
	 * @param rows the {@link #in} padded input rows of a row of tiles
	 */
	abstract void columnsIn(float[][] rows, float[][] mixed, int n);

	/**
	 * The horizontal half of the input transform of one vertically transformed line {@code t} (row {@code a} of
	 * every tile): {@code v[first + b][channel][at + c] = sum_j B^T[b][j] t[block * c + j]} for tile c in
	 * [0, tiles), {@code first = a * in}.
	 */
	abstract void rowIn(float[] t, float[][][] v, int first, int channel, int at, int tiles);

	/**
	 * The vertical half of the output transform, column {@code column} of every tile:
	 * {@code p[r * in + column][t] = sum_a A^T[r][a] m[a * in + column][channel][at + t]} for r in [0, block)
	 */
	abstract void columnOut(float[][][] m, int column, int channel, int at, float[][] p, int tiles);

	/**
	 * The horizontal half of the output transform, output row {@code r} of every tile ({@code first = r * in}):
	 * {@code line[block * t + s] = bias + sum_b A^T[s][b] p[first + b][t]}
	 */
	abstract void rowOut(float[][] p, int first, float bias, float[] line, int tiles);
}

package io.github.cnnlayers.core;

import java.util.Arrays;

/**
 * The Winograd F(2x2, 3x3) form of a learned 3x3 convolution at stride 1 and dilation 1 with one group (Lavin and
 * Gray, 2015): the output is computed in 2x2 tiles anchored at output pixel (0, 0), each from the 4x4 padded input
 * pixels it reads. With {@code G}, {@code B^T}, {@code A^T} the F(2, 3) matrices, output tile
 * {@code Y = bias + A^T [sum_i U[o][i] . V[i]] A}, where {@code U[o][i] = G g[o][i] G^T} (the kernels, transformed
 * once when the layer is built, computed in double and rounded to float) and {@code V[i] = B^T d[i] B} (each input
 * tile). The sum over input channels is, per transform position, a product of a {@code C_out x C_in} matrix and a
 * {@code C_in x tiles} matrix, taken as same-index passes along the tile axis ({@link RowKernels#accumulateMany}),
 * the loop shape the JIT vectorizes: 16 products per tile and channel pair where the direct form has 36.
 * <p>
 * Results: each output pixel is computed from its own tile alone, with the same operations in the same order,
 * whichever tiles are computed together or which rows a thread computes (a tile that straddles two threads' rows is
 * computed by both, each writing its own rows), so results do not depend on the number of threads; and a part of an
 * image whose origin is at even output coordinates gets the values of the whole image ({@link #OUTPUT_BLOCK}).
 * Immutable.
 */
final class WinogradRows {

	/** The side of an output tile: tiles start at multiples of it. */
	static final int OUTPUT_BLOCK = 2;

	/** The side of an input tile. */
	private static final int IN = 4;

	/** Transform positions: the 4x4 values of a transformed tile. */
	private static final int POSITIONS = IN * IN;

	/**
	 * Input and output channels a layer needs at least for this form: measured on one thread, 32 -> 32 on 256^2 and
	 * 64 -> 64 on 128^2 1.4-1.9x faster than the direct form, 16 -> 32 on 512^2 as fast, 8 -> 8 slower.
	 */
	private static final int MIN_CHANNELS = 32;

	/** Tiles computed together at least, for inner loops long enough for the vectorized loop to pay. */
	private static final int TILES_PER_BATCH = 256;

	/** {@code [position][C_out][C_in]}: the transformed kernels. */
	private final float[] u;
	private final float[] bias;
	private final int cout;
	private final int cin;
	private final int padX;
	private final int padY;

	/**
	 * @param weights {@code [C_out, C_in, 3, 3]}
	 * @param bias C_out values or {@code null}
	 */
	WinogradRows(final float[] weights, final float[] bias, final int cout, final int cin, final int padX, final int padY) {
		this.cout = cout;
		this.cin = cin;
		this.bias = bias;
		this.padX = padX;
		this.padY = padY;
		this.u = new float[POSITIONS * cout * cin];
		final double[][] g = { { 1, 0, 0 }, { .5, .5, .5 }, { .5, -.5, .5 }, { 0, 0, 1 } };
		final double[] gk = new double[IN * 3];
		for (int o = 0; o < cout; o++)
			for (int i = 0; i < cin; i++) {
				final int k = (o * cin + i) * 9;
				// G g: 4x3
				for (int r = 0; r < IN; r++)
					for (int c = 0; c < 3; c++) {
						double s = 0;
						for (int j = 0; j < 3; j++)
							s += g[r][j] * weights[k + j * 3 + c];
						gk[r * 3 + c] = s;
					}
				// (G g) G^T: 4x4
				for (int r = 0; r < IN; r++)
					for (int c = 0; c < IN; c++) {
						double s = 0;
						for (int j = 0; j < 3; j++)
							s += gk[r * 3 + j] * g[c][j];
						u[((r * IN + c) * cout + o) * cin + i] = (float) s;
					}
			}
	}

	/** @return whether a layer of this shape is computed in this form: worth it with many channels both ways */
	static boolean fits(final int kh, final int kw, final int stride, final int dilation, final int groups, final int cin,
		final int cout)
	{
		return kh == 3 && kw == 3 && stride == 1 && dilation == 1 && groups == 1 && cin >= MIN_CHANNELS && cout >= MIN_CHANNELS;
	}

	/** @return the tiles computed together for an output of this width: whole rows of tiles, at least {@link #TILES_PER_BATCH} */
	private static int tileRowsPerBatch(final int tilesPerRow) {
		return Math.max(1, (TILES_PER_BATCH + tilesPerRow - 1) / tilesPerRow);
	}

	/** @return the bytes one thread allocates for output width {@code outWidth} and padded input width {@code paddedWidth} */
	double workingBytes(final double outWidth, final double paddedWidth) {
		final double tilesPerRow = Math.ceil(outWidth / OUTPUT_BLOCK);
		final double tiles = tileRowsPerBatch((int) Math.min(Integer.MAX_VALUE, tilesPerRow)) * tilesPerRow;
		return 4 * (POSITIONS * (double) (cin + cout) * tiles + (IN + IN) * (paddedWidth + 2) + OUTPUT_BLOCK * outWidth);
	}

	/**
	 * Computes output rows [{@code start}, {@code end}) of all output channels.
	 *
	 * @param readers the input channels' padded rows
	 * @param writers the output channels' rows
	 */
	void computeRows(final RowReader<?>[] readers, final RowWriter<?>[] writers, final int outWidth, final long outHeight,
		final long start, final long end)
	{
		final int tilesPerRow = (outWidth + OUTPUT_BLOCK - 1) / OUTPUT_BLOCK;
		final int rowsPerBatch = tileRowsPerBatch(tilesPerRow);
		final int batch = rowsPerBatch * tilesPerRow;
		// input rows hold every column a tile reads: 2 * tilesPerRow + 2 >= the padded width, the rest zero
		final int rowLength = Math.max(readers[0].paddedWidth(), OUTPUT_BLOCK * tilesPerRow + 2);
		final long paddedHeight = outHeight + 2; // rows of the padded input: the output's plus the kernel's 2
		final float[][] rows = new float[IN][rowLength];
		final float[][] mixed = new float[IN][rowLength];
		// v[position][input channel][tile], m[position][output channel][tile]
		final float[][][] v = new float[POSITIONS][cin][batch];
		final float[][][] m = new float[POSITIONS][cout][batch];
		final float[][] p = new float[OUTPUT_BLOCK * IN][tilesPerRow];
		final float[][] out = new float[OUTPUT_BLOCK][tilesPerRow * OUTPUT_BLOCK];
		final long firstTileRow = start / OUTPUT_BLOCK;
		final long endTileRow = (end + OUTPUT_BLOCK - 1) / OUTPUT_BLOCK;
		for (long batchRow = firstTileRow; batchRow < endTileRow; batchRow += rowsPerBatch) {
			final int tileRows = (int) Math.min(rowsPerBatch, endTileRow - batchRow);
			final int tiles = tileRows * tilesPerRow;
			// input transform: V = B^T d B, B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
			for (int tr = 0; tr < tileRows; tr++) {
				final long top = (batchRow + tr) * OUTPUT_BLOCK; // padded input row of the tile's first row
				final int at = tr * tilesPerRow;
				for (int i = 0; i < cin; i++) {
					for (int j = 0; j < IN; j++) {
						if (top + j < paddedHeight)
							readers[i].read(top + j - padY, rows[j]);
						else
							Arrays.fill(rows[j], 0f);
					}
					final float[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3];
					final float[] t0 = mixed[0], t1 = mixed[1], t2 = mixed[2], t3 = mixed[3];
					for (int x = 0; x < rowLength; x++) {
						t0[x] = r0[x] - r2[x];
						t1[x] = r1[x] + r2[x];
						t2[x] = r2[x] - r1[x];
						t3[x] = r1[x] - r3[x];
					}
					for (int a = 0; a < IN; a++) {
						final float[] t = mixed[a];
						final float[] v0 = v[a * IN][i], v1 = v[a * IN + 1][i], v2 = v[a * IN + 2][i], v3 = v[a * IN + 3][i];
						for (int c = 0, x = 0; c < tilesPerRow; c++, x += OUTPUT_BLOCK) {
							v0[at + c] = t[x] - t[x + 2];
							v1[at + c] = t[x + 1] + t[x + 2];
							v2[at + c] = t[x + 2] - t[x + 1];
							v3[at + c] = t[x + 1] - t[x + 3];
						}
					}
				}
			}
			// per position: M = U V over the channels
			for (int xi = 0; xi < POSITIONS; xi++) {
				final float[][] vx = v[xi];
				for (int o = 0; o < cout; o++) {
					final float[] acc = m[xi][o];
					Arrays.fill(acc, 0, tiles, 0f);
					RowKernels.accumulateMany(acc, u, (xi * cout + o) * cin, vx, cin, tiles);
				}
			}
			// output transform: Y = A^T M A + bias, A^T = [1 1 1 0; 0 1 -1 -1]
			for (int o = 0; o < cout; o++) {
				final float b = bias == null ? 0f : bias[o];
				for (int tr = 0; tr < tileRows; tr++) {
					final int at = tr * tilesPerRow;
					for (int c = 0; c < IN; c++) {
						final float[] m0 = m[c][o], m1 = m[IN + c][o], m2 = m[2 * IN + c][o], m3 = m[3 * IN + c][o];
						final float[] p0 = p[c], p1 = p[IN + c];
						for (int t = 0; t < tilesPerRow; t++) {
							p0[t] = m0[at + t] + m1[at + t] + m2[at + t];
							p1[t] = m1[at + t] - m2[at + t] - m3[at + t];
						}
					}
					for (int r = 0; r < OUTPUT_BLOCK; r++) {
						final float[] q0 = p[r * IN], q1 = p[r * IN + 1], q2 = p[r * IN + 2], q3 = p[r * IN + 3];
						final float[] line = out[r];
						for (int t = 0, x = 0; t < tilesPerRow; t++, x += OUTPUT_BLOCK) {
							line[x] = b + (q0[t] + q1[t] + q2[t]);
							line[x + 1] = b + (q1[t] - q2[t] - q3[t]);
						}
					}
					final long y0 = (batchRow + tr) * OUTPUT_BLOCK;
					for (int r = 0; r < OUTPUT_BLOCK; r++) {
						final long y = y0 + r;
						if (y >= start && y < end)
							writers[o].write(y, out[r]);
					}
				}
			}
		}
	}
}

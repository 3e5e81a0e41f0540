package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Winograd form of a learned 3x3 convolution at stride 1 and dilation 1 with one group (Lavin and Gray, 2015), in
 * one of the {@link WinogradForm}s F(m x m, 3x3): the output is computed in m x m tiles anchored at output pixel
 * (0, 0), each from the (m + 2) x (m + 2) padded input pixels it reads. Output tile
 * {@code Y = bias + A^T [sum_i U[o][i] . V[i]] A}, where {@code U[o][i] = G g[o][i] G^T} (the kernels, transformed
 * once when the layer is built, computed in double and rounded to float) and {@code V[i] = B^T d[i] B} (each input
 * tile). The sum over input channels is, per transform position, a product of a {@code C_out x C_in} matrix and a
 * {@code C_in x tiles} matrix, taken as same-index passes along the tile axis ({@link RowKernels#accumulateMany}),
 * the loop shape the JIT vectorizes: along the tiles, or along the output channels when they are more (a small plane
 * or a thread's few rows of one), the same products summed in the same order either way.
 * <p>
 * A value that is not finite (NaN, infinity) in a tile's input would be carried by the transforms into every output
 * of the tile, also those whose 3x3 window does not hold it: such a tile (found by its transformed input) is computed
 * in the direct form instead, so NaN and infinities reach exactly the outputs whose windows hold them, as in
 * PyTorch. An image with many of them is computed mostly directly, and more slowly.
 * <p>
 * Results: each output pixel is computed from its own tile alone, with the same operations in the same order,
 * whichever tiles are computed together or which rows a thread computes (a tile that straddles two threads' rows is
 * computed by both, each writing its own rows), so results do not depend on the number of threads; and a part of an
 * image whose origin is at multiples of m in output coordinates gets the values of the whole image
 * ({@link #outputBlock()}). Immutable.
 */
final class WinogradRows {

	/**
	 * Input and output channels a layer needs at least for this form: measured on one thread (best of 15), 16 -> 16
	 * on 512^2 and 256^2 1.2-1.3x faster than the direct form, 16 -> 32, 32 -> 16 and 24 -> 16 1.3-1.5x; 8 -> 8 and
	 * 8 -> 16 slower.
	 */
	private static final int MIN_CHANNELS = 16;

	/** Tiles computed together at least, for inner loops long enough for the vectorized loop to pay. */
	private static final int TILES_PER_BATCH = 128;

	private final WinogradForm form;
	/** {@code [C_out, C_in, 3, 3]}: for the tiles that read a value that is not finite */
	private final float[] weights;
	/** {@code [position][C_in][C_out]}: the transformed kernels, a line of output channels per input channel. */
	private final float[][][] u;
	private final float[] bias;
	private final int cout;
	private final int cin;
	private final int padY;

	/**
	 * @param weights {@code [C_out, C_in, 3, 3]}
	 * @param bias C_out values or {@code null}
	 */
	WinogradRows(final WinogradForm form, final float[] weights, final float[] bias, final int cout, final int cin, final int padY) {
		this.form = form;
		this.weights = weights;
		this.cout = cout;
		this.cin = cin;
		this.bias = bias;
		this.padY = padY;
		this.u = new float[form.positions()][cin][cout];
		for (int o = 0; o < cout; o++)
			for (int i = 0; i < cin; i++)
				form.kernel(weights, (o * cin + i) * 9, u, i, o);
	}

	/**
	 * @return the form a layer of this shape is computed in, or none: Winograd's forms take 3x3 kernels at stride and
	 *         dilation 1 in one group, and are worth it with many channels both ways
	 */
	static Optional<WinogradForm> formFor(final int kh, final int kw, final int stride, final int dilation, final int groups,
		final int cin, final int cout)
	{
		return kh == 3 && kw == 3 && stride == 1 && dilation == 1 && groups == 1 && cin >= MIN_CHANNELS && cout >= MIN_CHANNELS
			? Optional.of(WinogradForm.F4) : Optional.empty();
	}

	/** @return the side of an output tile: tiles start at multiples of it */
	int outputBlock() {
		return form.block;
	}

	/** @return the tiles computed together for an output of this width: whole rows of tiles, at least {@link #TILES_PER_BATCH} */
	private static int tileRowsPerBatch(final int tilesPerRow) {
		return Math.max(1, (TILES_PER_BATCH + tilesPerRow - 1) / tilesPerRow);
	}

	/** @return the bytes one thread allocates for output width {@code outWidth} and padded input width {@code paddedWidth} */
	double workingBytes(final double outWidth, final double paddedWidth) {
		final double tilesPerRow = Math.ceil(outWidth / form.block);
		final double tiles = tileRowsPerBatch((int) Math.min(Integer.MAX_VALUE, tilesPerRow)) * tilesPerRow;
		final double rowLength = Math.max(paddedWidth, form.block * tilesPerRow + 2);
		return 4 * (form.positions() * (double) (cin + cout) * tiles + Math.min(tiles, cout) * (double) (cin + cout) + 2.0 * form.in * rowLength +
			form.block * form.in * tilesPerRow + form.block * form.block * tilesPerRow + 2.0 * tiles +
			cout * (double) form.block * form.block * tilesPerRow);
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
		final int block = form.block;
		final int in = form.in;
		final int positions = form.positions();
		final int tilesPerRow = (outWidth + block - 1) / block;
		final int rowsPerBatch = tileRowsPerBatch(tilesPerRow);
		final int batch = rowsPerBatch * tilesPerRow;
		// input rows hold every column a tile reads: block * tilesPerRow + 2 >= the padded width, the rest zero
		final int rowLength = Math.max(readers[0].paddedWidth(), block * tilesPerRow + 2);
		final long paddedHeight = outHeight + 2; // rows of the padded input: the output's plus the kernel's 2
		final float[][] rows = new float[in][rowLength];
		final float[][] mixed = new float[in][rowLength];
		// v[position][input channel][tile], m[position][output channel][tile]
		final float[][][] v = new float[positions][cin][batch];
		final float[][][] m = new float[positions][cout][batch];
		// when there are fewer tiles than output channels: V by tile, and the output channels' sums of one tile
		final float[][] byTile = new float[Math.min(batch, cout)][cin];
		final float[][] sums = new float[byTile.length][cout];
		final float[][] p = new float[block * in][tilesPerRow];
		final float[][] out = new float[block][tilesPerRow * block];
		// per tile: NaN when its transformed input holds a value that is not finite; such tiles are computed directly
		final float[] flags = new float[batch];
		final boolean[] direct = new boolean[batch];
		final float[][][] directOut = new float[cout][block][tilesPerRow * block];
		final long firstTileRow = start / block;
		final long endTileRow = (end + block - 1) / block;
		for (long batchRow = firstTileRow; batchRow < endTileRow; batchRow += rowsPerBatch) {
			final int tileRows = (int) Math.min(rowsPerBatch, endTileRow - batchRow);
			final int tiles = tileRows * tilesPerRow;
			// input transform: V = B^T d B
			for (int tr = 0; tr < tileRows; tr++) {
				final long top = (batchRow + tr) * block; // padded input row of the tile's first row
				final int at = tr * tilesPerRow;
				for (int i = 0; i < cin; i++) {
					readTileRows(readers[i], rows, top, paddedHeight);
					form.columnsIn(rows, mixed, rowLength);
					for (int a = 0; a < in; a++)
						form.rowIn(mixed[a], v, a * in, i, at, tilesPerRow);
				}
			}
			Arrays.fill(flags, 0, tiles, 0f);
			for (int xi = 0; xi < positions; xi++)
				for (int i = 0; i < cin; i++)
					flagNonFinite(v[xi][i], flags, tiles);
			for (int t = 0; t < tiles; t++)
				direct[t] = flags[t] != 0f; // NaN != 0
			// per position: M = U V over the channels, vectorized along the longer of the tiles and the output channels
			if (tiles >= cout)
				for (int xi = 0; xi < positions; xi++)
					for (int o = 0; o < cout; o++) {
						final float[] acc = m[xi][o];
						Arrays.fill(acc, 0, tiles, 0f);
						RowKernels.accumulateColumn(acc, u[xi], o, v[xi], cin, tiles);
					}
			else
				for (int xi = 0; xi < positions; xi++) {
					for (int i = 0; i < cin; i++) {
						final float[] line = v[xi][i];
						for (int t = 0; t < tiles; t++)
							byTile[t][i] = line[t];
					}
					for (int t = 0; t < tiles; t++)
						Arrays.fill(sums[t], 0f);
					// input channels in accumulateMany's passes, each pass over all tiles while its kernel lines are hot
					for (int i = 0; i < cin; i += RowKernels.manyPass(i, cin))
						for (int t = 0; t < tiles; t++)
							RowKernels.accumulatePass(sums[t], byTile[t], i, u[xi], i, cin, 0, cout);
					for (int t = 0; t < tiles; t++) {
						final float[] sum = sums[t];
						for (int o = 0; o < cout; o++)
							m[xi][o][t] = sum[o];
					}
				}
			// output transform: Y = A^T M A + bias; the tiles flagged, computed directly instead
			for (int tr = 0; tr < tileRows; tr++) {
				final int at = tr * tilesPerRow;
				final boolean anyDirect = directTiles(readers, rows, (batchRow + tr) * block, paddedHeight, direct, at, tilesPerRow, directOut);
				for (int o = 0; o < cout; o++) {
					final float b = bias(o);
					for (int c = 0; c < in; c++)
						form.columnOut(m, c, o, at, p, tilesPerRow);
					for (int r = 0; r < block; r++) {
						form.rowOut(p, r * in, b, out[r], tilesPerRow);
						if (anyDirect)
							for (int t = 0; t < tilesPerRow; t++)
								if (direct[at + t])
									System.arraycopy(directOut[o][r], t * block, out[r], t * block, block);
					}
					final long y0 = (batchRow + tr) * block;
					for (int r = 0; r < block; r++) {
						final long y = y0 + r;
						if (y >= start && y < end)
							writers[o].write(y, out[r]);
					}
				}
			}
		}
	}

	/** @return output channel {@code o}'s bias, 0 without one */
	private float bias(final int o) {
		return bias == null ? 0f : bias[o];
	}

	/**
	 * Reads the {@code in} padded input rows of a row of tiles from {@code top} on into {@code rows}; rows below the
	 * padded input are zeros.
	 */
	private void readTileRows(final RowReader<?> reader, final float[][] rows, final long top, final long paddedHeight) {
		for (int j = 0; j < form.in; j++) {
			if (top + j < paddedHeight)
				reader.read(top + j - padY, rows[j]);
			else
				Arrays.fill(rows[j], 0f);
		}
	}

	/** {@code flags[t] += line[t] * 0}: NaN from the first value that is not finite on, else 0 (a same-index pass). */
	private static void flagNonFinite(final float[] line, final float[] flags, final int n) {
		for (int t = 0; t < n; t++)
			flags[t] += line[t] * 0f;
	}

	/**
	 * The direct form of the tiles of a row of tiles whose input holds a value that is not finite (NaN or infinite),
	 * where the transforms would carry it into outputs whose windows do not hold it: for each output pixel of such a
	 * tile, {@code bias + sum over input channels in order of (sum of its 9 products in kernel order)}.
	 *
	 * @param top the padded input row of the tiles' first row
	 * @param direct per tile of the batch: whether it is computed directly
	 * @param out receives {@code [C_out][block rows][the row's columns]} for the tiles computed directly
	 * @return whether the row holds such a tile
	 */
	private boolean directTiles(final RowReader<?>[] readers, final float[][] rows, final long top, final long paddedHeight,
		final boolean[] direct, final int at, final int tilesPerRow, final float[][][] out)
	{
		boolean any = false;
		for (int t = 0; t < tilesPerRow; t++)
			any |= direct[at + t];
		if (!any)
			return false;
		final int block = form.block;
		for (int o = 0; o < cout; o++)
			for (int r = 0; r < block; r++)
				Arrays.fill(out[o][r], bias(o));
		for (int i = 0; i < cin; i++) {
			readTileRows(readers[i], rows, top, paddedHeight);
			for (int o = 0; o < cout; o++) {
				final int k = (o * cin + i) * 9;
				for (int t = 0; t < tilesPerRow; t++) {
					if (!direct[at + t])
						continue;
					for (int r = 0; r < block; r++) {
						final float[] line = out[o][r];
						final float[] r0 = rows[r], r1 = rows[r + 1], r2 = rows[r + 2];
						for (int x = t * block; x < (t + 1) * block; x++)
							line[x] += weights[k] * r0[x] + weights[k + 1] * r0[x + 1] + weights[k + 2] * r0[x + 2] +
								weights[k + 3] * r1[x] + weights[k + 4] * r1[x + 1] + weights[k + 5] * r1[x + 2] +
								weights[k + 6] * r2[x] + weights[k + 7] * r2[x + 1] + weights[k + 8] * r2[x + 2];
					}
				}
			}
		}
		return true;
	}
}

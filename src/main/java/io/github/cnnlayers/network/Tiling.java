package io.github.cnnlayers.network;

import java.util.Locale;

/**
 * How a run cuts an image into tiles, as the option {@code tile=auto|0|N} says: {@link #AUTO} (tiles only when the
 * whole image does not fit in free memory, then as large as fit), {@link #WHOLE} (0: the whole image at once) or
 * tiles of about N x N input pixels. Tiled results equal the whole image's bit for bit ({@link TilePlan}).
 */
public final class Tiling {

	/**
	 * The smallest N allowed. A tile recomputes its halo (the network's receptive field, rounded to the alignment):
	 * for a depth-3 U-Net about 48 pixels a side, so a 64-pixel tile computes (64 + 96)² / 64² = 6.3 times its own
	 * pixels, a 32-pixel one 16 times; below 64 the recomputation dominates.
	 */
	public static final int MINIMUM = 64;

	/** Tiles only when the whole image does not fit in free memory */
	public static final Tiling AUTO = new Tiling(-1);

	/** The whole image at once */
	public static final Tiling WHOLE = new Tiling(0);

	/** The values allowed, for messages and help */
	public static final String ALLOWED = "auto (tiles only when the whole image does not fit in free memory), 0 (the whole image " +
		"at once) or N >= " + MINIMUM + " (tiles of about N x N pixels; the result equals the whole image's)";

	private final long size;

	private Tiling(final long size) {
		this.size = size;
	}

	/**
	 * @param text "auto", "0" or a whole number N &gt;= {@link #MINIMUM}
	 * @return the tiling
	 * @throws IllegalArgumentException naming the value and the allowed ones
	 */
	public static Tiling parse(final String text) {
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("auto"))
			return AUTO;
		try {
			final long n = Long.parseLong(t);
			if (n == 0)
				return WHOLE;
			if (n >= MINIMUM)
				return new Tiling(n);
		}
		catch (final NumberFormatException e) {
			// refused below
		}
		throw new IllegalArgumentException("tile=" + text + " is not allowed; allowed: " + ALLOWED);
	}

	/** @return whether it is {@link #AUTO} */
	public boolean auto() {
		return size < 0;
	}

	/** @return whether it is {@link #WHOLE} */
	public boolean whole() {
		return size == 0;
	}

	/** @return N, the side of a tile; 0 for whole, -1 for auto */
	public long size() {
		return size;
	}

	/** @return "auto", "0" or N, as the option is written */
	@Override
	public String toString() {
		return size < 0 ? "auto" : Long.toString(size);
	}
}

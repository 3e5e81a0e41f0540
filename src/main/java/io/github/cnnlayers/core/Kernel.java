package io.github.cnnlayers.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable 2D convolution kernel with odd width and height, its weights stored row-major
 * (x fastest), as PyTorch's {@code conv2d} reads them: the kernel is applied as a cross-correlation,
 * never flipped.
 */
public final class Kernel {

	private final int width;
	private final int height;
	private final float[] weights;

	/**
	 * Creates a kernel.
	 *
	 * @param width number of columns: odd, at least 1
	 * @param height number of rows: odd, at least 1
	 * @param weights {@code width * height} finite values, row-major; copied
	 * @throws IllegalArgumentException naming the problem when a size is even or not positive, when
	 *         the number of weights does not match, or when a weight is not finite
	 */
	public Kernel(final int width, final int height, final float[] weights) {
		if (width < 1 || height < 1)
			throw new IllegalArgumentException("Kernel size " + width + "x" + height + " is empty; allowed: odd sizes 1, 3, 5, 7, ...");
		if (width % 2 == 0 || height % 2 == 0)
			throw new IllegalArgumentException("Kernel size " + width + "x" + height + " has an even side (" +
				(width % 2 == 0 ? "width " + width : "height " + height) +
				"); allowed: odd widths and heights 1, 3, 5, 7, ... (rectangular such as 3x5 is fine)");
		if (weights.length != width * height)
			throw new IllegalArgumentException("Kernel " + width + "x" + height + " needs " + width * height + " values, got " + weights.length);
		for (final float w : weights)
			if (!Float.isFinite(w))
				throw new IllegalArgumentException("Kernel value " + w + " is not a finite number");
		this.width = width;
		this.height = height;
		this.weights = weights.clone();
	}

	/**
	 * Parses kernel text: one row per line (a line break or the two characters {@code \n} end a row),
	 * values separated by spaces, commas, semicolons or tabs. Blank lines are ignored here; {@link #parseBank}
	 * reads them as separators between kernels.
	 *
	 * @param text the kernel text
	 * @return the kernel
	 * @throws IllegalArgumentException naming the non-numeric token, the ragged row, or the even size
	 */
	public static Kernel parse(final String text) {
		if (text == null || text.trim().isEmpty())
			throw new IllegalArgumentException("Kernel is empty; give rows of numbers, one row per line, e.g. \"0 -1 0\\n-1 5 -1\\n0 -1 0\"");
		final String[] lines = text.replace("\\n", "\n").replace("\r", "\n").split("\n");
		final List<float[]> rows = new ArrayList<>();
		for (final String line : lines) {
			final String trimmed = line.trim();
			if (trimmed.isEmpty())
				continue;
			final String[] tokens = trimmed.split("[\\s,;]+");
			final float[] row = new float[tokens.length];
			for (int i = 0; i < tokens.length; i++)
				row[i] = parseToken(tokens[i], rows.size() + 1, i + 1);
			if (!rows.isEmpty() && row.length != rows.get(0).length)
				throw new IllegalArgumentException("Kernel row " + (rows.size() + 1) + " has " + row.length +
					" values but row 1 has " + rows.get(0).length + "; every row needs the same number of values");
			rows.add(row);
		}
		if (rows.isEmpty())
			throw new IllegalArgumentException("Kernel is empty; give rows of numbers, one row per line");
		final int w = rows.get(0).length;
		final int h = rows.size();
		final float[] weights = new float[w * h];
		for (int y = 0; y < h; y++)
			System.arraycopy(rows.get(y), 0, weights, y * w, w);
		return new Kernel(w, h, weights);
	}

	/**
	 * Parses a bank of kernels: kernel texts (as {@link #parse}) separated by one or more blank lines.
	 *
	 * @param text the text
	 * @return the kernels, at least one; unmodifiable
	 * @throws IllegalArgumentException as {@link #parse}, naming the kernel's number in a bank
	 */
	public static List<Kernel> parseBank(final String text) {
		final ParsedBank last = lastBank; // a macro calling Conv2D in a loop gives the same text each time
		if (last != null && last.text.equals(text))
			return last.kernels;
		final List<Kernel> kernels = java.util.Collections.unmodifiableList(parseBankText(text));
		lastBank = new ParsedBank(text, kernels); // only text that parsed: an error is reported on every call
		return kernels;
	}

	/** The last kernel text {@link #parseBank} parsed, with its kernels (immutable, so shared). */
	private static final class ParsedBank {

		final String text;
		final List<Kernel> kernels;

		ParsedBank(final String text, final List<Kernel> kernels) {
			this.text = text;
			this.kernels = kernels;
		}
	}

	private static volatile ParsedBank lastBank;

	private static List<Kernel> parseBankText(final String text) {
		if (text == null || text.trim().isEmpty())
			return java.util.Collections.singletonList(parse(text));
		final String[] parts = text.replace("\\n", "\n").replace("\r", "\n").trim().split("\n\\s*\n");
		final List<Kernel> bank = new ArrayList<>(parts.length);
		for (int i = 0; i < parts.length; i++) {
			try {
				bank.add(parse(parts[i]));
			}
			catch (final IllegalArgumentException e) {
				throw parts.length == 1 ? e : new IllegalArgumentException("Kernel " + (i + 1) + " of the bank: " + e.getMessage(), e);
			}
		}
		return bank;
	}

	private static final java.util.regex.Pattern NUMBER =
		java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	private static float parseToken(final String token, final int row, final int column) {
		if (NUMBER.matcher(token).matches()) {
			final float v = Float.parseFloat(token);
			if (Float.isFinite(v))
				return v;
			throw new IllegalArgumentException("Kernel value " + token + " (row " + row + ", column " + column +
				") is outside the range of 32-bit floats; allowed: numbers between -" + Float.MAX_VALUE + " and " + Float.MAX_VALUE);
		}
		throw new IllegalArgumentException("Kernel value \"" + token + "\" (row " + row + ", column " + column +
			") is not a number; allowed: decimal numbers such as -1, 0.25, 1e-3");
	}

	/** @return the number of columns (odd) */
	public int width() {
		return width;
	}

	/** @return the number of rows (odd) */
	public int height() {
		return height;
	}

	/** @return a copy of the weights, row-major */
	public float[] weights() {
		return weights.clone();
	}

	/** @return the weight at column {@code x}, row {@code y} */
	public float weight(final int x, final int y) {
		return weights[y * width + x];
	}

	/** @return the sum of all weights, accumulated in double precision */
	public double sum() {
		double s = 0;
		for (final float w : weights)
			s += w;
		return s;
	}

	/**
	 * @return this kernel divided by the sum of its weights, or this kernel itself when the sum is 0
	 *         (an edge detector, say), which cannot be normalized
	 */
	public Kernel normalized() {
		final double s = sum();
		if (s == 0)
			return this;
		final float[] n = new float[weights.length];
		for (int i = 0; i < n.length; i++)
			n[i] = (float) (weights[i] / s);
		return new Kernel(width, height, n);
	}

	/** @return the kernel as text that {@link #parse(String)} reads back: rows on lines, values by spaces */
	public String toText() {
		final StringBuilder sb = new StringBuilder();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				if (x > 0)
					sb.append(' ');
				sb.append(NumberText.of(weights[y * width + x]));
			}
			if (y < height - 1)
				sb.append('\n');
		}
		return sb.toString();
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Kernel))
			return false;
		final Kernel k = (Kernel) o;
		return k.width == width && k.height == height && Arrays.equals(k.weights, weights);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * width + height) + Arrays.hashCode(weights);
	}

	@Override
	public String toString() {
		return width + "x" + height + " kernel";
	}
}

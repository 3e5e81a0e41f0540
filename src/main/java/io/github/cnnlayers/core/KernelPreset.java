package io.github.cnnlayers.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Named kernels that fill the Conv2D kernel text. {@link #CUSTOM} means "use the kernel text as
 * given". Labels are the macro values of the {@code preset} key and match in any case.
 */
public enum KernelPreset {

	/** Use the kernel text as given. */
	CUSTOM("custom", null),
	/** Leaves the image unchanged. */
	IDENTITY("identity", "0 0 0\n0 1 0\n0 0 0"),
	/** 3x3 mean (box blur), already normalized. */
	BOX_BLUR("box blur", "0.11111111 0.11111111 0.11111111\n0.11111111 0.11111111 0.11111111\n0.11111111 0.11111111 0.11111111"),
	/** 3x3 binomial approximation of a Gaussian, already normalized. */
	GAUSSIAN_3("gaussian 3x3", "0.0625 0.125 0.0625\n0.125 0.25 0.125\n0.0625 0.125 0.0625"),
	/** 5x5 binomial approximation of a Gaussian, already normalized (weights / 256). */
	GAUSSIAN_5("gaussian 5x5",
		"0.00390625 0.015625 0.0234375 0.015625 0.00390625\n" +
		"0.015625 0.0625 0.09375 0.0625 0.015625\n" +
		"0.0234375 0.09375 0.140625 0.09375 0.0234375\n" +
		"0.015625 0.0625 0.09375 0.0625 0.015625\n" +
		"0.00390625 0.015625 0.0234375 0.015625 0.00390625"),
	/** Sharpen: identity plus a 4-neighbour Laplacian. */
	SHARPEN("sharpen", "0 -1 0\n-1 5 -1\n0 -1 0"),
	/** 8-neighbour Laplacian edge detector, the example of the course notes. */
	EDGE("edge", "-1 -1 -1\n-1 8 -1\n-1 -1 -1"),
	/** Sobel, horizontal gradient (responds to vertical edges). */
	SOBEL_X("sobel x", "-1 0 1\n-2 0 2\n-1 0 1"),
	/** Sobel, vertical gradient (responds to horizontal edges). */
	SOBEL_Y("sobel y", "-1 -2 -1\n0 0 0\n1 2 1"),
	/** Prewitt, horizontal gradient. */
	PREWITT_X("prewitt x", "-1 0 1\n-1 0 1\n-1 0 1"),
	/** Prewitt, vertical gradient. */
	PREWITT_Y("prewitt y", "-1 -1 -1\n0 0 0\n1 1 1"),
	/** Emboss. */
	EMBOSS("emboss", "-2 -1 0\n-1 1 1\n0 1 2"),
	/** A bank of two: Sobel x and Sobel y, the two gradient components of every channel. */
	SOBEL_XY("sobel xy", "-1 0 1\n-2 0 2\n-1 0 1\n\n-1 -2 -1\n0 0 0\n1 2 1"),
	/**
	 * A bank of four 7x7 Gabor kernels at 0, 45, 90 and 135 degrees: {@code exp(-(x'^2 + g^2 y'^2) / (2 s^2))
	 * cos(2 pi x' / L)} with x' = x cos t + y sin t, y' = -x sin t + y cos t, sigma s = 2, wavelength L = 4
	 * pixels, aspect g = 0.5, made zero-mean so flat regions give 0: oriented line and edge detectors.
	 */
	GABOR("gabor 4 angles", gaborBank(7, 2, 4, 0.5, 0, 45, 90, 135));

	private final String label;
	private final String text;

	KernelPreset(final String label, final String text) {
		this.label = label;
		this.text = text;
	}

	/** @return the label shown in the dialog and used as macro value */
	public String label() {
		return label;
	}

	/** @return the kernel text, or {@code null} for {@link #CUSTOM} */
	public String text() {
		return text;
	}

	/** @return the kernel, or {@code null} for {@link #CUSTOM} and for banks */
	public Kernel kernel() {
		return text == null || isBank() ? null : Kernel.parse(text);
	}

	/** @return whether the preset is a bank of several kernels */
	public boolean isBank() {
		return text != null && text.contains("\n\n");
	}

	/** @return a name per kernel: the label, or for a bank the label with each kernel's orientation or axis */
	public List<String> kernelNames() {
		switch (this) {
			case SOBEL_XY:
				return Arrays.asList("sobel x", "sobel y");
			case GABOR:
				return Arrays.asList("gabor 0\u00b0", "gabor 45\u00b0", "gabor 90\u00b0", "gabor 135\u00b0");
			default:
				return Collections.singletonList(label);
		}
	}

	/** @return the text of a bank of zero-mean Gabor kernels, one per angle in degrees */
	private static String gaborBank(final int size, final double sigma, final double wavelength, final double aspect,
		final double... degrees)
	{
		final StringBuilder sb = new StringBuilder();
		final int r = size / 2;
		for (final double deg : degrees) {
			final double t = Math.toRadians(deg);
			final double[] v = new double[size * size];
			double mean = 0;
			for (int y = -r; y <= r; y++)
				for (int x = -r; x <= r; x++) {
					final double xp = x * Math.cos(t) + y * Math.sin(t);
					final double yp = -x * Math.sin(t) + y * Math.cos(t);
					final double g = Math.exp(-(xp * xp + aspect * aspect * yp * yp) / (2 * sigma * sigma)) *
						Math.cos(2 * Math.PI * xp / wavelength);
					v[(y + r) * size + x + r] = g;
					mean += g / v.length;
				}
			if (sb.length() > 0)
				sb.append("\n\n");
			for (int y = 0; y < size; y++) {
				for (int x = 0; x < size; x++)
					sb.append(x == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.4f", v[y * size + x] - mean));
				if (y < size - 1)
					sb.append('\n');
			}
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return label;
	}

	/** @return every label, in menu order */
	public static String[] getAllLabels() {
		return Arrays.stream(values()).map(KernelPreset::label).toArray(String[]::new);
	}

	/**
	 * @param label a label in any case, surrounding spaces ignored
	 * @return the preset
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static KernelPreset fromLabel(final String label) {
		return Labels.find(values(), KernelPreset::label, label, "preset");
	}
}

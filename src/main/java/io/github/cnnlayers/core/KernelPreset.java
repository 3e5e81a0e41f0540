package io.github.cnnlayers.core;

import java.util.Arrays;

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
	EMBOSS("emboss", "-2 -1 0\n-1 1 1\n0 1 2");

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

	/** @return the kernel, or {@code null} for {@link #CUSTOM} */
	public Kernel kernel() {
		return text == null ? null : Kernel.parse(text);
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

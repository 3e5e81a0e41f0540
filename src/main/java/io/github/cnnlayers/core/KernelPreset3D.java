package io.github.cnnlayers.core;

import java.util.Arrays;

/**
 * Named 3D kernels for Conv3D, as {@link Kernel3D} text (planes z separated by a blank line): Sobel derivatives
 * along x, y and z (the derivative {@code -1 0 1} along the axis, smoothed by {@code 1 2 1} along the other two;
 * cross-correlation, as PyTorch, so a value rising along the axis gives a positive response), the 6-neighbour
 * Laplacian and the 3 x 3 x 3 mean.
 */
public enum KernelPreset3D {
	/** the kernel text as given */
	CUSTOM("custom", null),
	/** d/dx: -1 0 1 along x, 1 2 1 along y and z */
	SOBEL_X("sobel x", sobel(2)),
	/** d/dy: -1 0 1 along y, 1 2 1 along x and z */
	SOBEL_Y("sobel y", sobel(1)),
	/** d/dz: -1 0 1 along z, 1 2 1 along x and y */
	SOBEL_Z("sobel z", sobel(0)),
	/** the 6-neighbour Laplacian: -6 at the centre, 1 at each face neighbour */
	LAPLACIAN("laplacian", "0 0 0\n0 1 0\n0 0 0\n\n0 1 0\n1 -6 1\n0 1 0\n\n0 0 0\n0 1 0\n0 0 0"),
	/** the mean of the 27 voxels of a 3 x 3 x 3 block */
	MEAN("mean 3x3x3", mean());

	private final String label;
	private final String text;

	KernelPreset3D(final String label, final String text) {
		this.label = label;
		this.text = text;
	}

	/** @return the macro and dialog label */
	public String label() {
		return label;
	}

	/** @return the kernel text, or {@code null} for {@link #CUSTOM} */
	public String text() {
		return text;
	}

	/** @return every label, in menu order */
	public static String[] getAllLabels() {
		return Arrays.stream(values()).map(KernelPreset3D::label).toArray(String[]::new);
	}

	/**
	 * @param label a label in any case, surrounding spaces ignored
	 * @return the preset
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static KernelPreset3D fromLabel(final String label) {
		return Labels.find(values(), KernelPreset3D::label, label, "preset");
	}

	/** @param derivativeAxis 0 = z, 1 = y, 2 = x (the text's z y x order) */
	private static String sobel(final int derivativeAxis) {
		final int[] smooth = { 1, 2, 1 };
		final int[] derivative = { -1, 0, 1 };
		final StringBuilder sb = new StringBuilder();
		for (int z = 0; z < 3; z++) {
			if (z > 0)
				sb.append("\n\n");
			for (int y = 0; y < 3; y++) {
				if (y > 0)
					sb.append('\n');
				for (int x = 0; x < 3; x++) {
					final int[] i = { z, y, x };
					int v = 1;
					for (int a = 0; a < 3; a++)
						v *= a == derivativeAxis ? derivative[i[a]] : smooth[i[a]];
					sb.append(x > 0 ? " " : "").append(v);
				}
			}
		}
		return sb.toString();
	}

	private static String mean() {
		final String row = "0.037037037 0.037037037 0.037037037";
		final String plane = row + "\n" + row + "\n" + row;
		return plane + "\n\n" + plane + "\n\n" + plane;
	}
}

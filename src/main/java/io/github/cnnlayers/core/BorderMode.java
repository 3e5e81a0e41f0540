package io.github.cnnlayers.core;

import java.util.Arrays;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * What the padded pixels around an image hold: exactly PyTorch's {@code padding_mode} values.
 * Labels are the macro values of the {@code border} key and match in any case.
 */
public enum BorderMode {

	/** Padded pixels are 0 (PyTorch {@code 'zeros'}). */
	ZERO("zero"),
	/** Padded pixels repeat the nearest edge pixel (PyTorch {@code 'replicate'}, ImageJ's Convolve). */
	REPLICATE("replicate"),
	/** Mirror without repeating the edge pixel: {@code d c b | a b c d | c b a} (PyTorch {@code 'reflect'}). */
	REFLECT("reflect"),
	/** The image wraps around (PyTorch {@code 'circular'}). */
	CIRCULAR("circular");

	private final String label;

	BorderMode(final String label) {
		this.label = label;
	}

	/** @return the label shown in the dialog and used as macro value */
	public String label() {
		return label;
	}

	@Override
	public String toString() {
		return label;
	}

	/**
	 * @param source the image
	 * @param <T> pixel type
	 * @return the image extended to infinity with this border
	 */
	public <T extends RealType<T>> RandomAccessible<T> extend(final RandomAccessibleInterval<T> source) {
		switch (this) {
			case REPLICATE:
				return Views.extendBorder(source);
			case REFLECT:
				return Views.extendMirrorSingle(source);
			case CIRCULAR:
				return Views.extendPeriodic(source);
			default:
				return Views.extendZero(source);
		}
	}

	/**
	 * Checks that {@code padding} pixels of this border fit an axis of {@code size} pixels, as PyTorch
	 * requires: reflect needs padding &lt; size, circular padding &lt;= size.
	 *
	 * @param size the image size along the axis
	 * @param padding the padding on each side
	 * @param axis the axis name, for the message
	 * @throws IllegalArgumentException naming the numbers and the rule
	 */
	public void checkPadding(final long size, final long padding, final String axis) {
		if (this == REFLECT && padding >= size)
			throw new IllegalArgumentException("Border \"reflect\" needs padding < image " + axis + ": padding " +
				padding + " >= " + axis + " " + size + "; use a smaller padding or another border");
		if (this == CIRCULAR && padding > size)
			throw new IllegalArgumentException("Border \"circular\" needs padding <= image " + axis + ": padding " +
				padding + " > " + axis + " " + size + "; use a smaller padding or another border");
	}

	/** @return every label, in menu order */
	public static String[] getAllLabels() {
		return Arrays.stream(values()).map(BorderMode::label).toArray(String[]::new);
	}

	/**
	 * @param label a label in any case
	 * @return the border mode
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static BorderMode fromLabel(final String label) {
		return Labels.find(values(), BorderMode::label, label, "border");
	}
}

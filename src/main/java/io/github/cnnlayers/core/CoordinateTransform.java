package io.github.cnnlayers.core;

/**
 * How a resampling layer maps an output coordinate to an input coordinate along one axis: ONNX Resize's
 * {@code coordinate_transformation_mode}s (docs/Operators.md, Resize) and PyTorch's {@code interpolate},
 * each constant carrying its formula. With {@code x} the output index, {@code in} and {@code out} the axis
 * lengths: the ONNX modes divide by the scale in double, as ONNX's formulas and runtimes do (so that a
 * coordinate of exactly 1.5 stays 1.5 for nearest rounding); PyTorch's own modes multiply by
 * {@code inv = 1/scale} rounded to float, as PyTorch does (its nearest in float: see {@link #PYTORCH_NEAREST});
 * the align_corners ratio {@code (in - 1)/(out - 1)} is a float, as PyTorch's.
 * <p>
 * PyTorch's {@code interpolate(scale_factor=s)} is {@link #PYTORCH_NEAREST} for mode nearest,
 * {@link #PYTORCH_LINEAR} for bilinear with
 * {@code align_corners=False} and {@link #ALIGN_CORNERS} for bilinear with {@code align_corners=True}.
 */
public enum CoordinateTransform {

	/** ONNX {@code half_pixel}: {@code (x + 0.5) / scale - 0.5} (pixel centres aligned). */
	HALF_PIXEL("half_pixel") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return (x + 0.5) / scale - 0.5;
		}
	},
	/**
	 * ONNX {@code half_pixel_symmetric} (opset 19): half_pixel shifted so that the image's centre stays in place when
	 * the output length is the scaled length rounded down: {@code offset + (x + 0.5) / scale - 0.5} with
	 * {@code offset = in / 2 * (1 - out / (in * scale))}.
	 */
	HALF_PIXEL_SYMMETRIC("half_pixel_symmetric") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			final double offset = in / 2.0 * (1 - out / (in * scale));
			return offset + (x + 0.5) / scale - 0.5;
		}
	},
	/** ONNX {@code pytorch_half_pixel}: as half_pixel, but 0 when the output length is 1 (what PyTorch exports). */
	PYTORCH_HALF_PIXEL("pytorch_half_pixel") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return out > 1 ? (x + 0.5) / scale - 0.5 : 0;
		}
	},
	/**
	 * ONNX {@code align_corners}: {@code x * (in - 1) / (out - 1)}, 0 for an output length of 1 (corner pixels
	 * aligned; the scale only sets the output size). PyTorch's {@code align_corners=True}, with its float ratio.
	 */
	ALIGN_CORNERS("align_corners") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return out > 1 ? (double) ((float) (in - 1) / (out - 1)) * x : 0;
		}

		@Override
		public boolean dependsOnSize() {
			return true;
		}
	},
	/** ONNX {@code asymmetric}: {@code x / scale} (top-left corners aligned). */
	ASYMMETRIC("asymmetric") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return x / scale;
		}
	},
	/** ONNX {@code tf_half_pixel_for_nn}: {@code (x + 0.5) / scale} (TensorFlow's nearest with half-pixel centres). */
	TF_HALF_PIXEL_FOR_NN("tf_half_pixel_for_nn") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return (x + 0.5) / scale;
		}
	},
	/**
	 * PyTorch's {@code interpolate(mode='nearest')}: asymmetric ({@code x / scale}, rounded down by
	 * {@link NearestRounding#FLOOR}), except that an output as long as the input copies it and one twice as
	 * long takes {@code x / 2} (PyTorch's shortcuts in {@code nearest_idx}, which differ from the formula for
	 * some scales, e.g. 2.1 on 9 pixels).
	 */
	PYTORCH_NEAREST("pytorch_nearest") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			if (out == in)
				return x;
			if (out == 2 * in)
				return x >> 1;
			return x * (float) (1 / scale); // in float, as PyTorch's floorf(x * scale) with its float 1/scale
		}
	},
	/**
	 * PyTorch's {@code interpolate(mode='bilinear', align_corners=False)}: half_pixel (also for an output
	 * length of 1, unlike pytorch_half_pixel), except that an output as long as the input copies it.
	 */
	PYTORCH_LINEAR("pytorch_linear") {

		@Override
		public double source(final long x, final double scale, final long in, final long out) {
			return out == in ? x : (x + 0.5) * (float) (1 / scale) - 0.5; // PyTorch's float 1/scale
		}
	};

	private final String label;

	CoordinateTransform(final String label) {
		this.label = label;
	}

	/**
	 * @param x an output index
	 * @param scale the scale (output length / input length as the model gives it)
	 * @param in the input length along the axis
	 * @param out the output length along the axis
	 * @return the input coordinate of x (pixel i spans [i - 0.5, i + 0.5) about its centre i); may lie
	 *         outside [0, in - 1], where the sampling clamps it
	 */
	public abstract double source(long x, double scale, long in, long out);

	/**
	 * @return whether the step between output pixels depends on the input's length (align_corners), so that a part
	 *         of the image is not resampled as the whole image is
	 */
	public boolean dependsOnSize() {
		return false;
	}

	/** @return the ONNX attribute value (or pytorch_nearest, pytorch_linear), also the macro label */
	public String label() {
		return label;
	}

	/**
	 * @param label a label in any case
	 * @return the transform
	 * @throws IllegalArgumentException listing the allowed labels when none matches
	 */
	public static CoordinateTransform fromLabel(final String label) {
		return Labels.find(values(), CoordinateTransform::label, label, "coordinate transformation mode");
	}

	@Override
	public String toString() {
		return label;
	}
}

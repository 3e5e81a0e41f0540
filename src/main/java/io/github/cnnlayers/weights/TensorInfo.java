package io.github.cnnlayers.weights;

/** What a weight file says about one of its tensors, without reading its values: name, shape, element type. */
public final class TensorInfo {

	private final String name;
	private final int[] shape;
	private final String dtype;

	/**
	 * A listing entry; the shape is copied.
	 *
	 * @param name  the name that selects the tensor ({@code tensor=} key)
	 * @param shape the size of each axis, outermost first
	 * @param dtype the element type as the file names it
	 */
	public TensorInfo(String name, int[] shape, String dtype) {
		this.name = name;
		this.shape = shape.clone();
		this.dtype = dtype;
	}

	/** The name that selects the tensor. */
	public String name() {
		return name;
	}

	/** A copy of the shape. */
	public int[] shape() {
		return shape.clone();
	}

	/** The number of axes. */
	public int rank() {
		return shape.length;
	}

	/** The element type as the file names it. */
	public String dtype() {
		return dtype;
	}

	/** The shape as text, e.g. {@code [16, 3, 3, 3]}. */
	public String shapeText() {
		return Tensor.shapeText(shape);
	}

	/** Name and shape, e.g. {@code features.0.weight [16, 3, 3, 3]}: the form error messages list. */
	@Override
	public String toString() {
		return name + " " + shapeText();
	}
}

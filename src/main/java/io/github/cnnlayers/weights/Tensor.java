package io.github.cnnlayers.weights;

import java.util.Arrays;

/**
 * A named array of numbers read from a weight file: its shape, its values as {@code float} in C order
 * (row-major, last index fastest) and the element type the file stored them in. Immutable.
 */
public final class Tensor {

	private final String name;
	private final int[] shape;
	private final float[] data;
	private final String dtype;

	/**
	 * A tensor; the arrays are copied.
	 *
	 * @param name  the tensor's name in its file
	 * @param shape the size of each axis, outermost first
	 * @param data  the values in C order; exactly as many as the shape holds
	 * @param dtype the element type as the file names it, e.g. {@code <f4}, {@code BF16}, {@code float32}
	 * @throws IllegalArgumentException if a size is negative or the data length does not match the shape
	 */
	public Tensor(String name, int[] shape, float[] data, String dtype) {
		this(name, shape.clone(), data.clone(), dtype, true);
	}

	/** Takes the arrays without copying them: only for arrays nobody else holds. */
	Tensor(String name, int[] shape, float[] data, String dtype, boolean owned) {
		long n = elementCount(shape);
		if (n != data.length)
			throw new IllegalArgumentException("Tensor " + name + ": shape " + shapeText(shape) + " holds " + n +
				" values, not " + data.length);
		this.name = name;
		this.shape = shape;
		this.data = data;
		this.dtype = dtype;
	}

	/** The tensor's name in its file (for a {@code .npy} file, the file name). */
	public String name() {
		return name;
	}

	/** A copy of the shape: the size of each axis, outermost first. */
	public int[] shape() {
		return shape.clone();
	}

	/** The number of axes. */
	public int rank() {
		return shape.length;
	}

	/** The size of one axis. */
	public int dim(int axis) {
		return shape[axis];
	}

	/** The number of values. */
	public int size() {
		return data.length;
	}

	/** A copy of the values in C order (last index fastest). */
	public float[] data() {
		return data.clone();
	}

	/** The value at one C-order flat index. */
	public float get(int flatIndex) {
		return data[flatIndex];
	}

	/** The values themselves, not a copy: for this package, which never changes them. */
	float[] values() {
		return data;
	}

	/** The element type as the file names it, e.g. {@code <f4}, {@code >f8}, {@code BF16}, {@code float32}. */
	public String dtype() {
		return dtype;
	}

	/** The shape as text, e.g. {@code [16, 3, 3, 3]}. */
	public String shapeText() {
		return shapeText(shape);
	}

	/** Name, shape and element type, e.g. {@code features.0.weight [16, 3, 3, 3] F32}. */
	@Override
	public String toString() {
		return name + " " + shapeText() + " " + dtype;
	}

	/** A shape as text, e.g. {@code [16, 3, 3, 3]}; {@code []} for a scalar. */
	static String shapeText(int[] shape) {
		return Arrays.toString(shape);
	}

	/** What {@link #elementCount} gives for more values than a Java array holds: times 8 still fits a long. */
	static final long TOO_MANY = Long.MAX_VALUE / 16;

	/**
	 * The number of values a shape holds, or {@link #TOO_MANY}.
	 *
	 * @throws IllegalArgumentException if a size is negative
	 */
	static long elementCount(int[] shape) {
		long n = 1;
		for (int s : shape) {
			if (s < 0) throw new IllegalArgumentException("Negative size in shape " + shapeText(shape));
			n = Math.min(n, Integer.MAX_VALUE + 1L) * s; // cannot overflow: both factors are below 2^31 + 1
		}
		return n > Integer.MAX_VALUE ? TOO_MANY : n; // callers compare with array limits
	}

	/** The multi-index, as text like {@code [1, 0, 2, 1]}, of a C-order flat index in a shape. */
	static String indexText(int[] shape, int flatIndex) {
		int[] index = new int[shape.length];
		int rest = flatIndex;
		for (int axis = shape.length - 1; axis >= 0; axis--) {
			index[axis] = shape[axis] == 0 ? 0 : rest % shape[axis];
			rest = shape[axis] == 0 ? 0 : rest / shape[axis];
		}
		return Arrays.toString(index);
	}
}

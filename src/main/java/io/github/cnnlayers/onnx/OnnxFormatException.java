package io.github.cnnlayers.onnx;

/**
 * An {@code .onnx} model or a {@code TensorProto} file that cannot be read as one: not ONNX at all, truncated,
 * malformed, lying about its sizes, or with a graph that cannot run (a missing input, a cycle). The message
 * names the problem, and where the file is at fault the byte offset or the tensor, node or field concerned.
 */
public class OnnxFormatException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** @param message what is wrong, for the user */
	public OnnxFormatException(final String message) {
		super(message);
	}
}

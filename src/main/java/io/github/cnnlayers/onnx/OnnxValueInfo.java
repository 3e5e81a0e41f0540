package io.github.cnnlayers.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A named value of a graph with its type ({@code ValueInfoProto}): a graph input, output or intermediate value,
 * with its element type and its dimensions, each fixed, symbolic or unknown, exactly as the model gives them.
 * Immutable.
 */
public final class OnnxValueInfo {

	private final String name;
	private final OnnxDataType elementType;
	private final List<OnnxDim> dims;

	private OnnxValueInfo(String name, OnnxDataType elementType, List<OnnxDim> dims) {
		this.name = name;
		this.elementType = elementType;
		this.dims = dims;
	}

	/** @return the value's name */
	public String name() {
		return name;
	}

	/** @return the element type; null when the value is not a tensor or its type is not given */
	public OnnxDataType elementType() {
		return elementType;
	}

	/** @return true if the model gives the value's shape (its rank at least) */
	public boolean hasShape() {
		return dims != null;
	}

	/** @return the dimensions, outermost first (unmodifiable); null when the shape is not given */
	public List<OnnxDim> dims() {
		return dims;
	}

	/** Decodes a {@code ValueInfoProto}. */
	static OnnxValueInfo decode(ProtoReader r) {
		String name = "";
		OnnxDataType elementType = null;
		List<OnnxDim> dims = null;
		while (r.next()) {
			if (r.field() == 1) name = r.string("name");
			else if (r.field() == 2) {
				ProtoReader type = r.message("type", "TypeProto");
				while (type.next()) {
					if (type.field() != 1) {
						type.skip(); // sequences, maps, optionals, sparse tensors: not tensors
						continue;
					}
					ProtoReader tensor = type.message("tensor_type", "TypeProto.Tensor");
					while (tensor.next()) {
						if (tensor.field() == 1) elementType = OnnxDataType.ofCode(tensor.int64("elem_type"));
						else if (tensor.field() == 2) {
							dims = new ArrayList<>();
							ProtoReader shape = tensor.message("shape", "TensorShapeProto");
							while (shape.next()) {
								if (shape.field() == 1)
									dims.add(OnnxDim.decode(shape.message("dim", "TensorShapeProto.Dimension")));
								else shape.skip();
							}
						}
						else tensor.skip();
					}
				}
			}
			else r.skip();
		}
		return new OnnxValueInfo(name, elementType, dims == null ? null : Collections.unmodifiableList(dims));
	}

	/** @return e.g. {@code input FLOAT [batch, 3, 224, 224]} */
	@Override
	public String toString() {
		return name + " " + elementType + " " + (dims == null ? "(no shape)" : dims.toString());
	}
}

package io.github.cnnlayers.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One operation of a graph ({@code NodeProto}): an operator ({@code op_type} in a {@code domain}) reading named
 * inputs and making named outputs, with attributes. An empty input or output name stands for an optional value
 * left out, and is kept in its place. Immutable.
 */
public final class OnnxNode {

	private final int index;
	private final String name;
	private final String opType;
	private final String domain;
	private final List<String> inputs;
	private final List<String> outputs;
	private final List<OnnxAttribute> attributes;

	private OnnxNode(int index, String name, String opType, String domain, List<String> inputs,
		List<String> outputs, List<OnnxAttribute> attributes)
	{
		this.index = index;
		this.name = name;
		this.opType = opType;
		this.domain = domain;
		this.inputs = inputs;
		this.outputs = outputs;
		this.attributes = attributes;
	}

	/** @return the node's position in its graph's file order, from 0 */
	public int index() {
		return index;
	}

	/** @return the node's name; may be empty */
	public String name() {
		return name;
	}

	/** @return the operator, e.g. {@code Conv} */
	public String opType() {
		return opType;
	}

	/** @return the operator's domain; empty for the default ONNX domain ({@code ai.onnx}) */
	public String domain() {
		return domain;
	}

	/** @return the input names in order, "" for an optional input left out (unmodifiable) */
	public List<String> inputs() {
		return inputs;
	}

	/** @return the output names in order, "" for an optional output left out (unmodifiable) */
	public List<String> outputs() {
		return outputs;
	}

	/** @return the attributes in file order (unmodifiable) */
	public List<OnnxAttribute> attributes() {
		return attributes;
	}

	/**
	 * @param attributeName an attribute's name, e.g. {@code "strides"}
	 * @return the attribute of this name, or null if the node has none
	 */
	public OnnxAttribute attribute(String attributeName) {
		for (OnnxAttribute a : attributes)
			if (a.name().equals(attributeName)) return a;
		return null;
	}

	/** @return the node for messages: {@code node 'conv1' (Conv)}, or {@code node #3 (Conv)} when it has no name */
	public String describe() {
		return (name.isEmpty() ? "node #" + index : "node '" + name + "'") + " (" + opType + ")";
	}

	/** Decodes a {@code NodeProto}; folder is the model's, for tensors with external data. */
	static OnnxNode decode(ProtoReader r, int index, Path folder) {
		String name = "";
		String opType = "";
		String domain = "";
		List<String> inputs = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		List<OnnxAttribute> attributes = new ArrayList<>();
		while (r.next()) {
			switch (r.field()) {
				case 1:
					inputs.add(r.string("input"));
					break;
				case 2:
					outputs.add(r.string("output"));
					break;
				case 3:
					name = r.string("name");
					break;
				case 4:
					opType = r.string("op_type");
					break;
				case 5:
					attributes.add(OnnxAttribute.decode(r.message("attribute", "AttributeProto"), folder));
					break;
				case 7:
					domain = r.string("domain");
					break;
				default:
					r.skip();
			}
		}
		return new OnnxNode(index, name, opType, domain, Collections.unmodifiableList(inputs),
			Collections.unmodifiableList(outputs), Collections.unmodifiableList(attributes));
	}

	/** @return e.g. {@code node 'conv1' (Conv) [x, w, b] -> [y]} */
	@Override
	public String toString() {
		return describe() + " " + inputs + " -> " + outputs;
	}
}

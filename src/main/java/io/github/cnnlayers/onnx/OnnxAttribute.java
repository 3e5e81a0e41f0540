package io.github.cnnlayers.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A named attribute of a node ({@code AttributeProto}): its {@link #type()} says which of the values is in use.
 * Values not given read as 0, empty or null. Subgraphs ({@code g}, {@code graphs}) are read but not checked.
 * Immutable.
 */
public final class OnnxAttribute {

	private final String name;
	private final OnnxAttributeType type;
	private final float f;
	private final long i;
	private final byte[] s;
	private final OnnxTensor t;
	private final OnnxGraph g;
	private final float[] floats;
	private final long[] ints;
	private final List<String> strings;
	private final List<OnnxTensor> tensors;
	private final List<OnnxGraph> graphs;

	private OnnxAttribute(String name, OnnxAttributeType type, float f, long i, byte[] s, OnnxTensor t, OnnxGraph g,
		float[] floats, long[] ints, List<String> strings, List<OnnxTensor> tensors, List<OnnxGraph> graphs)
	{
		this.name = name;
		this.type = type;
		this.f = f;
		this.i = i;
		this.s = s;
		this.t = t;
		this.g = g;
		this.floats = floats;
		this.ints = ints;
		this.strings = strings;
		this.tensors = tensors;
		this.graphs = graphs;
	}

	/** @return the attribute's name, e.g. {@code kernel_shape} */
	public String name() {
		return name;
	}

	/** @return which value is in use */
	public OnnxAttributeType type() {
		return type;
	}

	/** @return the float value ({@link OnnxAttributeType#FLOAT}); 0 if not given */
	public float f() {
		return f;
	}

	/** @return the integer value ({@link OnnxAttributeType#INT}); 0 if not given */
	public long i() {
		return i;
	}

	/** @return the string value ({@link OnnxAttributeType#STRING}) as UTF-8 text; empty if not given */
	public String s() {
		return new String(s, StandardCharsets.UTF_8);
	}

	/** @return the string value's bytes (a copy); empty if not given */
	public byte[] sBytes() {
		return s.clone();
	}

	/** @return the tensor value ({@link OnnxAttributeType#TENSOR}); null if not given */
	public OnnxTensor t() {
		return t;
	}

	/** @return the graph value ({@link OnnxAttributeType#GRAPH}), not checked; null if not given */
	public OnnxGraph g() {
		return g;
	}

	/** @return the floats ({@link OnnxAttributeType#FLOATS}), a copy; empty if not given */
	public float[] floats() {
		return floats.clone();
	}

	/** @return the integers ({@link OnnxAttributeType#INTS}), a copy; empty if not given */
	public long[] ints() {
		return ints.clone();
	}

	/** @return the strings ({@link OnnxAttributeType#STRINGS}) as UTF-8 text, unmodifiable */
	public List<String> strings() {
		return strings;
	}

	/** @return the tensors ({@link OnnxAttributeType#TENSORS}), unmodifiable */
	public List<OnnxTensor> tensors() {
		return tensors;
	}

	/** @return the graphs ({@link OnnxAttributeType#GRAPHS}), not checked, unmodifiable */
	public List<OnnxGraph> graphs() {
		return graphs;
	}

	/** Decodes an {@code AttributeProto}; folder is the model's, for tensors with external data. */
	static OnnxAttribute decode(ProtoReader r, Path folder) {
		String name = "";
		OnnxAttributeType type = OnnxAttributeType.UNDEFINED;
		float f = 0;
		long i = 0;
		byte[] s = null;
		OnnxTensor t = null;
		OnnxGraph g = null;
		List<ByteBuffer> floatChunks = new ArrayList<>();
		List<ByteBuffer> intChunks = new ArrayList<>();
		List<String> strings = new ArrayList<>();
		List<OnnxTensor> tensors = new ArrayList<>();
		List<OnnxGraph> graphs = new ArrayList<>();
		boolean hasF = false, hasI = false;
		while (r.next()) {
			switch (r.field()) {
				case 1:
					name = r.string("name");
					break;
				case 20:
					type = OnnxAttributeType.ofCode(r.int64("type"));
					break;
				case 2:
					f = r.float32("f");
					hasF = true;
					break;
				case 3:
					i = r.int64("i");
					hasI = true;
					break;
				case 4:
					s = bytesOf(r.bytes("s"));
					break;
				case 5:
					t = OnnxTensor.decode(r.message("t", "TensorProto"), folder);
					break;
				case 6:
					g = OnnxGraph.decode(r.message("g", "GraphProto"), folder);
					break;
				case 7:
					r.scalars("floats", ProtoReader.Scalar.FIXED32_VALUES, floatChunks);
					break;
				case 8:
					r.scalars("ints", ProtoReader.Scalar.VARINT_VALUES, intChunks);
					break;
				case 9:
					strings.add(new String(bytesOf(r.bytes("strings")), StandardCharsets.UTF_8));
					break;
				case 10:
					tensors.add(OnnxTensor.decode(r.message("tensors", "TensorProto"), folder));
					break;
				case 11:
					graphs.add(OnnxGraph.decode(r.message("graphs", "GraphProto"), folder));
					break;
				default:
					r.skip();
			}
		}
		final float[] floats = new float[(int) ProtoReader.Scalar.FIXED32_VALUES.count(floatChunks)];
		ProtoReader.Scalar.FIXED32_VALUES.forEach(floatChunks, (k, v) -> floats[k] = Float.intBitsToFloat((int) v));
		final long[] ints = new long[(int) ProtoReader.Scalar.VARINT_VALUES.count(intChunks)];
		ProtoReader.Scalar.VARINT_VALUES.forEach(intChunks, (k, v) -> ints[k] = v);
		if (type == OnnxAttributeType.UNDEFINED) // IR version 1 gave no type: the field present says it
			type = hasF ? OnnxAttributeType.FLOAT : hasI ? OnnxAttributeType.INT : s != null ?
				OnnxAttributeType.STRING : t != null ? OnnxAttributeType.TENSOR : g != null ? OnnxAttributeType.GRAPH :
				floats.length > 0 ? OnnxAttributeType.FLOATS : ints.length > 0 ? OnnxAttributeType.INTS :
				!strings.isEmpty() ? OnnxAttributeType.STRINGS : !tensors.isEmpty() ? OnnxAttributeType.TENSORS :
				!graphs.isEmpty() ? OnnxAttributeType.GRAPHS : OnnxAttributeType.UNDEFINED;
		return new OnnxAttribute(name, type, f, i, s == null ? new byte[0] : s, t, g, floats, ints,
			Collections.unmodifiableList(strings), Collections.unmodifiableList(tensors),
			Collections.unmodifiableList(graphs));
	}

	private static byte[] bytesOf(ByteBuffer b) {
		byte[] out = new byte[b.remaining()];
		b.duplicate().get(out);
		return out;
	}

	/** @return e.g. {@code kernel_shape=INTS [3, 3]} */
	@Override
	public String toString() {
		String value;
		switch (type) {
			case FLOAT:
				value = Float.toString(f);
				break;
			case INT:
				value = Long.toString(i);
				break;
			case STRING:
				value = "'" + s() + "'";
				break;
			case TENSOR:
				value = String.valueOf(t);
				break;
			case FLOATS:
				value = Arrays.toString(floats);
				break;
			case INTS:
				value = Arrays.toString(ints);
				break;
			case STRINGS:
				value = strings.toString();
				break;
			case TENSORS:
				value = tensors.toString();
				break;
			default:
				value = "...";
		}
		return name + "=" + type + " " + value;
	}
}

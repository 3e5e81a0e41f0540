package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Decodes the models of {@code make_onnx_reader_fixtures.py} and compares every field and every value with what
 * onnx's own protobuf reader and numpy_helper made of them (the JSON beside each model).
 */
class OnnxFixturesTest {

	/** The folder of the reader fixtures. */
	static final Path READER = Paths.get("src", "test", "resources", "onnx", "reader");

	@Test
	void torchExportedConvNetDecodesAsOnnxReadsIt() throws IOException {
		OnnxModel model = check("conv_net.onnx", "conv_net.json");
		assertEquals("pytorch", model.producerName());
		assertEquals(13, model.opsetVersion(""));
		assertEquals(13, model.opsetVersion(OnnxModel.DEFAULT_DOMAIN));
		OnnxValueInfo image = model.graph().inputs().get(0);
		assertEquals("batch", image.dims().get(0).symbol());
		assertEquals(1, image.dims().get(1).value());
		assertFalse(image.dims().get(2).isFixed());
		for (OnnxTensor t : model.graph().initializers().values())
			assertFalse(t.isExternal());
	}

	@Test
	void typedFieldsEveryAttributeTypeAndOutOfOrderNodes() throws IOException {
		OnnxModel model = check("typed_fields.onnx", "typed_fields.json");
		assertEquals(2, model.opsetVersion("test.domain"));
		assertEquals(-1, model.opsetVersion("com.other"));
		OnnxGraph g = model.graph();
		assertEquals("clip", g.nodes().get(0).name()); // file order kept in nodes()
		assertEquals(3, g.nodes().get(0).inputs().size());
		assertEquals("", g.nodes().get(0).inputs().get(1)); // Clip's 'min' left out, kept in place
		// values by hand, beside onnx's: negative INT8 in int32_data are 10-byte varints
		assertArrayEquals(new long[] {-128, -1, 0, 127}, g.initializers().get("w_i8").longs());
		assertArrayEquals(new long[] {1, 0, 1}, g.initializers().get("mask").longs());
		assertArrayEquals(new float[] {0.5f, -2f, 65504f, 6.1035156e-05f, 5.9604645e-08f, -0f},
			g.initializers().get("w_half_typed").floats());
		assertEquals(0, g.initializers().get("scalar").dims().length);
		assertEquals(1, g.initializers().get("scalar").elementCount());
		assertEquals(0, g.initializers().get("empty").floats().length);
		OnnxAttribute pads = g.nodes().get(1).attribute("pads");
		assertArrayEquals(new long[] {0, 1, -2, 3_000_000_000L}, pads.ints());
		assertEquals("nearest ünïcode", g.nodes().get(1).attribute("mode").s());
		assertNull(g.nodes().get(1).attribute("absent"));
		List<OnnxDim> relu = g.valueInfo().get(0).dims();
		assertEquals(OnnxDim.unknown(), relu.get(3));
		assertNull(g.outputs().get(1).dims()); // no shape given
		// the runtime inputs leave initializers out
		assertEquals(1, g.runtimeInputs().size());
	}

	@Test
	void externalDataIsReadFromTheModelsFolder() throws IOException {
		OnnxModel model = check("external/model.onnx", "external/model.json");
		for (OnnxTensor t : model.graph().initializers().values())
			assertTrue(t.isExternal(), t.name());
		assertEquals(OnnxDataType.DOUBLE, model.graph().initializers().get("shift").dataType());
	}

	@Test
	void unreadableTypesSayWhichAreReadable() throws IOException {
		OnnxModel model = OnnxModel.read(READER.resolve("typed_fields.onnx"));
		OnnxTensor words = model.graph().initializers().get("words");
		OnnxFormatException e = assertThrows(OnnxFormatException.class, words::floats);
		assertEquals("tensor 'words' holds STRING values, which this reader cannot convert (floats() reads FLOAT, " +
			"UINT8, INT8, INT32, INT64, BOOL, FLOAT16, DOUBLE)", e.getMessage());
		e = assertThrows(OnnxFormatException.class, model.graph().initializers().get("w_float")::longs);
		assertTrue(e.getMessage().startsWith("tensor 'w_float' holds FLOAT values; longs() reads the integer types"),
			e.getMessage());
	}

	/** Reads a model, compares it with its JSON, and returns it. */
	static OnnxModel check(String model, String json) throws IOException {
		OnnxModel m = OnnxModel.read(READER.resolve(model));
		Object e = FixtureJson.read(READER.resolve(json));
		assertEquals(((Long) FixtureJson.get(e, "ir_version")).longValue(), m.irVersion());
		assertEquals(FixtureJson.get(e, "producer_name"), m.producerName());
		assertEquals(FixtureJson.get(e, "producer_version"), m.producerVersion());
		Map<String, Long> opsets = new LinkedHashMap<>();
		for (Map.Entry<String, Object> o : FixtureJson.map(e, "opset_imports").entrySet())
			opsets.put(o.getKey(), (Long) o.getValue());
		assertEquals(opsets, m.opsetImports());
		assertGraph(FixtureJson.map(e, "graph"), m.graph(), "graph");
		List<String> order = new ArrayList<>();
		for (OnnxNode n : m.graph().validate())
			order.add(n.name());
		assertEquals(FixtureJson.list(e, "topological_order"), order);
		return m;
	}

	static void assertGraph(Object e, OnnxGraph g, String where) {
		assertEquals(FixtureJson.get(e, "name"), g.name(), where);
		List<Object> nodes = FixtureJson.list(e, "nodes");
		assertEquals(nodes.size(), g.nodes().size(), where + " nodes");
		for (int k = 0; k < nodes.size(); k++) {
			Object en = nodes.get(k);
			OnnxNode n = g.nodes().get(k);
			String at = where + " node " + k;
			assertEquals(k, n.index(), at);
			assertEquals(FixtureJson.get(en, "name"), n.name(), at);
			assertEquals(FixtureJson.get(en, "op_type"), n.opType(), at);
			assertEquals(FixtureJson.get(en, "domain"), n.domain(), at);
			assertEquals(FixtureJson.list(en, "inputs"), n.inputs(), at);
			assertEquals(FixtureJson.list(en, "outputs"), n.outputs(), at);
			List<Object> attributes = FixtureJson.list(en, "attributes");
			assertEquals(attributes.size(), n.attributes().size(), at);
			for (int a = 0; a < attributes.size(); a++)
				assertAttribute(attributes.get(a), n.attributes().get(a), at);
		}
		List<Object> inits = FixtureJson.list(e, "initializers");
		assertEquals(inits.size(), g.initializers().size(), where);
		int k = 0;
		for (OnnxTensor t : g.initializers().values())
			assertTensor(inits.get(k++), t);
		assertValues(FixtureJson.list(e, "inputs"), g.inputs());
		assertValues(FixtureJson.list(e, "outputs"), g.outputs());
		assertValues(FixtureJson.list(e, "value_info"), g.valueInfo());
	}

	static void assertAttribute(Object e, OnnxAttribute a, String where) {
		String at = where + " attribute " + a.name();
		assertEquals(FixtureJson.get(e, "name"), a.name(), at);
		assertEquals(FixtureJson.get(e, "type"), a.type().name(), at);
		switch (a.type()) {
			case FLOAT:
				assertEquals((float) number(FixtureJson.get(e, "f")), a.f(), at);
				break;
			case INT:
				assertEquals(((Long) FixtureJson.get(e, "i")).longValue(), a.i(), at);
				break;
			case STRING:
				assertEquals(FixtureJson.get(e, "s"), a.s(), at);
				break;
			case TENSOR:
				assertTensor(FixtureJson.get(e, "t"), a.t());
				break;
			case GRAPH:
				assertGraph(FixtureJson.get(e, "g"), a.g(), at);
				break;
			case FLOATS:
				assertArrayEquals(floats(FixtureJson.list(e, "floats")), a.floats(), at);
				break;
			case INTS:
				assertArrayEquals(longs(FixtureJson.list(e, "ints")), a.ints(), at);
				break;
			case STRINGS:
				assertEquals(FixtureJson.list(e, "strings"), a.strings(), at);
				break;
			case TENSORS:
				List<Object> ts = FixtureJson.list(e, "tensors");
				assertEquals(ts.size(), a.tensors().size(), at);
				for (int k = 0; k < ts.size(); k++)
					assertTensor(ts.get(k), a.tensors().get(k));
				break;
			case GRAPHS:
				List<Object> gs = FixtureJson.list(e, "graphs");
				assertEquals(gs.size(), a.graphs().size(), at);
				for (int k = 0; k < gs.size(); k++)
					assertGraph(gs.get(k), a.graphs().get(k), at);
				break;
			default:
				throw new AssertionError("the fixtures have no attribute of type " + a.type());
		}
	}

	static void assertTensor(Object e, OnnxTensor t) {
		String at = "tensor " + t.name();
		assertEquals(FixtureJson.get(e, "name"), t.name(), at);
		assertEquals(FixtureJson.get(e, "data_type"), t.dataType().name(), at);
		assertArrayEquals(longs(FixtureJson.list(e, "dims")), t.dims(), at);
		if (FixtureJson.get(e, "floats") != null) {
			assertTrue(t.dataType().readsAsFloats(), at);
			assertArrayEquals(floats(FixtureJson.list(e, "floats")), t.floats(), at);
		}
		else {
			assertFalse(t.dataType().readsAsFloats(), at);
			assertThrows(OnnxFormatException.class, t::floats, at);
		}
		if (FixtureJson.get(e, "longs") != null) assertArrayEquals(longs(FixtureJson.list(e, "longs")), t.longs(), at);
		else assertThrows(OnnxFormatException.class, t::longs, at);
	}

	static void assertValues(List<Object> e, List<OnnxValueInfo> values) {
		assertEquals(e.size(), values.size());
		for (int k = 0; k < e.size(); k++) {
			OnnxValueInfo v = values.get(k);
			assertEquals(FixtureJson.get(e.get(k), "name"), v.name());
			Object type = FixtureJson.get(e.get(k), "elem_type");
			assertEquals(type, v.elementType() == null ? null : v.elementType().name(), v.name());
			List<Object> dims = FixtureJson.list(e.get(k), "dims");
			if (dims == null) {
				assertFalse(v.hasShape(), v.name());
				continue;
			}
			assertEquals(dims.size(), v.dims().size(), v.name());
			for (int d = 0; d < dims.size(); d++) {
				Object dim = dims.get(d);
				OnnxDim expected = dim == null ? OnnxDim.unknown() : dim instanceof String ?
					OnnxDim.symbolic((String) dim) : OnnxDim.of((Long) dim);
				assertEquals(expected, v.dims().get(d), v.name() + " dim " + d);
			}
		}
	}

	static double number(Object o) {
		return ((Number) o).doubleValue();
	}

	static float[] floats(List<Object> values) {
		float[] out = new float[values.size()];
		for (int k = 0; k < out.length; k++)
			out[k] = (float) number(values.get(k));
		return out;
	}

	static long[] longs(List<Object> values) {
		long[] out = new long[values.size()];
		for (int k = 0; k < out.length; k++)
			out[k] = (Long) values.get(k);
		return out;
	}
}

package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes ONNX's official backend test cases copied by {@code copy_onnx_node_cases.py}: every {@code model.onnx}
 * and every {@code input_*.pb} / {@code output_*.pb}, compared with {@code index.json}, which onnx's own protobuf
 * reader and numpy_helper wrote (values by their SHA-256 as float32, and as int64 for integer types).
 */
class OnnxNodeCasesTest {

	private static final Path NODE = Paths.get("src", "test", "resources", "onnx", "node");

	@TestFactory
	List<DynamicTest> everyCopiedCaseDecodesAsOnnxReadsIt() throws IOException {
		Map<String, Object> index = asMap(FixtureJson.read(NODE.resolve("index.json")));
		List<DynamicTest> tests = new ArrayList<>();
		for (Map.Entry<String, Object> c : index.entrySet())
			tests.add(DynamicTest.dynamicTest(c.getKey(), () -> checkCase(c.getKey(), c.getValue())));
		return tests;
	}

	@Test
	void theSelectionCoversTheOperatorsOfIssue21() throws IOException {
		TreeSet<Object> operators = new TreeSet<>();
		Map<String, Object> index = asMap(FixtureJson.read(NODE.resolve("index.json")));
		for (Object c : index.values())
			operators.addAll(FixtureJson.list(c, "operators"));
		assertTrue(index.size() > 250, "cases: " + index.size());
		for (String op : ("Conv ConvTranspose MaxPool AveragePool Resize Upsample Pad BatchNormalization " +
			"InstanceNormalization Gemm MatMul Reshape Slice Cast").split(" "))
			assertTrue(operators.contains(op), op);
	}

	private static void checkCase(String name, Object c) throws IOException {
		Path folder = NODE.resolve(name);
		OnnxModel model = OnnxModel.read(folder.resolve("model.onnx"));
		TreeSet<String> ops = new TreeSet<>();
		for (OnnxNode n : model.graph().nodes())
			ops.add(n.opType());
		assertEquals(FixtureJson.list(c, "operators"), new ArrayList<>(ops));
		assertEquals(((Long) FixtureJson.get(c, "opset")).longValue(), model.opsetVersion(""));
		OnnxFixturesTest.assertValues(FixtureJson.list(c, "inputs"), model.graph().inputs());
		OnnxFixturesTest.assertValues(FixtureJson.list(c, "outputs"), model.graph().outputs());
		for (Object e : FixtureJson.list(c, "tensors")) {
			String file = (String) FixtureJson.get(e, "file");
			OnnxTensor t = OnnxTensor.read(folder.resolve("test_data_set_0").resolve(file));
			assertEquals(FixtureJson.get(e, "name"), t.name(), file);
			assertEquals(FixtureJson.get(e, "data_type"), t.dataType().name(), file);
			assertArrayEquals(OnnxFixturesTest.longs(FixtureJson.list(e, "dims")), t.dims(), file);
			Object floatHash = FixtureJson.get(e, "float32_sha256");
			if (floatHash == null) {
				assertThrows(OnnxFormatException.class, t::floats, file);
				continue;
			}
			float[] values = t.floats();
			ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
			b.asFloatBuffer().put(values);
			assertEquals(floatHash, sha256(b.array()), file + " values as float32");
			List<Object> first = FixtureJson.list(e, "first");
			for (int k = 0; k < first.size(); k++)
				assertEquals((float) OnnxFixturesTest.number(first.get(k)), values[k], file + " value " + k);
			Object longHash = FixtureJson.get(e, "int64_sha256");
			if (longHash != null) {
				long[] longs = t.longs();
				ByteBuffer l = ByteBuffer.allocate(8 * longs.length).order(ByteOrder.LITTLE_ENDIAN);
				l.asLongBuffer().put(longs);
				assertEquals(longHash, sha256(l.array()), file + " values as int64");
			}
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			StringBuilder hex = new StringBuilder();
			for (byte x : MessageDigest.getInstance("SHA-256").digest(bytes))
				hex.append(String.format("%02x", x & 0xff));
			return hex.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object o) {
		return (Map<String, Object>) o;
	}
}

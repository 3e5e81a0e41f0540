package io.github.cnnlayers.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The small JSON parser of safetensors headers. */
class JsonTest {

	@Test
	void parsesNestedObjectsArraysStringsAndNumbers() {
		Map<?, ?> m = (Map<?, ?>) Json.parse(" {\"a.b\": {\"dtype\": \"F32\", \"shape\": [2, 3], " +
			"\"data_offsets\": [0, 24]}, \"__metadata__\": {\"k\": \"v\\u00e9\\n\\\"\"}, \"x\": [true, false, null, -1.5e2]} ");
		Map<?, ?> a = (Map<?, ?>) m.get("a.b");
		assertEquals("F32", a.get("dtype"));
		assertEquals(Arrays.asList(2L, 3L), a.get("shape"));
		assertEquals("v\u00e9\n\"", ((Map<?, ?>) m.get("__metadata__")).get("k"));
		assertEquals(Arrays.asList(true, false, null, -150.0), m.get("x"));
	}

	@Test
	void refusesBrokenJson() {
		for (String bad : new String[] { "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "{\"a\": 1} x", "\"abc",
			"{\"a\": 1, \"a\": 2}", "{\"a\": tru}", "{\"a\": 1.2.3}" })
			assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
	}
}

package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import static io.github.cnnlayers.weights.Fixtures.path;
import static io.github.cnnlayers.weights.Fixtures.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** .npy files written by NumPy, in every supported element type and byte order. */
class NpyFilesTest {

	private static final int[] SHAPE = { 2, 3, 3, 3 };

	@ParameterizedTest
	@CsvSource({ "npy_f2_le.npy, <f2", "npy_f2_be.npy, >f2", "npy_f4_le.npy, <f4", "npy_f4_be.npy, >f4",
		"npy_f8_le.npy, <f8", "npy_f8_be.npy, >f8" })
	void floatTypesHoldTheRamp(String file, String dtype) {
		Tensor t = WeightFile.read(path("readers/" + file), null);
		assertArrayEquals(SHAPE, t.shape());
		assertEquals(dtype, t.dtype());
		assertEquals(file, t.name());
		assertArrayEquals(ramp(54, 0), t.data());
	}

	@ParameterizedTest
	@CsvSource({ "npy_i1.npy, |i1, false", "npy_i2_le.npy, <i2, false", "npy_i4_le.npy, <i4, false",
		"npy_i4_be.npy, >i4, false", "npy_i8_le.npy, <i8, false", "npy_u1.npy, |u1, true" })
	void integerTypesAreConvertedToFloat(String file, String dtype, boolean unsigned) {
		Tensor t = WeightFile.read(path("readers/" + file), null);
		assertEquals(dtype, t.dtype());
		assertArrayEquals(Fixtures.intRamp(54, unsigned), t.data());
	}

	@Test
	void listsTheOneArray() {
		List<TensorInfo> list = WeightFile.list(path("readers/npy_f4_le.npy"));
		assertEquals(1, list.size());
		assertEquals("npy_f4_le.npy [2, 3, 3, 3]", list.get(0).toString());
		assertEquals("<f4", list.get(0).dtype());
	}

	@Test
	void convolutionWeightsFromFourDAndTwoDArrays() {
		ConvWeights w = WeightFile.convolution(path("readers/npy_f4_le.npy"), null, path("readers/npy_bias2.npy"));
		assertArrayEquals(SHAPE, w.shape());
		assertArrayEquals(ramp(54, 0), w.weights());
		assertEquals(ramp(54, 0)[((1 * 3 + 2) * 3 + 0) * 3 + 1], w.weight(1, 2, 0, 1));
		assertArrayEquals(new float[] { 0.5f, -1.5f }, w.bias());
		assertEquals("npy_f4_le.npy [2, 3, 3, 3] + npy_bias2.npy", w.source());

		ConvWeights k = WeightFile.convolution(path("readers/npy_2d.npy"), null, null);
		assertArrayEquals(new int[] { 1, 1, 3, 5 }, k.shape());
		assertArrayEquals(ramp(15, 0), k.kernel(0, 0));
		assertNull(k.bias());
	}

	@Test
	void fortranOrderIsRefusedWithAHint() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.read(path("readers/npy_fortran.npy"), null));
		assertTrue(e.getMessage().contains("Fortran order"), e.getMessage());
		assertTrue(e.getMessage().contains("ascontiguousarray"), e.getMessage());
	}

	@ParameterizedTest
	@ValueSource(strings = { "npy_c8.npy" })
	void complexNumbersAreAnUnsupportedDtype(String file) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.read(path("readers/" + file), null));
		assertTrue(e.getMessage().contains("unsupported dtype '<c8'"), e.getMessage());
		assertTrue(e.getMessage().contains("allowed are f2, f4, f8"), e.getMessage());
	}

	@Test
	void nanWeightsNameTheFirstBadIndex() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(path("readers/npy_nan.npy"), null, null));
		assertEquals("NaN at index [1, 0, 2, 1] of the tensor npy_nan.npy; weights must be finite numbers",
			e.getMessage());
	}

	@Test
	void batchNormNeedsMoreThanOneArray() {
		assertThrows(IllegalArgumentException.class, () -> WeightFile.batchNorm(path("readers/npy_f4_le.npy"), null));
	}
}

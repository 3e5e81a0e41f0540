package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import static io.github.cnnlayers.weights.Fixtures.path;
import static io.github.cnnlayers.weights.Fixtures.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** .safetensors files written from PyTorch tensors (F16, BF16, F32, F64, integers) and a real state_dict. */
class SafetensorsFilesTest {

	private static final Path DTYPES = path("readers/dtypes.safetensors");
	private static final Path STATE_DICT = path("readers/state_dict.safetensors");

	@ParameterizedTest
	@CsvSource({ "f16, F16", "bf16, BF16", "f32, F32", "f64, F64" })
	void floatTypesHoldTheRamp(String name, String dtype) {
		Tensor t = WeightFile.read(DTYPES, name);
		assertEquals(dtype, t.dtype());
		assertArrayEquals(new int[] { 2, 3, 3, 3 }, t.shape());
		assertArrayEquals(ramp(54, 0), t.data());
	}

	@Test
	void integersAreConvertedAndOtherTypesRefused() {
		assertArrayEquals(Fixtures.intRamp(6, false), WeightFile.read(DTYPES, "i16").data());
		assertArrayEquals(Fixtures.intRamp(6, false), WeightFile.read(DTYPES, "i64").data());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFile.read(DTYPES, "mask"));
		assertEquals("Tensor 'mask' in dtypes.safetensors has unsupported dtype BOOL; allowed are F16, BF16, F32, " +
			"F64, I8, U8, I16, U16, I32, U32, I64, U64", e.getMessage());
	}

	@Test
	void listsTensorsInFileOrderWithoutMetadata() {
		List<TensorInfo> list = WeightFile.list(STATE_DICT);
		assertEquals("[features.0.weight [4, 2, 3, 3], features.0.bias [4], features.1.weight [4], " +
			"features.1.bias [4], features.1.running_mean [4], features.1.running_var [4], " +
			"features.1.num_batches_tracked [], extra.cube [2, 3, 4], extra.nan [1, 1, 3, 3]]", list.toString());
		assertEquals("I64", list.get(6).dtype());
		assertArrayEquals(new float[] { 7 }, WeightFile.read(STATE_DICT, "features.1.num_batches_tracked").data());
	}

	@Test
	void convolutionByLayerNameTakesWeightAndBias() {
		ConvWeights w = WeightFile.convolution(STATE_DICT, "features.0", null);
		assertArrayEquals(new int[] { 4, 2, 3, 3 }, w.shape());
		assertArrayEquals(ramp(72, 0), w.weights());
		assertArrayEquals(ramp(4, 0.5), w.bias());
		assertEquals("state_dict.safetensors: features.0.weight [4, 2, 3, 3] + features.0.bias", w.source());
		assertEquals(w.source(), WeightFile.convolution(STATE_DICT, "features.0.weight", null).source());
	}

	@Test
	void batchNormByLayerName() {
		BatchNormWeights bn = WeightFile.batchNorm(STATE_DICT, "features.1");
		assertEquals(4, bn.channels());
		assertArrayEquals(ramp(4, 1), bn.gamma());
		assertArrayEquals(ramp(4, 0), bn.beta());
		assertArrayEquals(ramp(4, 0.125), bn.mean());
		assertArrayEquals(ramp(4, 2), bn.variance());
		assertEquals("state_dict.safetensors: features.1", bn.source());
		assertEquals(bn.source(), WeightFile.batchNorm(STATE_DICT, null).source());
		float[] scale = bn.scale(1e-5), shift = bn.shift(1e-5);
		for (int c = 0; c < 4; c++) {
			double s = bn.gamma()[c] / Math.sqrt(bn.variance()[c] + 1e-5);
			assertEquals(s, scale[c], 1e-6);
			assertEquals(bn.beta()[c] - bn.mean()[c] * s, shift[c], 1e-6);
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.batchNorm(STATE_DICT, "features.0"));
		assertTrue(e.getMessage().contains("batch-norm layers: features.1"), e.getMessage());
	}

	@Test
	void aMissingNameListsNamesAndShapes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(STATE_DICT, "features.9", null));
		assertTrue(e.getMessage().startsWith("No tensor 'features.9' (nor 'features.9.weight') in " +
			"state_dict.safetensors; it holds: features.0.weight [4, 2, 3, 3], features.0.bias [4], "), e.getMessage());
	}

	@Test
	void severalCandidatesAndNoNameListThem() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(STATE_DICT, null, null));
		assertEquals("state_dict.safetensors holds 2 possible convolution weights; choose one with tensor=NAME: " +
			"features.0.weight [4, 2, 3, 3], extra.nan [1, 1, 3, 3]", e.getMessage());
	}

	@Test
	void threeDimensionalAndNanWeightsAreRefused() {
		IllegalArgumentException cube = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(STATE_DICT, "extra.cube", null));
		assertEquals("Convolution weights must be 2-D [kh, kw] or 4-D [C_out, C_in/groups, kh, kw], but " +
			"state_dict.safetensors: extra.cube is 3-D [2, 3, 4]", cube.getMessage());
		IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(STATE_DICT, "extra.nan", null));
		assertEquals("NaN at index [0, 0, 1, 2] of the tensor state_dict.safetensors: extra.nan; weights must be " +
			"finite numbers", nan.getMessage());
	}

	@Test
	void aBiasFileOfTheWrongLengthIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(STATE_DICT, "features.0", path("readers/npy_bias2.npy")));
		assertTrue(e.getMessage().contains("need a 1-D bias of length C_out = 4"), e.getMessage());
	}

	@Test
	void theShippedDemoNetworkIsSobel() {
		Path model = Fixtures.resource("/models/learned_edges.safetensors");
		ConvWeights first = WeightFile.convolution(model, "edges.0", null);
		assertArrayEquals(new int[] { 4, 1, 3, 3 }, first.shape());
		float[] sobelX = { -1, 0, 1, -2, 0, 2, -1, 0, 1 };
		float[] sobelY = { -1, -2, -1, 0, 0, 0, 1, 2, 1 };
		assertArrayEquals(sobelX, first.kernel(0, 0));
		assertArrayEquals(sobelY, first.kernel(2, 0));
		for (int i = 0; i < 9; i++) {
			assertEquals(0f - sobelX[i], first.kernel(1, 0)[i]);
			assertEquals(0f - sobelY[i], first.kernel(3, 0)[i]);
		}
		assertArrayEquals(new float[4], first.bias());
		ConvWeights second = WeightFile.convolution(model, "edges.2", null);
		assertArrayEquals(new int[] { 1, 4, 1, 1 }, second.shape());
		assertArrayEquals(new float[] { 1, 1, 1, 1 }, second.weights());
		assertArrayEquals(new float[1], second.bias());
	}
}

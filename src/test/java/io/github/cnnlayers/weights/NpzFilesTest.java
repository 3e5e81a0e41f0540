package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import static io.github.cnnlayers.weights.Fixtures.path;
import static io.github.cnnlayers.weights.Fixtures.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .npz archives written by np.savez (stored) and np.savez_compressed (deflated). */
class NpzFilesTest {

	@ParameterizedTest
	@ValueSource(strings = { "stored.npz", "compressed.npz" })
	void listsAndReadsEveryArray(String file) {
		List<TensorInfo> list = WeightFile.list(path("readers/" + file));
		assertEquals("[conv.weight [2, 3, 3, 3], conv.bias [2], other [3]]", list.toString());
		assertEquals("<f8", list.get(2).dtype());
		assertArrayEquals(ramp(3, 1), WeightFile.read(path("readers/" + file), "other").data());
	}

	@ParameterizedTest
	@ValueSource(strings = { "stored.npz", "compressed.npz" })
	void convolutionTakesNameDotWeightAndItsBias(String file) {
		ConvWeights w = WeightFile.convolution(path("readers/" + file), "conv", null);
		assertArrayEquals(ramp(54, 0), w.weights());
		assertArrayEquals(new float[] { 0.5f, -1.5f }, w.bias());
		assertEquals(file + ": conv.weight [2, 3, 3, 3] + conv.bias", w.source());
		assertArrayEquals(w.weights(), WeightFile.convolution(path("readers/" + file), "conv.weight", null).weights());
		// the only 4-D array is the only candidate
		assertEquals(w.source(), WeightFile.convolution(path("readers/" + file), null, null).source());
	}

	@ParameterizedTest
	@ValueSource(strings = { "stored.npz", "compressed.npz" })
	void aMissingNameListsNamesAndShapes(String file) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.read(path("readers/" + file), "nope"));
		assertTrue(e.getMessage().contains("No tensor 'nope'"), e.getMessage());
		assertTrue(e.getMessage().contains("conv.weight [2, 3, 3, 3], conv.bias [2], other [3]"), e.getMessage());
		IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.read(path("readers/" + file), null));
		assertTrue(several.getMessage().contains("holds 3 tensors; choose one with tensor=NAME"), several.getMessage());
	}
}

package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import static io.github.cnnlayers.weights.Fixtures.path;
import static io.github.cnnlayers.weights.Fixtures.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras weights in the layouts of Keras 2 save_weights, Keras 2 model.save, Keras 3 model.weights.h5 and a
 * Keras 3 .keras archive. Their kernels hold PyTorch-layout ramps transposed to [kh, kw, C_in, C_out], so the
 * transposed-back weights must equal the ramps.
 */
class KerasFilesTest {

	private static final String[] FILES = { "keras2_weights.h5", "keras2_model.h5", "keras3.weights.h5", "model.keras" };

	@ParameterizedTest
	@ValueSource(strings = { "keras2_weights.h5", "keras2_model.h5", "keras3.weights.h5", "model.keras" })
	void convolutionKernelsComeBackInPyTorchLayout(String file) {
		ConvWeights w = WeightFile.convolution(path("readers/" + file), "conv2d_1", null);
		assertArrayEquals(new int[] { 4, 2, 3, 3 }, w.shape());
		assertArrayEquals(ramp(72, 0), w.weights());
		assertArrayEquals(ramp(4, 0.5), w.bias());
		assertTrue(w.source().startsWith(file + ": conv2d_1/"), w.source());
		assertTrue(w.source().contains("[3, 3, 2, 4] (Keras, transposed) + conv2d_1/"), w.source());

		ConvWeights oneByOne = WeightFile.convolution(path("readers/" + file), "conv2d_2", null);
		assertArrayEquals(new int[] { 1, 4, 1, 1 }, oneByOne.shape());
		assertArrayEquals(ramp(4, 0), oneByOne.weights());
		assertArrayEquals(new float[] { 0.25f }, oneByOne.bias());

		ConvWeights noBias = WeightFile.convolution(path("readers/" + file), "conv_nobias", null);
		assertArrayEquals(new int[] { 2, 1, 3, 3 }, noBias.shape());
		assertArrayEquals(ramp(18, 0), noBias.weights());
		assertNull(noBias.bias());
	}

	@Test
	void readGivesTheKernelAsStored() {
		Tensor k = WeightFile.read(path("readers/keras2_weights.h5"), "conv2d_1/kernel");
		assertArrayEquals(new int[] { 3, 3, 2, 4 }, k.shape());
		assertEquals("float32", k.dtype());
		float[] torch = ramp(72, 0);
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 3; x++)
				for (int i = 0; i < 2; i++)
					for (int o = 0; o < 4; o++)
						assertEquals(torch[((o * 2 + i) * 3 + y) * 3 + x], k.get(((y * 3 + x) * 2 + i) * 4 + o));
		assertArrayEquals(k.data(), WeightFile.read(path("readers/keras2_weights.h5"), "conv2d_1").data());
		assertArrayEquals(k.data(), WeightFile.read(path("readers/keras3.weights.h5"), "conv2d_1/vars/0").data());
	}

	@Test
	void listsWeightsByLayer() {
		List<TensorInfo> keras2 = WeightFile.list(path("readers/keras2_model.h5"));
		assertEquals("[conv2d_1/kernel [3, 3, 2, 4], conv2d_1/bias [4], batch_normalization/gamma [4], " +
			"batch_normalization/beta [4], batch_normalization/moving_mean [4], " +
			"batch_normalization/moving_variance [4], conv2d_2/kernel [1, 1, 4, 1], conv2d_2/bias [1], " +
			"conv_nobias/kernel [3, 3, 1, 2]]", keras2.toString());
		List<TensorInfo> keras3 = WeightFile.list(path("readers/keras3.weights.h5"));
		assertTrue(keras3.toString().contains("conv2d_1/vars/0 [3, 3, 2, 4], conv2d_1/vars/1 [4]"), keras3.toString());
		assertEquals(keras3.toString(), WeightFile.list(path("readers/model.keras")).toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "keras2_weights.h5", "keras2_model.h5", "keras3.weights.h5", "model.keras" })
	void batchNormParameters(String file) {
		BatchNormWeights bn = WeightFile.batchNorm(path("readers/" + file), "batch_normalization");
		assertArrayEquals(ramp(4, 1), bn.gamma());
		assertArrayEquals(ramp(4, 0), bn.beta());
		assertArrayEquals(ramp(4, 0.125), bn.mean());
		assertArrayEquals(ramp(4, 2), bn.variance());
		assertEquals(file + ": batch_normalization", bn.source());
	}

	@Test
	void keras3BatchNormWithoutCenterAndScaleOrWithThreeVariables() {
		Path file = path("readers/keras3.weights.h5");
		BatchNormWeights plain = WeightFile.batchNorm(file, "bn_plain");
		assertArrayEquals(new float[] { 1, 1, 1, 1 }, plain.gamma());
		assertArrayEquals(new float[4], plain.beta());
		assertArrayEquals(ramp(4, 2), plain.variance());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.batchNorm(file, "bn_odd"));
		assertTrue(e.getMessage().contains("has 3 variables"), e.getMessage());
		assertTrue(e.getMessage().contains("4 (gamma, beta, moving_mean, moving_variance"), e.getMessage());
	}

	@Test
	void aMissingLayerListsTheLayersWithTheirShapes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(path("readers/keras2_weights.h5"), "dense", null));
		assertEquals("No layer 'dense' in keras2_weights.h5; layers with weights: conv2d_1 (kernel [3, 3, 2, 4], " +
			"bias [4]); batch_normalization (gamma [4], beta [4], moving_mean [4], moving_variance [4]); " +
			"conv2d_2 (kernel [1, 1, 4, 1], bias [1]); conv_nobias (kernel [3, 3, 1, 2])", e.getMessage());
	}

	@Test
	void severalConvolutionsAndNoNameListThem() {
		for (String file : FILES) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> WeightFile.convolution(path("readers/" + file), null, null));
			assertTrue(e.getMessage().startsWith(file + " holds 3 convolution layers; choose one with tensor=LAYER: " +
				"conv2d_1 ("), e.getMessage());
		}
	}

	@Test
	void aBatchNormIsNotAConvolution() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(path("readers/keras2_weights.h5"), "batch_normalization", null));
		assertTrue(e.getMessage().contains("has no kernel"), e.getMessage());
		IllegalArgumentException k3 = assertThrows(IllegalArgumentException.class,
			() -> WeightFile.convolution(path("readers/keras3.weights.h5"), "batch_normalization", null));
		assertTrue(k3.getMessage().contains("1-D kernel [4]"), k3.getMessage());
	}

	/**
	 * A Keras depthwise kernel k [kh, kw, C_in, M] is PyTorch's w [C_in * M, 1, kh, kw] with groups = C_in and
	 * w[c * M + m, 0, y, x] = k[y, x, c, m]: checked against the raw stored tensor, for a .keras (class from its
	 * config.json) and a Keras 2 .h5 (class from the weight name depthwise_kernel).
	 */
	@Test
	void depthwiseKernelsBecomeGroupedPyTorchWeights() {
		Tensor k = WeightFile.read(path("depthwise/depthwise.weights.h5"), "depthwise_conv2d_1/vars/0");
		assertArrayEquals(new int[] { 3, 3, 3, 2 }, k.shape());
		Tensor b = WeightFile.read(path("depthwise/depthwise.weights.h5"), "depthwise_conv2d_1/vars/1");
		for (String[] fileAndLayer : new String[][] { { "model.keras", "depthwise_conv2d_1" }, { "keras2_depthwise.h5", "dw2" } }) {
			ConvWeights w = WeightFile.convolution(path("depthwise/" + fileAndLayer[0]), fileAndLayer[1], null);
			assertArrayEquals(new int[] { 6, 1, 3, 3 }, w.shape(), fileAndLayer[0]);
			assertEquals(3, w.groups(), fileAndLayer[0]);
			for (int c = 0; c < 3; c++)
				for (int m = 0; m < 2; m++)
					for (int y = 0; y < 3; y++)
						for (int x = 0; x < 3; x++)
							assertEquals(k.get(((y * 3 + x) * 3 + c) * 2 + m), w.weight(c * 2 + m, 0, y, x), fileAndLayer[0]);
			assertArrayEquals(b.data(), w.bias(), fileAndLayer[0]);
			assertTrue(w.source().contains("[3, 3, 3, 2] (Keras DepthwiseConv2D, groups = C_in)"), w.source());
		}
		// a Conv2D leaves the groups to the command, unless its config gives them
		assertEquals(0, WeightFile.convolution(path("depthwise/keras2_depthwise.h5"), "pw", null).groups());
		assertEquals(1, WeightFile.convolution(path("depthwise/model.keras"), "conv2d", null).groups());
		assertEquals(0, WeightFile.convolution(path("readers/model.keras"), "conv2d_1", null).groups());
	}

	/** The groups key: left out or the default 1 takes the file's groups, the same value agrees, another is refused. */
	@Test
	void theGroupsKeyMustAgreeWithADepthwiseLayer() {
		ConvWeights w = WeightFile.convolution(path("depthwise/model.keras"), "depthwise_conv2d", null);
		assertEquals(3, w.groupsFor(ConvWeights.DEFAULT_GROUPS));
		assertEquals(3, w.groupsFor(3));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.groupsFor(2));
		assertTrue(e.getMessage().startsWith("Conv2D: groups=2 does not agree with the weights model.keras: " +
			"depthwise_conv2d/vars/0 [3, 3, 3, 1] (Keras DepthwiseConv2D, groups = C_in), whose groups are 3"), e.getMessage());
		ConvWeights pytorch = WeightFile.convolution(path("readers/state_dict.safetensors"), "features.0", null);
		assertEquals(2, pytorch.groupsFor(2));
	}

	/** Keras 3 stores weights by position: without a config a depthwise-named layer is refused, never guessed. */
	@Test
	void aBareKeras3DepthwiseOrSeparableLayerIsRefusedSayingWhatSettlesIt() {
		for (String layer : new String[] { "depthwise_conv2d", "depthwise_conv2d_1", "separable_conv2d" }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> WeightFile.convolution(path("depthwise/depthwise.weights.h5"), layer, null));
			assertTrue(e.getMessage().startsWith("Layer '" + layer + "' in depthwise.weights.h5 has the name Keras gives a " +
				"DepthwiseConv2D or SeparableConv2D"), e.getMessage());
			assertTrue(e.getMessage().contains("give the model's .keras file instead"), e.getMessage());
		}
		// other names: read as a Conv2D, as before
		assertArrayEquals(new int[] { 1, 2, 1, 1 }, WeightFile.convolution(path("depthwise/depthwise.weights.h5"), "conv2d", null).shape());
	}

	@Test
	void aSeparableConvolutionIsRefusedByName() {
		for (String[] fileAndLayer : new String[][] { { "model.keras", "separable_conv2d" }, { "keras2_depthwise.h5", "sep" } }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> WeightFile.convolution(path("depthwise/" + fileAndLayer[0]), fileAndLayer[1], null));
			assertTrue(e.getMessage().startsWith("Layer '" + fileAndLayer[1] + "' in " + fileAndLayer[0] + " is a Keras SeparableConv2D"),
				e.getMessage());
			assertTrue(e.getMessage().endsWith("a depthwise then a pointwise convolution, which the Conv2D command does not run " +
				"as one layer; it runs Keras Conv2D and DepthwiseConv2D layers"), e.getMessage());
		}
	}

	/** Keras 3 names weight groups by class: {@code naming.to_snake_case}. */
	@Test
	void snakeCaseIsKerasNaming() {
		assertEquals("depthwise_conv2d", KerasStore.snakeCase("DepthwiseConv2D"));
		assertEquals("separable_conv2d", KerasStore.snakeCase("SeparableConv2D"));
		assertEquals("conv2d", KerasStore.snakeCase("Conv2D"));
		assertEquals("batch_normalization", KerasStore.snakeCase("BatchNormalization"));
		assertEquals("re_lu", KerasStore.snakeCase("ReLU"));
		assertEquals("conv2d_transpose", KerasStore.snakeCase("Conv2DTranspose"));
	}
}

package io.github.cnnlayers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Keras models written in Keras's layout (by make_keras_model_fixtures.py, with h5py) run through the network and
 * compared with PyTorch's outputs for the same weights.
 */
class KerasModelTest {

	static Path fixture(final String name) {
		try {
			return Paths.get(KerasModelTest.class.getResource("/keras/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new AssertionError(e);
		}
	}

	/** An image .npy [C, H, W] as one sample. */
	static FeatureMaps image(final String name) {
		final Tensor t = WeightFile.read(fixture(name), null);
		final int c = t.dim(0), h = t.dim(1), w = t.dim(2);
		final float[] all = t.data();
		final float[][] planes = new float[c][];
		for (int i = 0; i < c; i++) {
			planes[i] = new float[w * h];
			System.arraycopy(all, i * w * h, planes[i], 0, w * h);
		}
		return new FeatureMaps(new Shape(c, w, h), planes);
	}

	/** The largest difference between an output and a .npy of the same values in C order. */
	static double maxDifference(final FeatureMaps out, final String expectedNpy) {
		final float[] expected = WeightFile.read(fixture(expectedNpy), null).data();
		final int plane = out.shape().planeSize();
		assertEquals(expected.length, out.shape().channels() * plane, "values");
		double max = 0;
		for (int c = 0; c < out.shape().channels(); c++)
			for (int i = 0; i < plane; i++)
				max = Math.max(max, Math.abs(out.plane(c)[i] - expected[c * plane + i]));
		return max;
	}

	static FeatureMaps run(final KerasModel model, final FeatureMaps input) {
		final Network network = model.network(input.shape());
		final Map<String, FeatureMaps> out = network.run(Collections.singletonList(input), null);
		assertEquals(model.outputs(), network.outputs());
		return out.values().iterator().next();
	}

	@Test
	void sequentialClassifierOfKeras2H5MatchesPyTorch() {
		final KerasModel model = KerasModel.read(fixture("classifier.h5"));
		assertEquals(3, model.inputChannels());
		assertEquals(Collections.singletonList("dense"), model.outputs());
		assertTrue(model.isVector("dense"));
		final FeatureMaps out = run(model, image("classifier_input.npy"));
		assertEquals(new Shape(4, 1, 1), out.shape());
		assertTrue(maxDifference(out, "classifier_output.npy") < 1e-4, () -> "max |diff| " + maxDifference(out, "classifier_output.npy"));
	}

	@Test
	void sequentialClassifierOfKeras3ArchiveMatchesPyTorch() {
		final KerasModel model = KerasModel.read(fixture("classifier.keras"));
		final FeatureMaps out = run(model, image("classifier_input.npy"));
		assertEquals(new Shape(4, 1, 1), out.shape());
		assertTrue(maxDifference(out, "classifier_output.npy") < 1e-4, () -> "max |diff| " + maxDifference(out, "classifier_output.npy"));
	}

	@Test
	void functionalUNetOfKeras3ArchiveMatchesPyTorch() {
		final KerasModel model = KerasModel.read(fixture("unet.keras"));
		assertEquals(1, model.inputChannels());
		assertFalse(model.isVector("out"));
		final FeatureMaps out = run(model, image("unet_input.npy"));
		assertEquals(new Shape(1, 16, 16), out.shape());
		assertTrue(maxDifference(out, "unet_output.npy") < 1e-4, () -> "max |diff| " + maxDifference(out, "unet_output.npy"));
	}

	@Test
	void functionalKeras2H5OfTheOtherLayersMatchesPyTorch() {
		final KerasModel model = KerasModel.read(fixture("zoo.h5"));
		assertEquals(java.util.Arrays.asList("image_out", "vector_out", "pixel_out", "head_out"), model.outputs());
		assertFalse(model.isVector("image_out"));
		assertTrue(model.isVector("vector_out"));
		assertFalse(model.isVector("pixel_out"));
		assertTrue(model.isVector("head_out"));
		final FeatureMaps input = image("zoo_input.npy");
		final Network network = model.network(input.shape());
		assertEquals(model.outputs(), network.outputs());
		final Map<String, FeatureMaps> out = network.run(Collections.singletonList(input), null);
		assertEquals(new Shape(4, 3, 4), out.get("image_out").shape());
		assertEquals(new Shape(5, 1, 1), out.get("vector_out").shape());
		assertEquals(new Shape(3, 3, 4), out.get("pixel_out").shape());
		assertEquals(new Shape(7, 1, 1), out.get("head_out").shape());
		for (final String o : model.outputs()) {
			final double d = maxDifference(out.get(o), "zoo_" + o + ".npy");
			assertTrue(d < 1e-4, () -> o + ": max |diff| " + d);
		}
	}

	@Test
	void channelsFirstSequentialFlattensInItsOrder() {
		final KerasModel model = KerasModel.read(fixture("channels_first.h5"));
		assertEquals("channels_first", model.dataFormat());
		assertEquals(2, model.inputChannels());
		final FeatureMaps out = run(model, image("channels_first_input.npy"));
		assertEquals(new Shape(3, 1, 1), out.shape());
		assertTrue(maxDifference(out, "channels_first_output.npy") < 1e-4, () -> "max |diff| " + maxDifference(out, "channels_first_output.npy"));
	}
}

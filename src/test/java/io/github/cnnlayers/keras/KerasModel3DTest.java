package io.github.cnnlayers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Keras 3D networks (Conv3D, Conv3DTranspose, MaxPooling3D, AveragePooling3D, UpSampling3D, BatchNormalization,
 * Concatenate and Add on volumes) written in Keras's layouts by make_keras_unet3d_fixtures.py and compared with
 * PyTorch's outputs for the same weights.
 */
class KerasModel3DTest {

	/** A volume .npy [C, D, H, W] as one sample. */
	static FeatureMaps volume(final String name) {
		final Tensor t = WeightFile.read(KerasModelTest.fixture(name), null);
		final int c = t.dim(0), d = t.dim(1), h = t.dim(2), w = t.dim(3), n = d * h * w;
		final float[][] volumes = new float[c][n];
		for (int i = 0; i < c; i++)
			System.arraycopy(t.data(), i * n, volumes[i], 0, n);
		return new FeatureMaps(Shape.volume(c, w, h, d), volumes);
	}

	/** The largest difference between an output and a .npy [C, D, H, W] of its shape. */
	static double maxDifference(final FeatureMaps out, final String expectedNpy) {
		final Tensor e = WeightFile.read(KerasModelTest.fixture(expectedNpy), null);
		assertEquals(Shape.volume(e.dim(0), e.dim(3), e.dim(2), e.dim(1)), out.shape(), "shape");
		final int n = out.shape().channelSize();
		double max = 0;
		for (int c = 0; c < out.shape().channels(); c++)
			for (int i = 0; i < n; i++)
				max = Math.max(max, Math.abs(out.plane(c)[i] - e.data()[c * n + i]));
		return max;
	}

	private static double run(final String model, final String stem) {
		final KerasModel m = KerasModel.read(KerasModelTest.fixture(model));
		assertTrue(m.takesVolumes(), "a 3D network");
		final FeatureMaps in = volume(stem + "_input.npy");
		final Network network = m.network(in.shape());
		final Map<String, FeatureMaps> out = network.run(Collections.singletonList(in), null);
		return maxDifference(out.values().iterator().next(), stem + "_output.npy");
	}

	/** The Keras 3 3D U-Net (Conv3DTranspose 'same' up path, channels_last [N, D, H, W, C]) within 1e-4 of PyTorch. */
	@Test
	void unet3dMatchesPyTorch() {
		final double d = run("unet3d.keras", "unet3d");
		assertTrue(d < 1e-4, "max |diff| " + d);
	}

	/** The Keras 2 .h5 3D U-Net with UpSampling3D (nearest repeat), a skip Concatenate and an Add, within 1e-4. */
	@Test
	void unet3dWithUpSamplingMatchesPyTorch() {
		final double d = run("unet3d_upsampling.h5", "unet3d_upsampling");
		assertTrue(d < 1e-4, "max |diff| " + d);
	}

	/**
	 * TensorFlow's uneven 'same' in 3D: a stride-2 Conv3D on 5 x 7 x 9, an even-kernel Conv3D (zeros after only),
	 * AveragePooling3D 'same' (padding left out of the average), Conv3DTranspose 'same' (kernel 3, stride 2: its full
	 * output cut one more voxel after) and 'valid' of kernel 1 x 3 x 2: 4 x 9 x 12 within 1e-4 of PyTorch.
	 */
	@Test
	void unevenSamePaddingMatchesTensorFlowsRule() {
		final double d = run("odd3d.keras", "odd3d");
		assertTrue(d < 1e-4, "max |diff| " + d);
	}

	/** A 3D model fed planes, and a 2D model's layer fed a volume, are refused by name. */
	@Test
	void planesAndVolumesAreNotMixed() {
		final KerasModel m = KerasModel.read(KerasModelTest.fixture("unet3d.keras"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.network(new Shape(2, 16, 12)));
		assertTrue(e.getMessage().contains("takes volumes (rank 5)"), e.getMessage());
		assertTrue(m.describe().contains("volumes (a 3D network"), m.describe());
		assertFalse(KerasModel.read(KerasModelTest.fixture("unet.keras")).takesVolumes());
	}
}

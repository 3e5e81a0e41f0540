package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** TensorFlow's crop_and_resize (ONNX tf_crop_and_resize) against hand-computed samples; the official case runs in OnnxNodeNetworksTest. */
class CropAndResizeTest {

	private static float[] run(final CropAndResize layer, final int outW, final int outH) {
		final float[] in = new float[16];
		for (int i = 0; i < 16; i++)
			in[i] = i + 1; // rows 1 2 3 4 / 5 6 7 8 / 9 10 11 12 / 13 14 15 16
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(outW, outH);
		layer.compute(ArrayImgs.floats(in, 4, 4), out);
		return out.update(null).getCurrentStorageArray();
	}

	@Test
	void aRegionIsResampledAndWhatLiesOutsideTakesTheExtrapolationValue() {
		// the whole image to 4 x 4: every coordinate o * 3 / 3 = o, the image itself
		final float[] all = new float[16];
		for (int i = 0; i < 16; i++)
			all[i] = i + 1;
		assertArrayEquals(all, run(new CropAndResize(4, 4, new double[] { 0, 0, 1, 1 }, Interpolation.NEAREST, NearestRounding.ROUND_PREFER_FLOOR, 7),
			4, 4));
		// roi to 1.5: output 1 samples 1.5 * 3 = 4.5, outside the 0..3 input: the extrapolation value
		assertArrayEquals(new float[] { 1, 7, 7, 7 },
			run(new CropAndResize(2, 2, new double[] { 0, 0, 1.5, 1.5 }, Interpolation.NEAREST, NearestRounding.ROUND_PREFER_FLOOR, 7), 2, 2));
		// one output pixel samples the region's centre (0 + 1) / 2 * 3 = 1.5: bilinear between 6, 7, 10, 11
		assertArrayEquals(new float[] { 8.5f },
			run(new CropAndResize(1, 1, new double[] { 0, 0, 1, 1 }, Interpolation.BILINEAR, NearestRounding.FLOOR, 0), 1, 1));
	}
}

package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.cnnlayers.keras.KerasModel;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.onnx.OnnxNetworkModel;

/** Run Network with tile=N on 3D networks: hyperstacks cut into boxes, the same voxels as the whole volume's run. */
class TiledVolumeRunnerTest {

	private static ImagePlus hyperstack(final int w, final int h, final int c, final int d, final int t) {
		final ImageStack s = new ImageStack(w, h);
		for (int i = 0; i < c * d * t; i++) {
			final float[] px = new float[w * h];
			for (int p = 0; p < px.length; p++)
				px[p] = (float) Math.sin(p % w * 0.1 + i) + (p * 31 % 17 + i) / 17f;
			s.addSlice(new FloatProcessor(w, h, px));
		}
		final ImagePlus imp = new ImagePlus("vol", s);
		imp.setDimensions(c, d, t);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static void assertSameVoxels(final ImagePlus whole, final ImagePlus tiled) {
		assertEquals(whole.getStackSize(), tiled.getStackSize());
		assertEquals(whole.getNSlices(), tiled.getNSlices());
		for (int i = 1; i <= whole.getStackSize(); i++)
			assertArrayEquals((float[]) whole.getStack().getPixels(i), (float[]) tiled.getStack().getPixels(i), "plane " + i);
	}

	@Test
	void anOnnx3DUNetTiledGivesTheWholeVolumesVoxels() throws IOException {
		final NetworkModel model = OnnxNetworkModel.read(Paths.get("src/test/resources/onnx/networks3d/unet3d_transposed.onnx"));
		final String out = model.outputs().get(0);
		final ImagePlus imp = hyperstack(150, 70, 2, 6, 2); // x: 3 tiles of 64, y: 2, z: 1 (depth 6 < 64)
		final ImagePlus whole = ModelRunner.run(imp, model, out, true, Tiling.WHOLE, null, null).image();
		final ModelRunner.Result tiled = ModelRunner.run(imp, model, out, true, Tiling.parse("64"), null, null);
		assertTrue(tiled.note().contains("run in 6 tiles of 64 x 64 x 6 (W x H x D)") && tiled.note().contains("2 x 2 x 2"), tiled.note());
		assertSameVoxels(whole, tiled.image());
	}

	@Test
	void aKeras3DUNetPaddedToFitAndTiledGivesTheWholeVolumesVoxels() {
		final NetworkModel model = KerasModel.read(Paths.get("src/test/resources/keras/unet3d.keras"));
		final String out = model.outputs().get(0);
		final ImagePlus imp = hyperstack(131, 67, 2, 5, 1); // padded to fit along every axis, then cut
		final ImagePlus whole = ModelRunner.run(imp, model, out, true, Tiling.WHOLE, null, null).image();
		final ModelRunner.Result tiled = ModelRunner.run(imp, model, out, true, Tiling.parse("64"), null, null);
		assertTrue(tiled.note().contains("padded by reflection") && tiled.note().contains("tiles of 64 x 64 x"), tiled.note());
		assertSameVoxels(whole, tiled.image());
	}
}

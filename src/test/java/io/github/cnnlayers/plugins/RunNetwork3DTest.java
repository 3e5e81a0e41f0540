package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Run Network... with a 3D network (ONNX [N, C, D, H, W]) on a hyperstack in a batch-mode macro: Z is the depth,
 * every t one sample, the channels C; the 3D U-Net of make_unet3d_fixtures.py within 1e-4 of PyTorch in every frame.
 */
class RunNetwork3DTest {

	private static final Path NETWORKS = Paths.get("src/test/resources/onnx/networks3d");

	/** Runs the command with macro options in a thread named as ImageJ's macro threads; returns the active image after. */
	private static ImagePlus run(final ImagePlus imp, final String options) throws InterruptedException {
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true;
		final ImagePlus[] active = new ImagePlus[1];
		final Throwable[] failed = new Throwable[1];
		final Thread macro = new Thread(() -> {
			try {
				WindowManager.setTempCurrentImage(imp);
				ij.Macro.setOptions(Thread.currentThread(), options);
				new PlugInFilterRunner(new RunNetworkPlugin(), "Run Network...", "network");
				active[0] = WindowManager.getCurrentImage();
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
			finally {
				ij.Macro.setOptions(Thread.currentThread(), null);
			}
		}, "Run$_run network");
		macro.start();
		macro.join();
		ij.macro.Interpreter.batchMode = batch;
		assertNull(failed[0]);
		return active[0];
	}

	/**
	 * A hyperstack of C = 2, Z = 8, T = 2 (both frames the fixture's [1, 2, 8, 12, 16] input) through the ONNX 3D U-Net
	 * (ConvTranspose3d up path): a 32-bit hyperstack of C = 1, Z = 8, T = 2, each frame within 1e-4 of PyTorch, the
	 * voxel size kept (the output has the input's size).
	 */
	@Test
	void aHyperstackRunsAsVolumesOnePerFrame() throws Exception {
		final Tensor x = WeightFile.read(NETWORKS.resolve("unet3d_transposed_input.npy"), null);
		final float[] expected = WeightFile.read(NETWORKS.resolve("unet3d_transposed_output.npy"), null).data();
		final int c = x.dim(1), d = x.dim(2), h = x.dim(3), w = x.dim(4), plane = w * h;
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < 2; t++)
			for (int z = 0; z < d; z++)
				for (int k = 0; k < c; k++) {
					final float[] px = new float[plane];
					System.arraycopy(x.data(), (k * d + z) * plane, px, 0, plane);
					stack.addSlice(new FloatProcessor(w, h, px));
				}
		final ImagePlus in = new ImagePlus("vol.tif", stack);
		in.setDimensions(c, d, 2);
		in.setOpenAsHyperStack(true);
		in.getCalibration().pixelWidth = 0.5;
		in.getCalibration().pixelDepth = 2;
		final ImagePlus out = run(in, "model=[" + NETWORKS.resolve("unet3d_transposed.onnx").toAbsolutePath() + "] tile=0 stack");
		assertEquals("vol-network", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertEquals(1, out.getNChannels());
		assertEquals(d, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertEquals(0.5, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(2, out.getCalibration().pixelDepth, 1e-12);
		for (int t = 1; t <= 2; t++) {
			double max = 0;
			for (int z = 1; z <= d; z++) {
				final float[] px = (float[]) out.getStack().getPixels(out.getStackIndex(1, z, t));
				for (int i = 0; i < plane; i++)
					max = Math.max(max, Math.abs(px[i] - expected[(z - 1) * plane + i]));
			}
			assertTrue(max <= 1e-4, "frame " + t + ": largest difference " + max);
		}
		assertEquals(2, in.getNChannels(), "source unchanged");
	}

	/**
	 * The Keras 3D U-Net of make_keras_unet3d_fixtures.py (unet3d.keras, channels_last [N, D, H, W, C]) through the
	 * real command on a hyperstack of C = 2, Z = 8, T = 1: C = 1, Z = 8, within 1e-4 of PyTorch.
	 */
	@Test
	void aKerasThreeDUNetRunsOnAHyperstack() throws Exception {
		final Path keras = Paths.get("src/test/resources/keras");
		final Tensor x = WeightFile.read(keras.resolve("unet3d_input.npy"), null);
		final float[] expected = WeightFile.read(keras.resolve("unet3d_output.npy"), null).data();
		final int c = x.dim(0), d = x.dim(1), h = x.dim(2), w = x.dim(3), plane = w * h;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++)
			for (int k = 0; k < c; k++) {
				final float[] px = new float[plane];
				System.arraycopy(x.data(), (k * d + z) * plane, px, 0, plane);
				stack.addSlice(new FloatProcessor(w, h, px));
			}
		final ImagePlus in = new ImagePlus("kvol.tif", stack);
		in.setDimensions(c, d, 1);
		in.setOpenAsHyperStack(true);
		final ImagePlus out = run(in, "model=[" + keras.resolve("unet3d.keras").toAbsolutePath() + "] tile=0");
		assertEquals(1, out.getNChannels());
		assertEquals(d, out.getNSlices());
		double max = 0;
		for (int z = 1; z <= d; z++) {
			final float[] px = (float[]) out.getStack().getPixels(out.getStackIndex(1, z, 1));
			for (int i = 0; i < plane; i++)
				max = Math.max(max, Math.abs(px[i] - expected[(z - 1) * plane + i]));
		}
		assertTrue(max <= 1e-4, "largest difference " + max);
	}
}

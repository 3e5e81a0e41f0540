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

	/** A one-frame hyperstack of a .npy [C, D, H, W] of the Keras fixtures. */
	private static ImagePlus hyperstack(final String npy, final String title) {
		final Tensor x = WeightFile.read(Paths.get("src/test/resources/keras").resolve(npy), null);
		final int c = x.dim(0), d = x.dim(1), h = x.dim(2), w = x.dim(3), plane = w * h;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++)
			for (int k = 0; k < c; k++) {
				final float[] px = new float[plane];
				System.arraycopy(x.data(), (k * d + z) * plane, px, 0, plane);
				stack.addSlice(new FloatProcessor(w, h, px));
			}
		final ImagePlus in = new ImagePlus(title, stack);
		in.setDimensions(c, d, 1);
		in.setOpenAsHyperStack(true);
		return in;
	}

	/** The largest difference between channel 1 of a one-frame hyperstack and a .npy [1, D, H, W] of its size. */
	private static double maxDifference(final ImagePlus out, final String npy) {
		final Tensor e = WeightFile.read(Paths.get("src/test/resources/keras").resolve(npy), null);
		assertEquals(e.dim(1), out.getNSlices(), "depth");
		assertEquals(e.dim(2), out.getHeight(), "height");
		assertEquals(e.dim(3), out.getWidth(), "width");
		final int plane = out.getWidth() * out.getHeight();
		double max = 0;
		for (int z = 1; z <= e.dim(1); z++) {
			final float[] px = (float[]) out.getStack().getPixels(out.getStackIndex(1, z, 1));
			for (int i = 0; i < plane; i++)
				max = Math.max(max, Math.abs(px[i] - e.data()[(z - 1) * plane + i]));
		}
		return max;
	}

	/**
	 * Size fitting in 3D: the Keras 3D U-Net (one pooling: Z, H, W multiples of 2) on 7 x 11 x 15 (Z x H x W) runs
	 * on 8 x 12 x 16, padded by reflection at the far end of each axis, and its output is cropped back to
	 * 7 x 11 x 15: within 1e-4 of PyTorch on the same padded volume; the note for the Log says so.
	 */
	@Test
	void aVolumeOfSizesTheNetworkCannotTakeIsPaddedAndCroppedBack() throws Exception {
		final Path model = Paths.get("src/test/resources/keras/unet3d.keras").toAbsolutePath();
		final ImagePlus in = hyperstack("unet3d_fit_input.npy", "fit.tif");
		final ImagePlus out = run(in, "model=[" + model + "] tile=0");
		final double max = maxDifference(out, "unet3d_fit_output.npy");
		assertTrue(max <= 1e-4, "largest difference " + max);
		final io.github.cnnlayers.ij.ModelRunner.Result r = io.github.cnnlayers.ij.ModelRunner.run(in,
			io.github.cnnlayers.keras.KerasModel.read(model), "head", true, io.github.cnnlayers.network.Tiling.WHOLE, null, null);
		assertEquals("unet3d.keras takes 16 x 12 x 8 (W x H x D) here, not 15 x 11 x 7: the volume was padded by reflection at the " +
			"right, bottom and last slices and the output cropped back", r.note());
		assertEquals(7, in.getNSlices(), "source unchanged");
	}

	/**
	 * Calibration after a 3D network that halves the size (one MaxPooling3D 2): voxel width, height and depth
	 * doubled, the values each 2 x 2 x 2 block's maximum.
	 */
	@Test
	void aPoolingNetworkScalesTheVoxelSize() throws Exception {
		final int w = 12, h = 10, d = 6;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final float[] px = new float[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = (float) Math.sin(0.7 * i + 1.3 * z);
			stack.addSlice(new FloatProcessor(w, h, px));
		}
		final ImagePlus one = new ImagePlus("cal.tif", stack);
		one.setDimensions(1, d, 1);
		one.getCalibration().pixelWidth = 0.25;
		one.getCalibration().pixelHeight = 0.5;
		one.getCalibration().pixelDepth = 1.5;
		one.getCalibration().setUnit("mm");
		final ImagePlus out = run(one, "model=[" + Paths.get("src/test/resources/keras/pool3d.keras").toAbsolutePath() + "] tile=0");
		assertEquals(w / 2, out.getWidth());
		assertEquals(h / 2, out.getHeight());
		assertEquals(d / 2, out.getNSlices());
		assertEquals(0.5, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(1.0, out.getCalibration().pixelHeight, 1e-12);
		assertEquals(3.0, out.getCalibration().pixelDepth, 1e-12);
		assertEquals("mm", out.getCalibration().getUnit());
		for (int z = 0; z < d / 2; z++) {
			final float[] px = (float[]) out.getStack().getPixels(z + 1);
			for (int y = 0; y < h / 2; y++)
				for (int x = 0; x < w / 2; x++) {
					float max = Float.NEGATIVE_INFINITY;
					for (int dz = 0; dz < 2; dz++)
						for (int dy = 0; dy < 2; dy++)
							for (int dx = 0; dx < 2; dx++)
								max = Math.max(max, (float) Math.sin(0.7 * ((2 * y + dy) * w + 2 * x + dx) + 1.3 * (2 * z + dz)));
					assertEquals(max, px[y * (w / 2) + x], 0, "voxel " + x + ", " + y + ", " + z);
				}
		}
	}

	/**
	 * The Run Network dialog's description of a 3D model measures the image's volume: the U-Net on 7 x 11 x 15
	 * (Z x H x W) of 2 channels makes 1 x 7 x 11 x 15, padded to 16 x 12 x 8 and cropped back.
	 */
	@Test
	void theDialogDescribesWhatA3DModelMakesOfTheVolume() {
		final ImagePlus in = hyperstack("unet3d_fit_input.npy", "fit.tif");
		final String text = io.github.cnnlayers.layers.NetworkSpec.parse("model=[" +
			Paths.get("src/test/resources/keras/unet3d.keras").toAbsolutePath() + "]").describe(in);
		assertTrue(text.endsWith("This image's volume (Z as depth, C x D x H x W): 2 x 7 x 11 x 15 -> head 1 x 7 x 11 x 15 " +
			"(padded to 16 x 12 x 8, cropped back)"), text);
	}
}

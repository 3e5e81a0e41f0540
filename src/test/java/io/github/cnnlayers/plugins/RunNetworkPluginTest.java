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
import ij.measure.ResultsTable;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Run Network... in a batch-mode macro, through ImageJ's own filter runner: an ONNX U-Net and a Keras U-Net make
 * their image within 1e-4 of PyTorch's output (fixtures made by PyTorch, committed with their scripts), an ONNX
 * classifier fills the Results table, and bad options stop with messages naming what is allowed.
 */
class RunNetworkPluginTest {

	private static final Path ONNX = Paths.get("src/test/resources/onnx/networks");
	private static final Path KERAS = Paths.get("src/test/resources/keras");

	/** An image of the channels of a [1, C, H, W] or [C, H, W] tensor. */
	private static ImagePlus image(final Tensor t) {
		final int r = t.rank();
		final int c = t.dim(r - 3), h = t.dim(r - 2), w = t.dim(r - 1);
		final ImageStack s = new ImageStack(w, h);
		for (int k = 0; k < c; k++) {
			final float[] px = new float[w * h];
			System.arraycopy(t.data(), k * w * h, px, 0, w * h);
			s.addSlice(new FloatProcessor(w, h, px));
		}
		final ImagePlus imp = new ImagePlus("x.tif", s);
		imp.setDimensions(c, 1, 1);
		return imp;
	}

	private static Tensor npy(final Path file) {
		return WeightFile.read(file, null);
	}

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

	private static void assertClose(final float[] expected, final float[] actual, final double tolerance) {
		assertEquals(expected.length, actual.length);
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
		assertTrue(max <= tolerance, "largest difference " + max);
	}

	@Test
	void onnxAndKerasUNetsMakeImagesAsPyTorchDoes() throws Exception {
		final ImagePlus in = image(npy(ONNX.resolve("unet_transpose_o11_input.npy")));
		final ImagePlus out = run(in, "model=[" + ONNX.resolve("unet_transpose_o11.onnx").toAbsolutePath() + "] tile=0");
		assertEquals("x-network", out.getTitle());
		assertEquals(32, out.getBitDepth());
		assertClose(npy(ONNX.resolve("unet_transpose_o11_output.npy")).data(), (float[]) out.getProcessor().getPixels(), 1e-4);
		final Tensor kin = npy(KERAS.resolve("unet_input.npy"));
		final ImagePlus kout = run(image(kin), "model=[" + KERAS.resolve("unet.keras").toAbsolutePath() + "]");
		final Tensor expected = npy(KERAS.resolve("unet_output.npy"));
		final float[] all = new float[expected.size()];
		final int plane = kout.getWidth() * kout.getHeight();
		for (int c = 1; c <= kout.getStackSize(); c++)
			System.arraycopy((float[]) kout.getStack().getPixels(c), 0, all, (c - 1) * plane, plane);
		assertClose(expected.data(), all, 1e-4);
	}

	@Test
	void tilesOfNGiveTheWholeImagesValuesBitForBit() throws Exception {
		final float[] px = new float[150 * 90];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) (Math.sin(i % 150 * 0.2) * Math.cos(i / 150 * 0.11) + (i * 7919 % 13) / 13.0);
		final String model = "model=[" + ONNX.resolve("unet_transpose_o13.onnx").toAbsolutePath() + "]";
		final ImagePlus whole = run(new ImagePlus("x", new FloatProcessor(150, 90, px.clone())), model + " tile=0");
		final ImagePlus tiled = run(new ImagePlus("x", new FloatProcessor(150, 90, px.clone())), model + " tile=64");
		assertEquals(150, tiled.getWidth());
		assertEquals(90, tiled.getHeight());
		org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) whole.getProcessor().getPixels(), (float[]) tiled.getProcessor().getPixels());
	}

	@Test
	void aClassifierFillsTheResultsTable() throws Exception {
		final ImagePlus in = image(npy(ONNX.resolve("classifier_input.npy")));
		ResultsTable.getResultsTable().reset();
		run(in, "model=[" + ONNX.resolve("classifier.onnx").toAbsolutePath() + "]");
		final ResultsTable rt = ResultsTable.getResultsTable();
		final float[] expected = npy(ONNX.resolve("classifier_output.npy")).data();
		assertEquals(1, rt.size());
		for (int k = 0; k < expected.length; k++)
			assertEquals(expected[k], rt.getValue("class " + k, 0), 1e-4, "class " + k);
	}

	@Test
	void badOptionsStopWithWhatIsAllowed() throws Exception {
		final ImagePlus gray = new ImagePlus("g", new FloatProcessor(16, 16));
		final String classifier = ONNX.resolve("classifier.onnx").toAbsolutePath().toString();
		final String[][] cases = {
			{ "model=[" + ONNX.resolve("cases.txt").toAbsolutePath() + "]", "is not a model file this command reads; allowed: .onnx, .h5, .keras" },
			{ "model=[" + classifier + "] output=[nope]", "output=nope is not an output of classifier.onnx; allowed: " },
			{ "model=[" + classifier + "] tile=32", "tile=32 is not allowed; allowed: auto (tiles only when the whole image does not fit " +
				"in free memory), 0 (the whole image at once) or N >= 64" },
			{ "model=[" + ONNX.resolve("unet_groupnorm_o13.onnx").toAbsolutePath() + "] tile=64", "tile=64 cannot be used: Node \"" },
			{ "model=[" + classifier + "]", "takes 3 channels, but the image has 1" },
			{ "", "Run Network needs model=[file]" } };
		for (final String[] c : cases) {
			final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
			final java.io.PrintStream out = System.out;
			System.setOut(new java.io.PrintStream(text, true, "UTF-8"));
			final ImagePlus after;
			try {
				after = run(gray, c[0]);
			}
			finally {
				System.setOut(out);
			}
			assertEquals(gray, after, "no new image for " + c[0]);
			assertTrue(text.toString("UTF-8").contains(c[1]), c[0] + " -> " + text.toString("UTF-8"));
		}
	}
}

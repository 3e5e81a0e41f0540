package io.github.cnnlayers.plugins;

import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The learned layers through the menu commands' own code ({@code LayerCommand.makeNew} with macro
 * options), against PyTorch's own numbers: the fixtures of {@code src/test/python/make_fixtures.py}
 * (15 conv2d cases over channels, groups, strides, dilations and all four padding modes; batch norm;
 * a conv - BN - ReLU - max pool - conv model layer by layer), on hyperstacks built from the fixture inputs.
 */
class LearnedLayersTest {

	static Path fixture(final String relative) {
		try {
			return Paths.get(LearnedLayersTest.class.getResource("/fixtures/" + relative).toURI());
		}
		catch (final URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + relative, e);
		}
	}

	/** A hyperstack of C channels (Z = T = 1) from C-order data [C, H, W]. */
	static ImagePlus hyperstack(final String title, final float[] data, final int c, final int h, final int w) {
		final ImageStack s = new ImageStack(w, h);
		for (int i = 0; i < c; i++) {
			final float[] plane = new float[w * h];
			System.arraycopy(data, i * w * h, plane, 0, w * h);
			s.addSlice("c" + (i + 1), new FloatProcessor(w, h, plane));
		}
		final ImagePlus imp = new ImagePlus(title, s);
		imp.setDimensions(c, 1, 1);
		if (c > 1)
			imp.setOpenAsHyperStack(true);
		return imp;
	}

	/** The pixels of every plane of {@code imp} in stack order, as C-order [C, H, W] for Z = T = 1. */
	static float[] pixels(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] all = new float[n * imp.getStackSize()];
		for (int i = 0; i < imp.getStackSize(); i++)
			System.arraycopy((float[]) imp.getStack().getProcessor(i + 1).convertToFloat().getPixels(), 0, all, i * n, n);
		return all;
	}

	static void assertClose(final float[] expected, final float[] actual, final String what) {
		assertEquals(expected.length, actual.length, what + ": number of values");
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what + " at " + i);
	}

	private static List<Map<String, String>> cases(final String file) throws IOException {
		final List<Map<String, String>> cases = new ArrayList<>();
		for (final String line : Files.readAllLines(fixture(file), StandardCharsets.UTF_8)) {
			if (line.trim().isEmpty() || line.startsWith("#"))
				continue;
			final Map<String, String> m = new HashMap<>();
			for (final String kv : line.trim().split("\\s+"))
				m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
			cases.add(m);
		}
		return cases;
	}

	@Test
	void conv2dWithWeightFilesEqualsPyTorchOnEveryFixtureCase() throws IOException {
		final List<Map<String, String>> cases = cases("conv/conv_cases.txt");
		assertEquals(15, cases.size());
		for (final Map<String, String> c : cases) {
			final String id = c.get("id");
			final int cin = Integer.parseInt(c.get("in_channels"));
			final int h = Integer.parseInt(c.get("height"));
			final int w = Integer.parseInt(c.get("width"));
			final Tensor input = WeightFile.read(fixture("conv/" + id + "_input.npy"), null);
			final ImagePlus imp = hyperstack(id, input.data(), cin, h, w);
			final String border = c.get("padding_mode").equals("zeros") ? "zero" : c.get("padding_mode");
			final String options = "weights=[" + fixture("conv/" + id + "_weight.npy") + "]" +
				(c.get("bias").equals("true") ? " biases=[" + fixture("conv/" + id + "_bias.npy") + "]" : "") +
				" groups=" + c.get("groups") + " stride=" + c.get("stride") + " padding=" + c.get("padding_x") + "," +
				c.get("padding_y") + " border=" + border + " dilation=" + c.get("dilation") + " stack";
			final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, options);
			final int cout = Integer.parseInt(c.get("out_channels"));
			assertEquals(cout, out.getNChannels(), id);
			assertEquals(Integer.parseInt(c.get("out_width")), out.getWidth(), id);
			assertEquals(Integer.parseInt(c.get("out_height")), out.getHeight(), id);
			assertEquals(32, out.getBitDepth());
			assertClose(WeightFile.read(fixture("conv/" + id + "_output.npy"), null).data(), pixels(out), id + " " + options);
			if (cout > 1)
				assertTrue(out.isComposite() && ((CompositeImage) out).getMode() == ij.IJ.GRAYSCALE, id + ": a grayscale composite");
		}
	}

	@Test
	void batchNormEqualsPyTorchOnTheFixtureCases() throws IOException {
		for (final Map<String, String> c : cases("conv/bn_cases.txt")) {
			final String id = c.get("id");
			final int ch = Integer.parseInt(c.get("channels"));
			final Tensor input = WeightFile.read(fixture("conv/" + id + "_input.npy"), null);
			final ImagePlus imp = hyperstack(id, input.data(), ch, Integer.parseInt(c.get("height")), Integer.parseInt(c.get("width")));
			// an .npz holding the fixture's .npy files under PyTorch's state_dict names
			final Path npz = WeightFiles.npz("bn", fixture("conv/" + id + "_weight.npy"), fixture("conv/" + id + "_bias.npy"),
				fixture("conv/" + id + "_running_mean.npy"), fixture("conv/" + id + "_running_var.npy"));
			final ImagePlus out = LayerCommand.BATCH_NORM.makeNew(imp, "weights=[" + npz + "] tensor=bn eps=" + c.get("eps") + " stack");
			assertClose(WeightFile.read(fixture("conv/" + id + "_output.npy"), null).data(), pixels(out), id);
		}
	}

	/** conv - BN - ReLU - max pool - conv of a PyTorch nn.Sequential, by the commands' macro lines, each layer checked. */
	@Test
	void sequentialModelByTheMacroLinesLayerByLayer() {
		final String model = fixture("seq/seq_model.safetensors").toString();
		final Tensor input = WeightFile.read(fixture("seq/input.npy"), null);
		final ImagePlus x = hyperstack("seq", input.data(), 2, 24, 20);
		final ImagePlus y0 = LayerCommand.CONV2D.makeNew(x, "weights=[" + model + "] tensor=0 padding=1 stack");
		assertClose(WeightFile.read(fixture("seq/after_0.npy"), null).data(), pixels(y0), "after conv");
		final ImagePlus y1 = LayerCommand.BATCH_NORM.makeNew(y0, "weights=[" + model + "] tensor=1 eps=1e-5 stack");
		assertClose(WeightFile.read(fixture("seq/after_1.npy"), null).data(), pixels(y1), "after batch norm");
		LayerCommand.RELU.applyInPlace(y1, "stack");
		assertClose(WeightFile.read(fixture("seq/after_2.npy"), null).data(), pixels(y1), "after ReLU");
		final ImagePlus y3 = LayerCommand.MAX_POOLING.makeNew(y1, "size=2 stack");
		assertEquals(4, y3.getNChannels(), "pooling works per channel");
		assertClose(WeightFile.read(fixture("seq/after_3.npy"), null).data(), pixels(y3), "after max pooling");
		final ImagePlus y4 = LayerCommand.CONV2D.makeNew(y3, "weights=[" + model + "] tensor=4 padding=same stack");
		assertEquals(3, y4.getNChannels());
		assertClose(WeightFile.read(fixture("seq/after_4.npy"), null).data(), pixels(y4), "after the last conv");
		assertEquals("seq-conv2d-batchnorm-maxpool-conv2d", y4.getTitle());
	}

	@Test
	void zAndTAreKeptAndEachSampleIsConvolvedOnItsOwn() {
		final String model = fixture("seq/seq_model.safetensors").toString();
		final float[] data = WeightFile.read(fixture("seq/input.npy"), null).data();
		// C = 2, Z = 3, T = 2: sample (z, t) is the input scaled by z + 10 t
		final ImageStack s = new ImageStack(20, 24);
		for (int t = 1; t <= 2; t++)
			for (int z = 1; z <= 3; z++)
				for (int c = 0; c < 2; c++) {
					final float[] plane = new float[480];
					for (int i = 0; i < 480; i++)
						plane[i] = data[c * 480 + i] * (z + 10 * t);
					s.addSlice(new FloatProcessor(20, 24, plane));
				}
		final ImagePlus imp = new ImagePlus("zt", s);
		imp.setDimensions(2, 3, 2);
		imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.setUnit("um");
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "weights=[" + model + "] tensor=0 padding=1 stack");
		assertArrayEquals(new int[] { 20, 24, 4, 3, 2 }, out.getDimensions());
		assertEquals(0.5, out.getCalibration().pixelWidth, 0);
		assertEquals(cal.getUnit(), out.getCalibration().getUnit());
		assertEquals("0 #1", out.getStack().getSliceLabel(1));
		final ImagePlus single = LayerCommand.CONV2D.makeNew(hyperstack("one", data, 2, 24, 20),
			"weights=[" + model + "] tensor=0 padding=1 stack");
		final float[] bias = WeightFile.convolution(fixture("seq/seq_model.safetensors"), "0", null).bias();
		for (int t = 1; t <= 2; t++)
			for (int z = 1; z <= 3; z++)
				for (int c = 1; c <= 4; c++) {
					final float[] got = (float[]) out.getStack().getProcessor(out.getStackIndex(c, z, t)).getPixels();
					final float[] one = (float[]) single.getStack().getProcessor(c).getPixels();
					for (int i = 0; i < got.length; i++) // conv is linear: (k * s x) + b = s (k x + b) - (s - 1) b
						assertEquals((z + 10 * t) * (one[i] - bias[c - 1]) + bias[c - 1], got[i], 1e-3 * Math.max(1, Math.abs(got[i])));
				}
	}

	@Test
	void rgbIsThreeChannelsRGB() {
		final ColorProcessor cp = new ColorProcessor(6, 5);
		for (int i = 0; i < 30; i++)
			cp.set(i, (i << 16) | ((2 * i) << 8) | (3 * i));
		final ImagePlus imp = new ImagePlus("rgb", cp);
		// a 1x1 kernel [1, 3, 1, 1] = (1, 10, 100): R + 10 G + 100 B
		final Path w = WeightFiles.npy(new float[] { 1, 10, 100 }, 1, 3, 1, 1);
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "weights=[" + w + "] padding=0");
		assertEquals(1, out.getNChannels());
		for (int i = 0; i < 30; i++)
			assertEquals(i + 10 * 2 * i + 100 * 3 * i, out.getProcessor().getf(i), 0);
	}

	@Test
	void kernelBankGivesEveryChannelEveryKernel() {
		final float[] data = WeightFile.read(fixture("seq/input.npy"), null).data();
		final ImagePlus imp = hyperstack("bank", data, 2, 24, 20);
		final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "preset=[sobel xy] border=replicate stack");
		assertEquals(4, out.getNChannels(), "C_out = C_in x N");
		assertEquals("sobel y of channel 2", out.getStack().getSliceLabel(4));
		for (int c = 0; c < 2; c++) {
			final ImagePlus plane = hyperstack("p", java.util.Arrays.copyOfRange(data, c * 480, (c + 1) * 480), 1, 24, 20);
			final float[] x = pixels(LayerCommand.CONV2D.makeNew(plane, "preset=[sobel x] border=replicate"));
			final float[] y = pixels(LayerCommand.CONV2D.makeNew(plane, "preset=[sobel y] border=replicate"));
			assertClose(x, (float[]) out.getStack().getProcessor(2 * c + 1).getPixels(), "sobel x of " + c);
			assertClose(y, (float[]) out.getStack().getProcessor(2 * c + 2).getPixels(), "sobel y of " + c);
		}
		// a typed bank: kernels separated by a blank line
		final ImagePlus typed = LayerCommand.CONV2D.makeNew(imp, "kernel=[1 0 0\\n0 0 0\\n0 0 0\\n\\n0 0 0\\n0 0 0\\n0 0 2] stack");
		assertEquals(4, typed.getNChannels());
		assertEquals("kernel 2 of channel 1", typed.getStack().getSliceLabel(2));
	}

	@Test
	void badWeightsGiveTheirMessageAndNoResult() throws IOException {
		final ImagePlus two = hyperstack("two", new float[2 * 24 * 20], 2, 24, 20);
		final String model = fixture("seq/seq_model.safetensors").toString();
		// the last conv takes 4 channels; the image has 2
		assertTrue(assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(two, "weights=[" + model + "] tensor=4 stack")).getMessage()
				.startsWith("The weights take C_in = 4 channels (4 per group x 1 group), but the image has 2"));
		// a tensor that does not exist: the names and shapes that do
		final String missing = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(two, "weights=[" + model + "] tensor=features.9 stack")).getMessage();
		assertTrue(missing.contains("0.weight [4, 2, 3, 3]"), missing);
		// groups that do not divide
		assertTrue(assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(two, "weights=[" + model + "] tensor=0 groups=3 stack")).getMessage()
				.contains("Groups 3 do not divide the 4 output channels"));
		// batch norm with the wrong number of channels
		assertTrue(assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.BATCH_NORM.makeNew(hyperstack("one", new float[480], 1, 24, 20), "weights=[" + model + "] tensor=1"))
				.getMessage().startsWith("Batch norm has 4 channels, but the image has 1"));
		// an even kernel with padding=same
		final Path even = WeightFiles.npy(new float[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
		assertTrue(assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(two, "weights=[" + even + "] padding=same")).getMessage()
				.contains("padding=same needs odd kernel sizes"));
		// tensor without weights
		assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV2D.makeNew(two, "tensor=0")).getMessage()
			.contains("go with \"weights\""));
		// a missing file
		assertTrue(assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.CONV2D.makeNew(two, "weights=[/no/such/file.npy]")).getMessage().contains("/no/such/file.npy"));
	}

	/**
	 * Every weight format through the command: the Keras layouts (transposed on reading) and a PyTorch
	 * file give, for the same layer, the result of the same weights written as a plain .npy.
	 */
	@Test
	void everyWeightFormatRunsThroughTheCommand() {
		final float[] data = WeightFile.read(fixture("seq/input.npy"), null).data();
		final ImagePlus imp = hyperstack("k", data, 2, 24, 20);
		for (final String file : new String[] { "readers/keras2_weights.h5", "readers/keras2_model.h5", "readers/keras3.weights.h5",
			"readers/model.keras", "readers/state_dict.safetensors" })
		{
			final String tensor = file.endsWith("safetensors") ? "features.0" : "conv2d_1";
			final io.github.cnnlayers.core.ConvWeights w = WeightFile.convolution(fixture(file), tensor, null);
			final Path npy = WeightFiles.npy(w.weights(), w.outChannels(), w.inChannelsPerGroup(), w.kernelHeight(), w.kernelWidth());
			final Path bias = WeightFiles.npy(w.bias(), w.outChannels());
			final float[] expected = pixels(LayerCommand.CONV2D.makeNew(imp, "weights=[" + npy + "] biases=[" + bias + "] padding=same stack"));
			final ImagePlus out = LayerCommand.CONV2D.makeNew(imp, "weights=[" + fixture(file) + "] tensor=" + tensor + " padding=same stack");
			assertEquals(w.outChannels(), out.getNChannels(), file);
			assertArrayEquals(expected, pixels(out), file);
		}
	}

	/** A 4 x 3 plane of 1 .. 12 and a 1 x 1 learned kernel of weight 2 in a .npy file. */
	private static float[] doubled(final ImagePlus result) {
		return (float[]) result.getStack().getPixels(1);
	}

	@Test
	void aLearnedLayerReadsItsWeightFileOnceThenNeedsItNoMore() throws IOException {
		final float[] px = new float[12];
		final float[] twice = new float[12];
		for (int i = 0; i < 12; i++) {
			px[i] = i + 1;
			twice[i] = 2 * (i + 1);
		}
		// the menu command in a macro: the options are checked (the weights read) before run(); the file is
		// gone when run() computes
		final Path weights = WeightFiles.npy(new float[] { 2f }, 1, 1, 1, 1);
		final ImagePlus imp = new ImagePlus("x", new FloatProcessor(4, 3, px.clone()));
		final NewImageLayerPlugin plugin = new NewImageLayerPlugin();
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true; // the result is shown as in a batch-mode macro, without a window
		final Throwable[] failed = new Throwable[1];
		// ImageJ gives macro options to threads named as its macro threads are
		final Thread macro = new Thread(() -> {
			try {
				plugin.setup("conv2d", imp);
				ij.Macro.setOptions(Thread.currentThread(), "weights=[" + weights + "]");
				plugin.showDialog(imp, "Conv2D...", null);
				ij.Macro.setOptions(Thread.currentThread(), null);
				Files.delete(weights);
				plugin.run(imp.getProcessor());
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
		}, "Run$_learned weights once");
		macro.start();
		try {
			macro.join();
		}
		catch (final InterruptedException e) {
			throw new IllegalStateException(e);
		}
		finally {
			ij.macro.Interpreter.batchMode = batch;
		}
		if (failed[0] != null)
			throw new AssertionError(failed[0]);
		assertArrayEquals(twice, doubled(plugin.getResult()));
		// a pipeline step: parsed once (the weights read), then run on images after the file is gone
		final Path again = WeightFiles.npy(new float[] { 2f }, 1, 1, 1, 1);
		final io.github.cnnlayers.pipeline.Step step = io.github.cnnlayers.pipeline.Step.parse(1, "Conv2D... weights=[" + again + "]");
		Files.delete(again);
		for (int i = 0; i < 2; i++)
			assertArrayEquals(twice, doubled(step.run(new ImagePlus("x", new FloatProcessor(4, 3, px.clone())), "x").image()));
	}

	/** The RGB image of fixtures/depthwise/input.npy ([3, H, W], values 0 .. 255). */
	private static ImagePlus depthwiseRgb() {
		final Tensor t = WeightFile.read(fixture("depthwise/input.npy"), null);
		final int h = t.dim(1), w = t.dim(2);
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int i = 0; i < w * h; i++)
			cp.set(i, ((int) t.get(i) << 16) | ((int) t.get(w * h + i) << 8) | (int) t.get(2 * w * h + i));
		return new ImagePlus("rgb", cp);
	}

	/**
	 * Keras DepthwiseConv2D through the Conv2D command, against PyTorch's conv2d(..., groups=C_in) of
	 * make_depthwise_fixtures.py: an RGB image gives 3 channels (depth multiplier 1) or 6 (multiplier 2, with
	 * bias), from a .keras (class from config.json) and a Keras 2 .h5 (depthwise_kernel); groups= left out, the
	 * default 1 or the layer's own 3 give the same, another is refused.
	 */
	@Test
	void kerasDepthwiseRunsPerChannelAsPyTorch() {
		final float[] dw1 = WeightFile.read(fixture("depthwise/dw1_output.npy"), null).data();
		final float[] dw2 = WeightFile.read(fixture("depthwise/dw2_output.npy"), null).data();
		final String keras = fixture("depthwise/model.keras").toString();
		final String keras2 = fixture("depthwise/keras2_depthwise.h5").toString();
		for (final String options : new String[] { "weights=[" + keras + "] tensor=depthwise_conv2d padding=same",
			"weights=[" + keras + "] tensor=depthwise_conv2d padding=same groups=1",
			"weights=[" + keras + "] tensor=depthwise_conv2d padding=1 groups=3",
			"weights=[" + keras2 + "] tensor=dw1 padding=same" })
		{
			final ImagePlus out = LayerCommand.CONV2D.makeNew(depthwiseRgb(), options);
			assertEquals(3, out.getNChannels(), options);
			assertClose(dw1, pixels(out), options);
		}
		for (final String options : new String[] { "weights=[" + keras + "] tensor=depthwise_conv2d_1 padding=same",
			"weights=[" + keras2 + "] tensor=dw2 padding=same groups=3" })
		{
			final ImagePlus out = LayerCommand.CONV2D.makeNew(depthwiseRgb(), options);
			assertEquals(6, out.getNChannels(), options);
			assertClose(dw2, pixels(out), options);
		}
		final String conflict = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV2D.makeNew(depthwiseRgb(),
			"weights=[" + keras + "] tensor=depthwise_conv2d groups=2")).getMessage();
		assertTrue(conflict.startsWith("Conv2D: groups=2 does not agree with the weights model.keras: depthwise_conv2d"), conflict);
		final String bare = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV2D.makeNew(depthwiseRgb(),
			"weights=[" + fixture("depthwise/depthwise.weights.h5") + "] tensor=depthwise_conv2d")).getMessage();
		assertTrue(bare.contains("give the model's .keras file instead"), bare);
	}
}

package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The new single-input commands through {@link LayerCommand#makeNew} and {@link LayerCommand#applyInPlace} on
 * ImageJ images, against PyTorch's numbers (the fixtures of {@code src/test/python/make_new_layer_fixtures.py},
 * in {@code fixtures/new_layers/}) or hand-computed values; their calibration, types and refusals.
 */
class NewLayerCommandsTest {

	/** A fixture file. */
	static Path fixture(final String name) {
		try {
			return Paths.get(NewLayerCommandsTest.class.getResource("/fixtures/new_layers/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Tensor tensor(final String name) {
		return WeightFile.read(fixture(name + ".npy"), null);
	}

	/** A 32-bit image of the [1, C, H, W] fixture {@code name}: one channel per C (a hyperstack when C &gt; 1). */
	static ImagePlus image(final String name) {
		final Tensor t = tensor(name);
		final int c = t.dim(1), h = t.dim(2), w = t.dim(3);
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c; i++) {
			final float[] p = new float[w * h];
			System.arraycopy(t.data(), i * w * h, p, 0, w * h);
			stack.addSlice("c" + (i + 1), new FloatProcessor(w, h, p));
		}
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.setDimensions(c, 1, 1);
		return imp;
	}

	/** All planes of an image in stack order (for a C-channel result: [C, H, W]). */
	static float[] values(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] all = new float[n * imp.getStackSize()];
		for (int i = 1; i <= imp.getStackSize(); i++) {
			final float[] p = (float[]) imp.getStack().getProcessor(i).convertToFloat().getPixels();
			System.arraycopy(p, 0, all, (i - 1) * n, n);
		}
		return all;
	}

	static void assertClose(final float[] expected, final float[] actual, final double tolerance, final String what) {
		assertEquals(expected.length, actual.length, what + ": number of values");
		for (int i = 0; i < expected.length; i++)
			if (!Float.isFinite(expected[i])) // NaN and infinities exactly
				assertEquals(expected[i], actual[i], what + " at " + i);
			else
				assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), what + " at " + i);
	}

	/** @return the case of {@code <layer>_cases.txt} with id {@code id}, as keys and values */
	static Map<String, String> fixtureCase(final String layer, final String id) throws IOException {
		for (final String line : Files.readAllLines(fixture(layer + "_cases.txt"), StandardCharsets.UTF_8))
			if (line.startsWith("id=" + id + " ")) {
				final Map<String, String> c = new LinkedHashMap<>();
				for (final String kv : line.trim().split("\\s+"))
					c.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
				return c;
			}
		throw new IllegalStateException("no case " + id);
	}

	/** A safetensors file of float32 tensors, e.g. {@code "norm.weight"}, in the order given. */
	static Path safetensors(final Object... namesAndTensors) {
		final StringBuilder header = new StringBuilder("{");
		int offset = 0;
		for (int i = 0; i < namesAndTensors.length; i += 2) {
			final Tensor t = (Tensor) namesAndTensors[i + 1];
			final StringBuilder shape = new StringBuilder();
			for (final int d : t.shape())
				shape.append(shape.length() == 0 ? "" : ",").append(d);
			header.append(i == 0 ? "" : ",").append('"').append(namesAndTensors[i]).append("\":{\"dtype\":\"F32\",\"shape\":[").append(shape)
				.append("],\"data_offsets\":[").append(offset).append(',').append(offset + 4 * t.size()).append("]}");
			offset += 4 * t.size();
		}
		header.append('}');
		while (header.length() % 8 != 0)
			header.append(' ');
		final byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
		final ByteBuffer b = ByteBuffer.allocate(8 + h.length + offset).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(h.length).put(h);
		for (int i = 1; i < namesAndTensors.length; i += 2)
			for (final float v : ((Tensor) namesAndTensors[i]).data())
				b.putFloat(v);
		try {
			final Path f = Files.createTempFile("layer", ".safetensors");
			f.toFile().deleteOnExit();
			Files.write(f, b.array());
			return f;
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	// --- Upsample ---

	@ParameterizedTest
	@CsvSource({ "u01, scale=2 mode=nearest stack, 0", "u04, scale=0.5 mode=NEAREST, 0", "u05, scale=3 mode=nearest, 0",
		"u07, scale=2 mode=bilinear stack, 1e-6", "u10, scale=3 mode=Bilinear, 1e-6", "u12, scale=2 mode=bilinear align_corners stack, 1e-6",
		"u15, scale=0.5 mode=bilinear align_corners, 1e-6", "u16, scale=2 mode=bilinear, 1e-6" })
	void upsampleEqualsPyTorchsInterpolate(final String id, final String options, final double tolerance) {
		final ImagePlus result = LayerCommand.UPSAMPLE.makeNew(image(id + "_input"), options);
		assertEquals(id + "_input-upsample", result.getTitle());
		assertClose(tensor(id + "_output").data(), values(result), tolerance, id);
	}

	@Test
	void upsampleNearestKeepsTheTypeBilinearMakes32BitAndThePixelsShrink() {
		final ByteProcessor bp = new ByteProcessor(2, 1, new byte[] { 10, (byte) 200 });
		final ImagePlus imp = new ImagePlus("b", bp);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("um");
		final ImagePlus nearest = LayerCommand.UPSAMPLE.makeNew(imp, "scale=2");
		assertEquals(8, nearest.getBitDepth());
		assertArrayEquals(new byte[] { 10, 10, (byte) 200, (byte) 200, 10, 10, (byte) 200, (byte) 200 }, (byte[]) nearest.getProcessor().getPixels());
		assertEquals(0.25, nearest.getCalibration().pixelWidth, 1e-12);
		assertEquals(0.25, nearest.getCalibration().pixelHeight, 1e-12);
		final ImagePlus bilinear = LayerCommand.UPSAMPLE.makeNew(imp, "scale=2 mode=bilinear");
		assertEquals(32, bilinear.getBitDepth());
		// PyTorch, align_corners=False: x_src = (x + 0.5) / 2 - 0.5, clamped at 0: 10, 57.5, 152.5, 200
		assertArrayEquals(new float[] { 10, 57.5f, 152.5f, 200 }, java.util.Arrays.copyOf((float[]) bilinear.getProcessor().getPixels(), 4));
		final ImagePlus rgb = LayerCommand.UPSAMPLE.makeNew(new ImagePlus("rgb", new ColorProcessor(3, 2)), "scale=2 mode=bilinear");
		assertEquals(3, rgb.getNChannels(), "RGB bilinear: R, G, B as 32-bit channels");
		assertEquals(6, rgb.getWidth());
		final ImagePlus short16 = LayerCommand.UPSAMPLE.makeNew(new ImagePlus("s", new ShortProcessor(3, 3)), "scale=2");
		assertEquals(16, short16.getBitDepth());
	}

	@Test
	void upsampleRefusals() {
		assertEquals("align_corners is not allowed with mode nearest (as in PyTorch); allowed: align_corners with mode bilinear",
			messageOf(() -> LayerCommand.UPSAMPLE.spec("align_corners")).replaceFirst("^Upsample: ", ""));
		assertEquals("Upsample: Unknown mode \"bicubic\"; allowed: nearest, bilinear", messageOf(() -> LayerCommand.UPSAMPLE.spec("mode=bicubic")));
		assertTrue(messageOf(() -> LayerCommand.UPSAMPLE.spec("scale=0")).contains("allowed: finite numbers > 0"));
	}

	// --- ConvTranspose2D ---

	@ParameterizedTest
	@CsvSource({ "t01", "t03", "t05", "t06" })
	void convTranspose2DEqualsPyTorchWithNpyWeightsAndBiases(final String id) throws IOException {
		final Map<String, String> c = fixtureCase("convt", id);
		final String options = "weights=[" + fixture(id + "_weight.npy") + "]" + (c.get("bias").equals("true") ? " biases=[" +
			fixture(id + "_bias.npy") + "]" : "") + " stride=" + c.get("sy") + " padding=" + c.get("py") + " output_padding=" + c.get("oy") +
			" dilation=" + c.get("dy") + " groups=" + c.get("groups");
		final ImagePlus result = LayerCommand.CONV_TRANSPOSE2D.makeNew(image(id + "_input"), options);
		assertEquals(Integer.parseInt(c.get("cout")), result.getNChannels());
		assertEquals(Integer.parseInt(c.get("ow")), result.getWidth());
		assertEquals(Integer.parseInt(c.get("oh")), result.getHeight());
		assertClose(tensor(id + "_output").data(), values(result), 1e-5, id);
	}

	@Test
	void convTranspose2DReadsAStateDictsWeightAndBiasAndHalvesThePixelSize() {
		final Path model = safetensors("up.0.weight", tensor("t01_weight"), "up.0.bias", tensor("t01_bias"), "other", tensor("t03_weight"));
		final ImagePlus in = image("t01_input");
		in.getCalibration().pixelWidth = 2;
		in.getCalibration().pixelHeight = 3;
		final ImagePlus result = LayerCommand.CONV_TRANSPOSE2D.makeNew(in,
			"weights=[" + model + "] tensor=up.0 stride=2 padding=1 output_padding=1 dilation=1 groups=1 stack");
		assertClose(tensor("t01_output").data(), values(result), 1e-5, "t01 from a state dict");
		assertEquals("t01_input-convtranspose2d", result.getTitle());
		assertEquals(1, result.getCalibration().pixelWidth, 1e-12);
		assertEquals(1.5, result.getCalibration().pixelHeight, 1e-12);
		assertEquals("up.0 #1", result.getStack().getSliceLabel(1));
	}

	@Test
	void convTranspose2DRefusals() throws Exception {
		assertTrue(messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.spec("stride=2")).startsWith("ConvTranspose2D needs weights=[file]"));
		final String w = "weights=[" + fixture("t01_weight.npy") + "]";
		assertEquals("The transposed-convolution weights take C_in = 2 channels, but the image has 1 (its channels are a hyperstack's C " +
			"dimension; an RGB image has 3, R, G, B; any other image 1)",
			messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.makeNew(new ImagePlus("x", new FloatProcessor(4, 4)), w)));
		assertTrue(messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.spec(w + " stride=2 output_padding=2"))
			.startsWith("ConvTranspose2D: Output padding 2 (height) is not allowed with stride 2 and dilation 1; allowed: 0 to 1"));
		assertTrue(messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.spec("weights=[" + fixture("act_input.npy") + "]"))
			.startsWith("ConvTranspose2D: the weights act_input.npy have shape [1172]; allowed: a 4-D tensor [C_in, C_out/groups, kh, kw]"));
		final Path keras = Paths.get(getClass().getResource("/fixtures/readers/keras2_weights.h5").toURI());
		assertTrue(messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.spec("weights=[" + keras + "]"))
			.startsWith("ConvTranspose2D reads PyTorch's layout [C_in, C_out/groups, kh, kw] from .npy, .npz or .safetensors files; " +
				"Keras Conv2DTranspose kernels"));
		final Path model = safetensors("up.0.weight", tensor("t01_weight"));
		assertTrue(messageOf(() -> LayerCommand.CONV_TRANSPOSE2D.spec("weights=[" + model + "] tensor=down"))
			.startsWith(model.getFileName() + " holds no weight for layer \"down\" (looked for \"down\", \"down.weight\")"));
	}

	@Test
	void aLearnedNewLayerReadsItsWeightFileOncePerFileVersion() {
		final Path model = safetensors("up.0.weight", tensor("t01_weight"), "up.0.bias", tensor("t01_bias"), "norm.weight",
			tensor("n01_weight"), "norm.bias", tensor("n01_bias"));
		final long before = io.github.cnnlayers.layers.WeightCache.reads();
		for (int i = 0; i < 3; i++) {
			LayerCommand.CONV_TRANSPOSE2D.spec("weights=[" + model + "] tensor=up.0 stride=" + (i + 1));
			LayerCommand.GROUP_NORM.spec("weights=[" + model + "] tensor=norm groups=2 eps=" + (i + 1) + "e-5");
		}
		assertEquals(2, io.github.cnnlayers.layers.WeightCache.reads() - before, "one read per layer of the file");
	}

	// --- activations ---

	@ParameterizedTest
	@CsvSource({ "ELU..., alpha=1, act_elu_1", "ELU..., alpha=2.5, act_elu_2.5", "GELU, '', act_gelu_f32", "SiLU, '', act_silu" })
	void newActivationsInPlaceOnA32BitImageEqualPyTorch(final String label, final String options, final String expected) {
		final float[] x = tensor("act_input").data();
		final ImagePlus imp = new ImagePlus("a", new FloatProcessor(x.length, 1, x.clone()));
		assertNull(command(label).applyInPlace(imp, options));
		// PyTorch float32 (GELU) or float64 rounded to float (ELU, SiLU): within one float rounding and 1e-6 relative
		final float[] want = tensor(expected).data();
		final float[] got = (float[]) imp.getProcessor().getPixels();
		for (int i = 0; i < want.length; i++)
			if (!(Float.isNaN(want[i]) && Float.isNaN(got[i])))
				assertEquals(want[i], got[i], 1e-6 * Math.abs(want[i]) + 1.2e-7 * Math.max(1, Math.abs(x[i])), label + " at x = " + x[i]);
	}

	private static LayerCommand command(final String label) {
		for (final LayerCommand c : LayerCommand.values())
			if (c.label().equals(label))
				return c;
		throw new AssertionError(label);
	}

	@ParameterizedTest
	@CsvSource({ "8", "16", "24" })
	void geluAndSiluRefuseIntegerImagesWithTheirTrueRangeAndEluLeavesThemUnchanged(final int depth) {
		final ImagePlus imp = new ImagePlus("i", Images.plane(depth, 5, 4, 7));
		final Object before = imp.getProcessor().getPixelsCopy();
		final String type = depth == 24 ? "RGB" : depth + "-bit";
		assertEquals("GELU needs a 32-bit image: its values lie in [-0.17, inf), which the " + type + " image cannot hold " +
			"(they would be rounded); convert it first with Image > Type > 32-bit", messageOf(() -> LayerCommand.GELU.applyInPlace(imp, "")));
		assertEquals("SiLU needs a 32-bit image: its values lie in [-0.2785, inf), which the " + type + " image cannot hold " +
			"(they would be rounded); convert it first with Image > Type > 32-bit", messageOf(() -> LayerCommand.SILU.applyInPlace(imp, "")));
		assertEquals("ELU left the " + type + " image unchanged: it holds no negative values (convert to 32-bit first)",
			LayerCommand.ELU.applyInPlace(imp, "alpha=1"));
		assertTrue(java.util.Objects.deepEquals(new Object[] { before }, new Object[] { imp.getProcessor().getPixels() }), "unchanged");
	}

	@Test
	void eluWorksOnEveryPlaneOfAStackWithStack() {
		final ImageStack s = new ImageStack(2, 1);
		s.addSlice(new FloatProcessor(2, 1, new float[] { -1, 2 }));
		s.addSlice(new FloatProcessor(2, 1, new float[] { -2, 0 }));
		final ImagePlus imp = new ImagePlus("s", s);
		LayerCommand.ELU.applyInPlace(imp, "alpha=0.5 stack");
		assertArrayEquals(new float[] { (float) (0.5 * Math.expm1(-1)), 2 }, (float[]) imp.getStack().getPixels(1));
		assertArrayEquals(new float[] { (float) (0.5 * Math.expm1(-2)), 0 }, (float[]) imp.getStack().getPixels(2));
	}

	// --- Softmax, global pooling ---

	@ParameterizedTest
	@CsvSource({ "s01", "s02", "s03", "s04", "s05", "s06" })
	void softmaxOverAHyperstacksChannelsEqualsPyTorch(final String id) {
		final ImagePlus result = LayerCommand.SOFTMAX.makeNew(image(id + "_input"), "stack");
		assertEquals(id + "_input-softmax", result.getTitle());
		assertClose(tensor(id + "_output").data(), values(result), 1e-6, id);
	}

	@Test
	void softmaxOfAnRgbImageIsOverRGandB() {
		final ColorProcessor cp = new ColorProcessor(2, 1, new int[] { 0x010203, 0x00ff00 });
		final ImagePlus result = LayerCommand.SOFTMAX.makeNew(new ImagePlus("rgb", cp), "");
		assertEquals(3, result.getNChannels());
		final double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
		final double big = Math.exp(-255);
		final float[] expected = { (float) (e1 / (e1 + e2 + e3)), (float) (1 / (2 + Math.exp(255))), (float) (e2 / (e1 + e2 + e3)),
			(float) (1 / (1 + 2 * big)), (float) (e3 / (e1 + e2 + e3)), (float) (1 / (2 + Math.exp(255))) };
		assertClose(expected, values(result), 1e-7, "softmax of (1, 2, 3) and (0, 255, 0)");
	}

	@ParameterizedTest
	@CsvSource({ "g01", "g02", "g03", "g04" })
	void globalPoolingEqualsPyTorchsAdaptivePooling(final String id) {
		final ImagePlus avg = LayerCommand.GLOBAL_AVERAGE_POOLING.makeNew(image(id + "_input"), "stack");
		final ImagePlus max = LayerCommand.GLOBAL_MAX_POOLING.makeNew(image(id + "_input"), "stack");
		assertEquals(id + "_input-globalavgpool", avg.getTitle());
		assertEquals(id + "_input-globalmaxpool", max.getTitle());
		assertEquals(1, avg.getWidth());
		assertEquals(1, avg.getHeight());
		assertClose(tensor(id + "_avg").data(), values(avg), 1e-6, id + " average");
		assertClose(tensor(id + "_max").data(), values(max), 0, id + " max");
	}

	@Test
	void globalPoolingOf8BitPixelsOnePixelAsLargeAsTheImage() {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(3, 2, new byte[] { 1, 2, 3, 4, 5, (byte) 200 }));
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		final ImagePlus max = LayerCommand.GLOBAL_MAX_POOLING.makeNew(imp, "");
		assertEquals(8, max.getBitDepth());
		assertEquals(200, max.getProcessor().get(0));
		final ImagePlus avg = LayerCommand.GLOBAL_AVERAGE_POOLING.makeNew(imp, "");
		assertEquals(32, avg.getBitDepth());
		assertEquals(215 / 6f, avg.getProcessor().getf(0), 0);
		assertEquals(1.5, avg.getCalibration().pixelWidth, 1e-12);
		assertEquals(1.0, avg.getCalibration().pixelHeight, 1e-12);
		// the pixel's centre is the image's centre, input pixel (1, 0.5): the origin lies 1/3 and 1/4 of it to the left and up
		assertEquals(-1 / 3.0, avg.getCalibration().xOrigin, 1e-12);
		assertEquals(-0.25, avg.getCalibration().yOrigin, 1e-12);
	}

	// --- Group Norm, Instance Norm ---

	@ParameterizedTest
	@CsvSource({ "n01", "n02", "n03", "n05", "n06", "n07", "n08", "n09" })
	void groupAndInstanceNormEqualPyTorch(final String id) throws IOException {
		final Map<String, String> c = fixtureCase("norm", id);
		String options = "eps=" + c.get("eps") + " stack";
		if (c.get("affine").equals("true"))
			options += " weights=[" + safetensors("norm.weight", tensor(id + "_weight"), "norm.bias", tensor(id + "_bias")) + "] tensor=norm";
		final boolean group = c.get("kind").equals("group");
		final LayerCommand command = group ? LayerCommand.GROUP_NORM : LayerCommand.INSTANCE_NORM;
		final ImagePlus result = command.makeNew(image(id + "_input"), options + (group ? " groups=" + c.get("groups") : ""));
		assertEquals(id + "_input-" + (group ? "groupnorm" : "instancenorm"), result.getTitle());
		assertClose(tensor(id + "_output").data(), values(result), 2e-5, id);
	}

	@Test
	void normsWorkOnEveryZOfAHyperstackAndRefuseMismatches() {
		final ImagePlus one = image("n08_input"); // 4 channels
		final ImageStack two = new ImageStack(one.getWidth(), one.getHeight());
		for (int z = 0; z < 2; z++)
			for (int ch = 1; ch <= 4; ch++)
				two.addSlice(one.getStack().getProcessor(ch).duplicate());
		final ImagePlus hyper = new ImagePlus("h", two);
		hyper.setDimensions(4, 2, 1);
		final ImagePlus result = LayerCommand.GROUP_NORM.makeNew(hyper, "groups=2 stack");
		assertEquals(4, result.getNChannels());
		assertEquals(2, result.getNSlices());
		final float[] expected = tensor("n08_output").data();
		final float[] got = values(result);
		assertClose(expected, java.util.Arrays.copyOfRange(got, 0, expected.length), 2e-5, "z 1");
		assertClose(expected, java.util.Arrays.copyOfRange(got, expected.length, 2 * expected.length), 2e-5, "z 2");
		assertEquals("Group Norm: Group norm with 3 groups needs a number of channels divisible by 3, but the image has 4; allowed: " +
			"groups dividing the channels", "Group Norm: " + messageOf(() -> LayerCommand.GROUP_NORM.makeNew(one, "groups=3")));
		assertTrue(messageOf(() -> LayerCommand.INSTANCE_NORM.spec("tensor=norm")).startsWith("Instance Norm: \"tensor\" goes with \"weights\""));
		assertEquals("Group Norm: eps=0 is not allowed; allowed: a number > 0 (PyTorch's default 1e-5)",
			messageOf(() -> LayerCommand.GROUP_NORM.spec("eps=0")));
		final Path w = safetensors("norm.weight", tensor("n05_weight"), "norm.bias", tensor("n05_bias")); // 3 channels
		assertTrue(messageOf(() -> LayerCommand.INSTANCE_NORM.makeNew(one, "weights=[" + w + "] tensor=norm"))
			.startsWith("Instance norm has affine parameters for 3 channels, but the image has 4"));
		final ImagePlus rgb = LayerCommand.INSTANCE_NORM.makeNew(new ImagePlus("rgb", Images.plane(24, 6, 5, 3)), "weights=[" + w + "] tensor=norm");
		assertEquals(3, rgb.getNChannels(), "RGB: R, G, B are the 3 channels");
	}

	// --- Pad ---

	@ParameterizedTest
	@CsvSource({ "p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09", "p10", "p11", "p12", "p13" })
	void padEqualsPyTorchsFPad(final String id) throws IOException {
		final Map<String, String> c = fixtureCase("pad", id);
		final String options = "top=" + c.get("top") + " bottom=" + c.get("bottom") + " left=" + c.get("left") + " right=" + c.get("right") +
			" mode=" + c.get("mode").toUpperCase(java.util.Locale.ROOT) + (c.get("mode").equals("constant") ? " value=" + c.get("value") : "") +
			" stack";
		final ImagePlus result = LayerCommand.PAD.makeNew(image(id + "_input"), options);
		assertEquals(id + "_input-pad", result.getTitle());
		assertClose(tensor(id + "_output").data(), values(result), 0, id);
	}

	@Test
	void padKeeps8BitsUnlessAValueIsAddedAndRefusesBadModes() {
		final ImagePlus imp = new ImagePlus("b", new ByteProcessor(2, 1, new byte[] { 5, 7 }));
		final ImagePlus reflect = LayerCommand.PAD.makeNew(imp, "top=0 bottom=0 left=1 right=1 mode=reflect");
		assertEquals(8, reflect.getBitDepth());
		assertArrayEquals(new byte[] { 7, 5, 7, 5 }, (byte[]) reflect.getProcessor().getPixels());
		final ImagePlus constant = LayerCommand.PAD.makeNew(imp, "top=0 bottom=0 left=1 right=0 mode=constant value=-1.5");
		assertEquals(32, constant.getBitDepth());
		assertArrayEquals(new float[] { -1.5f, 5, 7 }, (float[]) constant.getProcessor().getPixels());
		assertEquals("Pad: Value 2.0 is not allowed with pad mode reflect: only mode constant fills with a value; allowed: value 0, or mode constant",
			messageOf(() -> LayerCommand.PAD.spec("mode=reflect value=2")));
		assertEquals("Pad: Unknown pad mode \"mirror\"; allowed: zero, constant, reflect, replicate, circular",
			messageOf(() -> LayerCommand.PAD.spec("mode=mirror")));
		assertTrue(messageOf(() -> LayerCommand.PAD.makeNew(imp, "left=2 mode=reflect")).startsWith("Pad mode reflect needs padding < the image width"));
	}

	static String messageOf(final org.junit.jupiter.api.function.Executable call) {
		return assertThrows(IllegalArgumentException.class, call).getMessage();
	}
}

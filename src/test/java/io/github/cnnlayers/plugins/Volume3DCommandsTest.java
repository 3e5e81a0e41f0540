package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.WindowManager;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The 3D menu commands (Conv3D..., ConvTranspose3D..., Max/Average/Min Pooling 3D..., Upsample 3D...) run as a macro
 * runs them ({@link NewImageLayerPlugin} with macro options, in a macro-named thread, batch mode) on hyperstacks
 * whose channels are C and slices Z, against PyTorch's numbers: every case of
 * {@code src/test/python/make_3d_fixtures.py} (42: anisotropic kernels, strides, dilations, groups, output padding,
 * ceil, count, the border modes, nearest and trilinear), a Keras-layout kernel, a safetensors state_dict, within
 * 1e-4; calibration after pooling and upsampling; a virtual stack; bad keys.
 */
class Volume3DCommandsTest {

	static Path fixture(final String name) {
		return LearnedLayersTest.fixture("layers3d/" + name);
	}

	static float[] npy(final String name) {
		return WeightFile.read(fixture(name + ".npy"), null).data();
	}

	/** A hyperstack of C channels and D slices (T = 1) from C-order data [C, D, H, W]. */
	static ImagePlus volume(final String title, final float[] data, final int c, final int d, final int h, final int w) {
		final ImageStack s = new ImageStack(w, h);
		for (int z = 0; z < d; z++)
			for (int ch = 0; ch < c; ch++) {
				final float[] plane = new float[w * h];
				System.arraycopy(data, (ch * d + z) * w * h, plane, 0, w * h);
				s.addSlice("c" + (ch + 1) + " z" + (z + 1), new FloatProcessor(w, h, plane));
			}
		final ImagePlus imp = new ImagePlus(title, s);
		imp.setDimensions(c, d, 1);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	/** The voxels of frame {@code t} as C-order [C, D, H, W]. */
	static float[] values(final ImagePlus imp, final int t) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] all = new float[n * imp.getNChannels() * imp.getNSlices()];
		int i = 0;
		for (int c = 1; c <= imp.getNChannels(); c++)
			for (int z = 1; z <= imp.getNSlices(); z++, i++)
				System.arraycopy((float[]) imp.getStack().getProcessor(imp.getStackIndex(c, z, t)).convertToFloat().getPixels(), 0, all,
					i * n, n);
		return all;
	}

	static void assertClose(final float[] expected, final float[] actual, final String what) {
		assertEquals(expected.length, actual.length, what + ": number of values");
		for (int i = 0; i < expected.length; i++)
			if (Float.isNaN(expected[i]))
				assertTrue(Float.isNaN(actual[i]), what + " at " + i + ": NaN expected, got " + actual[i]);
			else
				assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what + " at " + i);
	}

	/**
	 * Runs a command as a macro line does, on {@code imp}; returns the active image after, which is the result.
	 * Fails the test when the command fails.
	 */
	static ImagePlus run(final String argument, final ImagePlus imp, final String options) {
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true;
		final ImagePlus[] active = new ImagePlus[2];
		final Throwable[] failed = new Throwable[1];
		final Thread macro = new Thread(() -> {
			try {
				ij.macro.Interpreter.addBatchModeImage(imp);
				WindowManager.setTempCurrentImage(imp);
				final NewImageLayerPlugin plugin = new NewImageLayerPlugin();
				assertEquals(NewImageLayerPluginFlags.FLAGS, plugin.setup(argument, imp));
				ij.Macro.setOptions(Thread.currentThread(), options);
				assertEquals(NewImageLayerPluginFlags.FLAGS, plugin.showDialog(imp, argument, null), "options accepted: " + options);
				ij.Macro.setOptions(Thread.currentThread(), null);
				plugin.run(imp.getProcessor());
				active[0] = WindowManager.getCurrentImage();
				active[1] = plugin.getResult();
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
			finally {
				ij.Macro.setOptions(Thread.currentThread(), null);
				ij.macro.Interpreter.removeBatchModeImage(imp);
				if (active[1] != null)
					ij.macro.Interpreter.removeBatchModeImage(active[1]);
				WindowManager.setTempCurrentImage(null);
			}
		}, "Run$_" + argument);
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
			throw new AssertionError(argument + " " + options + " failed", failed[0]);
		assertNotNull(active[1], "a result");
		assertSame(active[1], active[0], "the result is the active image");
		return active[1];
	}

	private static List<Map<String, String>> cases(final String layer) throws IOException {
		final List<Map<String, String>> cases = new ArrayList<>();
		for (final String line : Files.readAllLines(fixture(layer + "_cases.txt"), StandardCharsets.UTF_8)) {
			if (line.startsWith("#") || line.trim().isEmpty())
				continue;
			final Map<String, String> keys = new LinkedHashMap<>();
			for (final String kv : line.trim().split(" ")) {
				final int eq = kv.indexOf('=');
				keys.put(kv.substring(0, eq), kv.substring(eq + 1));
			}
			cases.add(keys);
		}
		return cases;
	}

	/** {@code key=N} when the three are equal, else {@code key=[z y x]}: both macro forms. */
	private static String perAxis(final String key, final Map<String, String> c, final String z, final String y, final String x) {
		final String vz = c.get(z), vy = c.get(y), vx = c.get(x);
		return vz.equals(vy) && vy.equals(vx) ? " " + key + "=" + vz : " " + key + "=[" + vz + " " + vy + " " + vx + "]";
	}

	private static int i(final Map<String, String> c, final String key) {
		return Integer.parseInt(c.get(key));
	}

	private static ImagePlus input(final Map<String, String> c, final String channels) {
		return volume(c.get("id"), npy(c.get("id") + "_input"), i(c, channels), i(c, "d"), i(c, "h"), i(c, "w"));
	}

	private static void assertResult(final Map<String, String> c, final ImagePlus source, final ImagePlus result, final int channels,
		final String suffix)
	{
		final String id = c.get("id");
		assertEquals(id + "-" + suffix, result.getTitle());
		assertEquals(channels, result.getNChannels(), id + ": C_out");
		assertEquals(i(c, "od"), result.getNSlices(), id + ": output depth");
		assertEquals(i(c, "oh"), result.getHeight(), id);
		assertEquals(i(c, "ow"), result.getWidth(), id);
		assertEquals(1, result.getNFrames(), id);
		assertClose(npy(id + "_output"), values(result, 1), id);
		assertArrayEquals(npy(id + "_input"), values(source, 1), id + ": the source is unchanged");
	}

	@Test
	void conv3dMatchesPyTorchInEveryCase() throws IOException {
		int n = 0;
		for (final Map<String, String> c : cases("conv")) {
			final String id = c.get("id");
			final ImagePlus imp = input(c, "cin");
			final String options = "weights=[" + fixture(id + "_weight.npy") + "]" + (Boolean.parseBoolean(c.get("bias")) ? " biases=[" +
				fixture(id + "_bias.npy") + "]" : "") + perAxis("stride", c, "sz", "sy", "sx") + perAxis("padding", c, "pz", "py", "px") +
				perAxis("dilation", c, "dz", "dy", "dx") + " groups=" + c.get("groups") + " border=" + c.get("border") + " stack";
			assertResult(c, imp, run("conv3d", imp, options), i(c, "cout"), "conv3d");
			n++;
		}
		assertEquals(11, n);
	}

	@Test
	void convTranspose3dMatchesPyTorchInEveryCase() throws IOException {
		int n = 0;
		for (final Map<String, String> c : cases("convt")) {
			final String id = c.get("id");
			final ImagePlus imp = input(c, "cin");
			final String options = "weights=[" + fixture(id + "_weight.npy") + "]" + (Boolean.parseBoolean(c.get("bias")) ? " biases=[" +
				fixture(id + "_bias.npy") + "]" : "") + perAxis("stride", c, "sz", "sy", "sx") + perAxis("padding", c, "pz", "py", "px") +
				perAxis("output_padding", c, "oz", "oy", "ox") + perAxis("dilation", c, "dz", "dy", "dx") + " groups=" + c.get("groups");
			assertResult(c, imp, run("convtranspose3d", imp, options), i(c, "cout"), "convtranspose3d");
			n++;
		}
		assertEquals(6, n);
	}

	@Test
	void pooling3dMatchesPyTorchInEveryCase() throws IOException {
		int n = 0;
		for (final Map<String, String> c : cases("pool")) {
			final String mode = c.get("mode");
			final ImagePlus imp = input(c, "c");
			final String options = perAxis("size", c, "kz", "ky", "kx").trim() + perAxis("stride", c, "sz", "sy", "sx") +
				perAxis("padding", c, "pz", "py", "px") + (Boolean.parseBoolean(c.get("ceil")) ? " ceil" : "") +
				(mode.equals("average") && Boolean.parseBoolean(c.get("count")) ? " count" : "");
			final String suffix = mode.equals("average") ? "avgpool3d" : mode + "pool3d";
			assertResult(c, imp, run(mode + " pooling 3d", imp, options), i(c, "c"), suffix);
			n++;
		}
		assertEquals(14, n);
	}

	@Test
	void upsample3dMatchesPyTorchInEveryCase() throws IOException {
		int n = 0;
		for (final Map<String, String> c : cases("upsample")) {
			final ImagePlus imp = input(c, "c");
			final String sz = c.get("sz"), sy = c.get("sy"), sx = c.get("sx");
			final String options = (sz.equals(sy) && sy.equals(sx) ? "scale=" + sz : "scale=[" + sz + " " + sy + " " + sx + "]") + " mode=" +
				c.get("mode") + (c.get("align").equals("true") ? " align_corners" : "");
			assertResult(c, imp, run("upsample 3d", imp, options), i(c, "c"), "upsample3d");
			n++;
		}
		assertEquals(11, n);
	}

	@Test
	void kerasConv3dKernelIsReadInItsLayout() {
		final Map<String, String> c = new LinkedHashMap<>();
		c.put("id", "c_groups");
		c.put("d", "6");
		c.put("h", "5");
		c.put("w", "6");
		final ImagePlus imp = volume("c_groups", npy("c_groups_input"), 4, 6, 5, 6);
		final ImagePlus result = run("conv3d", imp, "weights=[" + fixture("keras3d.h5") + "] tensor=conv3d_1 groups=2 stride=[2 1 1] " +
			"padding=1");
		assertEquals(6, result.getNChannels());
		assertClose(npy("c_groups_output"), values(result, 1), "Keras Conv3D [kd, kh, kw, C_in/g, C_out]");
	}

	@Test
	void aChainOfCommandsWithSafetensorsMatchesPyTorch() {
		final ImagePlus imp = volume("m3d", npy("m3d_input"), 2, 4, 6, 5);
		final String weights = fixture("m3d.safetensors").toString();
		final ImagePlus enc = run("conv3d", imp, "weights=[" + weights + "] tensor=enc.0 padding=[0 1 1]");
		assertClose(npy("m3d_enc0"), values(enc, 1), "enc.0 with its bias enc.0.bias");
		final ImagePlus pool = run("max pooling 3d", enc, "size=[1 2 2]");
		assertClose(npy("m3d_pool"), values(pool, 1), "max pooling 1 2 2 (stride = size)");
		final ImagePlus up = run("upsample 3d", pool, "scale=[1 2 2] mode=Trilinear");
		assertClose(npy("m3d_upsample"), values(up, 1), "trilinear 1 2 2");
		final ImagePlus out = run("convtranspose3d", up, "weights=[" + weights + "] tensor=up.0 stride=[1 2 2]");
		assertEquals(2, out.getNChannels());
		assertEquals(4, out.getNSlices());
		assertClose(npy("m3d_chain"), values(out, 1), "up.0");
	}

	@Test
	void everyFrameIsOneSampleAndStackChangesNothing() {
		final float[] x = npy("p_max_input"); // [1, 2, 4, 6, 8]
		final float[] y = npy("p_max_output"); // [1, 2, 2, 3, 4]
		final ImageStack s = new ImageStack(8, 6);
		for (int t = 0; t < 2; t++) // frame 2 holds the negated input: its max pooling is the min pooling of the input
			for (int z = 0; z < 4; z++)
				for (int c = 0; c < 2; c++) {
					final float[] plane = new float[48];
					for (int k = 0; k < 48; k++)
						plane[k] = (t == 0 ? 1 : -1) * x[(c * 4 + z) * 48 + k];
					s.addSlice(new FloatProcessor(8, 6, plane));
				}
		final ImagePlus imp = new ImagePlus("two frames", s);
		imp.setDimensions(2, 4, 2);
		imp.setOpenAsHyperStack(true);
		final ImagePlus max = run("max pooling 3d", imp, "size=2 stack");
		assertEquals(2, max.getNFrames());
		assertClose(y, values(max, 1), "frame 1");
		final ImagePlus min = run("min pooling 3d", imp, "size=2");
		final float[] minOfNegated = values(min, 2);
		for (int k = 0; k < minOfNegated.length; k++)
			minOfNegated[k] = -minOfNegated[k];
		assertClose(y, minOfNegated, "frame 2: min(-x) = -max(x)");
	}

	@Test
	void voxelSizeAndOriginFollowTheStrideAndScale() {
		final ImagePlus imp = volume("cal", npy("p_max_aniso_input"), 2, 3, 7, 6);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.25;
		cal.pixelDepth = 2;
		cal.setUnit("mm");
		final ImagePlus pooled = run("max pooling 3d", imp, "size=[2 2 2] stride=[2 2 1]");
		final Calibration p = pooled.getCalibration();
		assertEquals(0.5, p.pixelWidth, 1e-12, "stride 1 along x");
		assertEquals(0.5, p.pixelHeight, 1e-12, "stride 2 along y");
		assertEquals(4, p.pixelDepth, 1e-12, "stride 2 along z");
		assertEquals("mm", p.getUnit());
		// output voxel 0 is centred on input 0.5 along each axis: calibrated 0.25 (x), 0.125 (y), 1 (z)
		assertEquals(0.25, p.getX(0), 1e-12);
		assertEquals(0.125, p.getY(0), 1e-12);
		assertEquals(1, p.getZ(0), 1e-12);
		final ImagePlus up = run("upsample 3d", pooled, "scale=[2 2 1] mode=nearest");
		final Calibration u = up.getCalibration();
		assertEquals(0.5, u.pixelWidth, 1e-12);
		assertEquals(0.25, u.pixelHeight, 1e-12);
		assertEquals(2, u.pixelDepth, 1e-12, "scale 2 along z halves the voxel depth");
		assertEquals(2, up.getNSlices(), "1 slice x 2");
		assertEquals(cal.pixelDepth, imp.getCalibration().pixelDepth, 0, "the source keeps its calibration");
	}

	@Test
	void maxPoolingKeepsTheTypeAverageIs32Bit() {
		final ImageStack s = new ImageStack(4, 2);
		for (int z = 0; z < 2; z++) {
			final ByteProcessor b = new ByteProcessor(4, 2);
			for (int k = 0; k < 8; k++)
				b.set(k, 10 * z + k);
			s.addSlice(b);
		}
		final ImagePlus imp = new ImagePlus("bytes", s);
		final ImagePlus max = run("max pooling 3d", imp, "size=2");
		assertEquals(8, max.getBitDepth());
		assertEquals(1, max.getNSlices());
		assertArrayEquals(new byte[] { 15, 17 }, (byte[]) max.getStack().getPixels(1), "max of each 2x2x2 block");
		final ImagePlus avg = run("average pooling 3d", imp, "size=2");
		assertEquals(32, avg.getBitDepth());
		assertArrayEquals(new float[] { 7.5f, 9.5f }, (float[]) avg.getStack().getPixels(1), 0f);
	}

	@Test
	void aVirtualStackIsReadPlaneByPlane(@org.junit.jupiter.api.io.TempDir final Path dir) {
		final float[] x = npy("p_avg_input"); // [1, 2, 4, 6, 8]
		final VirtualStack vs = new VirtualStack(8, 6, null, dir.toString());
		for (int z = 0; z < 4; z++)
			for (int c = 0; c < 2; c++) {
				final float[] plane = new float[48];
				System.arraycopy(x, (c * 4 + z) * 48, plane, 0, 48);
				final String name = "plane" + z + "_" + c + ".tif";
				assertTrue(new FileSaver(new ImagePlus(name, new FloatProcessor(8, 6, plane))).saveAsTiff(dir.resolve(name).toString()));
				vs.addSlice(name);
			}
		final ImagePlus imp = new ImagePlus("virtual", vs);
		imp.setDimensions(2, 4, 1);
		assertTrue(imp.getStack().isVirtual());
		final ImagePlus avg = run("average pooling 3d", imp, "size=2 stride=2 padding=0 count");
		assertClose(npy("p_avg_output"), values(avg, 1), "average pooling of a virtual stack");
	}

	/** A 5 x 5 x 5 volume of f(x, y, z) per channel, C = 2 (channel 2 is -f). */
	private static ImagePlus function(final F f) {
		final float[] data = new float[2 * 125];
		for (int c = 0; c < 2; c++)
			for (int z = 0; z < 5; z++)
				for (int y = 0; y < 5; y++)
					for (int x = 0; x < 5; x++)
						data[((c * 5 + z) * 5 + y) * 5 + x] = (c == 0 ? 1 : -1) * f.at(x, y, z);
		return volume("f", data, 2, 5, 5, 5);
	}

	/** A function of a voxel's position. */
	private interface F {

		float at(int x, int y, int z);
	}

	@Test
	void typedKernelsAndPresetsAreAppliedToEveryChannel() {
		// a ramp 3x + 5y + 7z: the Sobel along each axis is 32 (sum of the 1 2 1 smoothings, 4 x 4 = 16, times the step 2)
		// times its slope wherever the window is inside (no padding: 3 x 3 x 3 output)
		final ImagePlus ramp = function((x, y, z) -> 3 * x + 5 * y + 7 * z);
		final float[][] slopes = { { 3, 0 }, { 5, 1 }, { 7, 2 } };
		final String[] presets = { "sobel x", "Sobel Y", "SOBEL z" };
		for (int a = 0; a < 3; a++) {
			final ImagePlus r = run("conv3d", ramp, "preset=[" + presets[a] + "]");
			assertEquals(2, r.getNChannels(), "one output per channel");
			assertEquals(3, r.getNSlices());
			final float[] v = values(r, 1);
			for (int i = 0; i < v.length; i++)
				assertEquals((i < 27 ? 1 : -1) * 32 * slopes[a][0], v[i], 1e-3, presets[a] + " at " + i);
		}
		// the Laplacian of x^2 + y^2 + z^2 is 6 everywhere; the mean of a ramp is the ramp at the centre
		final float[] lap = values(run("conv3d", function((x, y, z) -> x * x + y * y + z * z), "preset=laplacian"), 1);
		for (int i = 0; i < lap.length; i++)
			assertEquals(i < 27 ? 6 : -6, lap[i], 1e-3, "laplacian at " + i);
		final float[] mean = values(run("conv3d", ramp, "preset=[mean 3x3x3] padding=[0 1 0]"), 1);
		assertEquals(2 * 3 * 5 * 3, mean.length, "padding 0 1 0: depth 3, height 5, width 3");
		assertEquals(3 * 1 + 5 * 2 + 7 * 1, mean[(0 * 5 + 2) * 3], 1e-4, "the centre's value: (1, 2, 1)");
		// a typed kernel: planes separated by a blank line; 3 x 1 x 1 (0, -1, 1): the z after next minus the next
		final float[] dz = values(run("conv3d", ramp, "kernel=[0\n\n-1\n\n1]"), 1);
		assertEquals(2 * 3 * 25, dz.length);
		assertEquals(7, dz[0], 0);
		assertEquals(-7, dz[dz.length - 1], 0);
		final String ragged = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("kernel=[1 2 3\n\n1]"))
			.getMessage();
		assertTrue(ragged.startsWith("Conv3D: Plane 2 of the 3D kernel is 1 x 1 but plane 1 is 1 x 3"), ragged);
		final String both = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("weights=[" +
			fixture("m3d.safetensors") + "] tensor=enc.0 preset=laplacian")).getMessage();
		assertTrue(both.contains("both given"), both);
		final String preset = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("preset=sobel")).getMessage();
		assertTrue(preset.contains("sobel x, sobel y, sobel z, laplacian, mean 3x3x3"), preset);
	}

	@Test
	void badKeysAreRefusedNamingTheKeyAndTheAllowedForms() {
		final String weights = fixture("m3d.safetensors").toString();
		final IllegalArgumentException twoNumbers = assertThrows(IllegalArgumentException.class,
			() -> LayerCommand.MAX_POOLING_3D.spec("size=[1 2]"));
		assertEquals("Max Pooling 3D: size=[1 2] is not allowed; allowed: one number for all three axes or three in z y x order " +
			"(size=[1 2 2]), each a whole number >= 1", twoNumbers.getMessage());
		final String fraction = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("weights=[" + weights +
			"] tensor=enc.0 stride=[1 1.5 1]")).getMessage();
		assertTrue(fraction.startsWith("Conv3D: stride=[1 1.5 1] is not allowed; allowed: one whole number"), fraction);
		final String text = assertThrows(IllegalArgumentException.class, () -> LayerCommand.UPSAMPLE_3D.spec("scale=[1 two 2]"))
			.getMessage();
		assertTrue(text.contains("scale=[1 two 2]") && text.contains("z y x"), text);
		final String mode = assertThrows(IllegalArgumentException.class, () -> LayerCommand.UPSAMPLE_3D.spec("mode=bilinear")).getMessage();
		assertTrue(mode.startsWith("Upsample 3D: mode=bilinear is not allowed; allowed: nearest, trilinear"), mode);
		final String align = assertThrows(IllegalArgumentException.class, () -> LayerCommand.UPSAMPLE_3D.spec("align_corners"))
			.getMessage();
		assertTrue(align.startsWith("Upsample 3D: align_corners is not allowed with mode nearest"), align);
		final String unknown = assertThrows(IllegalArgumentException.class, () -> LayerCommand.MAX_POOLING_3D.spec("count")).getMessage();
		assertTrue(unknown.contains("count"), unknown);
		final String tooMuch = assertThrows(IllegalArgumentException.class, () -> LayerCommand.MAX_POOLING_3D.spec("size=2 padding=[0 2 1]"))
			.getMessage();
		assertTrue(tooMuch.startsWith("Max Pooling 3D: "), tooMuch);
		final String noWeights = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("stride=1")).getMessage();
		assertTrue(noWeights.startsWith("Conv3D needs weights=[file]"), noWeights);
		final String plane = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.spec("weights=[" +
			LearnedLayersTest.fixture("readers/state_dict.safetensors") + "] tensor=features.0")).getMessage();
		assertTrue(plane.contains("5-D"), plane);
		final String keras = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV_TRANSPOSE3D.spec("weights=[" +
			fixture("keras3d.h5") + "] tensor=conv3d_1")).getMessage();
		assertTrue(keras.startsWith("ConvTranspose3D reads PyTorch's layout"), keras);
	}

	@Test
	void aFailedCommandLeavesTheSourceUnchanged() {
		final ImagePlus imp = volume("small", npy("p_max_input"), 2, 4, 6, 8);
		final float[] before = values(imp, 1);
		final String message = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.makeNew(imp, "weights=[" +
			fixture("m3d.safetensors") + "] tensor=enc.0 dilation=[1 9 1]")).getMessage();
		assertTrue(message.startsWith("Conv3D"), message);
		final String channels = assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.makeNew(
			volume("one channel", new float[4 * 6 * 8], 1, 4, 6, 8), "weights=[" + fixture("m3d.safetensors") + "] tensor=enc.0")).getMessage();
		assertTrue(channels.contains("channel"), channels);
		assertArrayEquals(before, values(imp, 1));
		assertNull(WindowManager.getImage("small-conv3d"));
	}

	/** The flags the plugin returns when it goes on. */
	private static final class NewImageLayerPluginFlags {

		static final int FLAGS = ij.plugin.filter.PlugInFilter.DOES_ALL | ij.plugin.filter.PlugInFilter.NO_CHANGES |
			ij.plugin.filter.PlugInFilter.NO_UNDO;
	}

}

package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The new layers' macro lines in a real ImageJ with the built jar installed: Pad, Upsample, ELU, GELU, SiLU,
 * Softmax, Global Average and Max Pooling, Group Norm, Instance Norm and ConvTranspose2D chained on small images,
 * checked against values computed by hand here.
 */
class NewLayersMacroIT {

	private static Map<String, String> lines(final String out) {
		final Map<String, String> m = new HashMap<>();
		for (final String line : out.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0)
				m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return m;
	}

	private static void assertValues(final double[] expected, final String printed, final double tolerance, final String what) {
		final String[] t = printed.trim().split("\\s+");
		assertEquals(expected.length, t.length, what + ": " + printed);
		for (int i = 0; i < t.length; i++)
			assertEquals(expected[i], Double.parseDouble(t[i]), tolerance, what + " value " + i + ": " + printed);
	}

	@Test
	void theNewMacroLinesChainInARealImageJ() throws Exception {
		final String weight = Paths.get(getClass().getResource("/fixtures/new_layers/t03_weight.npy").toURI()).toString();
		final float w = io.github.cnnlayers.weights.WeightFile.read(Paths.get(weight), null).data()[0]; // a 1 x 1 x 1 x 1 kernel
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"function dump(key) { s = ''; for (z = 1; z <= nSlices; z++) { setSlice(z); for (y = 0; y < getHeight(); y++) for (x = 0; x < getWidth(); x++) s = s + d2s(getPixel(x, y), 7) + ' '; } print(key + '=' + s); print(key + 'title=' + getTitle() + ' ' + getWidth() + ' ' + getHeight() + ' ' + bitDepth()); }",
			"newImage('row', '32-bit black', 3, 1, 1); setPixel(0, 0, -1); setPixel(1, 0, 0); setPixel(2, 0, 2);",
			"run('Pad...', 'top=0 bottom=0 left=2 right=1 mode=reflect value=0 stack'); dump('pad');",
			"run('Upsample...', 'scale=2 mode=nearest stack'); dump('up');",
			"selectImage('row'); run('Duplicate...', 'title=e'); run('ELU...', 'alpha=1 stack'); dump('elu');",
			"selectImage('row'); run('Duplicate...', 'title=g'); run('GELU', 'stack'); dump('gelu');",
			"selectImage('row'); run('Duplicate...', 'title=s'); run('SiLU', 'stack'); dump('silu');",
			"selectImage('row'); run('Global Average Pooling', 'stack'); dump('gap');",
			"selectImage('row'); run('Global Max Pooling', 'stack'); dump('gmp');",
			"selectImage('row'); run('Group Norm...', 'groups=1 eps=1e-5 stack'); dump('gn');",
			"newImage('two', '32-bit black', 1, 1, 2, 1, 1); Stack.setChannel(1); setPixel(0, 0, 0); Stack.setChannel(2); setPixel(0, 0, log(3));",
			"run('Softmax', 'stack'); dump('softmax');",
			"selectImage('row'); run('Instance Norm...', 'eps=1e-5 stack'); dump('in');",
			"selectImage('row'); run('ConvTranspose2D...', 'weights=[" + weight.replace("\\", "\\\\") + "] stride=2 padding=0 output_padding=1 dilation=1 groups=1 stack'); dump('convt');");
		final Map<String, String> m = lines(RealImageJ.runMacro(macro, null, Duration.ofSeconds(180)));
		assertValues(new double[] { 2, 0, -1, 0, 2, 0 }, m.get("pad"), 0, "reflect: c b | a b c | b");
		assertEquals("row-pad 6 1 32", m.get("padtitle"));
		assertValues(new double[] { 2, 2, 0, 0, -1, -1, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, -1, -1, 0, 0, 2, 2, 0, 0 }, m.get("up"), 0, "nearest x2");
		assertEquals("row-pad-upsample 12 2 32", m.get("uptitle"));
		assertValues(new double[] { Math.expm1(-1), 0, 2 }, m.get("elu"), 1e-7, "ELU");
		assertValues(new double[] { -0.158655254, 0, 1.954499736 }, m.get("gelu"), 1e-7, "GELU = x * Phi(x)");
		assertValues(new double[] { -1 / (1 + Math.E), 0, 2 / (1 + Math.exp(-2)) }, m.get("silu"), 1e-7, "SiLU");
		assertValues(new double[] { 1 / 3.0 }, m.get("gap"), 1e-7, "mean");
		assertEquals("row-globalavgpool 1 1 32", m.get("gaptitle"));
		assertValues(new double[] { 2 }, m.get("gmp"), 0, "max");
		final double var = (Math.pow(-1 - 1 / 3.0, 2) + Math.pow(1 / 3.0, 2) + Math.pow(2 - 1 / 3.0, 2)) / 3;
		final double sd = Math.sqrt(var + 1e-5);
		assertValues(new double[] { (-1 - 1 / 3.0) / sd, (-1 / 3.0) / sd, (2 - 1 / 3.0) / sd }, m.get("gn"), 1e-6, "group norm, one group");
		assertEquals("row-groupnorm 3 1 32", m.get("gntitle"));
		assertValues(new double[] { 0.25, 0.75 }, m.get("softmax"), 1e-7, "softmax of (0, ln 3)");
		assertEquals(m.get("gn"), m.get("in"), "one channel: instance norm = group norm of one group");
		assertEquals("row-instancenorm 3 1 32", m.get("intitle"));
		// 1 x 1 kernel, stride 2, output padding 1: each input at 2x, zeros between (no bias): (3 - 1)*2 + 1 + 1 = 6 wide, 2 high
		assertValues(new double[] { -w, 0, 0, 0, 2 * w, 0, 0, 0, 0, 0, 0, 0 }, m.get("convt"), 1e-7, "transposed 1x1 stride 2");
		assertEquals("row-convtranspose2d 6 2 32", m.get("convttitle"));
	}

	@Test
	void theDecoderBlockMacroEqualsTheCommandsRunInJava() throws Exception {
		final java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("decoder");
		final String out = RealImageJ.runMacroFile(Paths.get("macros", "decoder_block.ijm"), dir.toString());
		org.junit.jupiter.api.Assertions.assertTrue(out.contains("decoder_block: cell_decoder 1100x1320 32-bit"), out);
		final ij.ImagePlus saved = ij.IJ.openImage(dir.resolve("cell_decoder.tif").toString());
		ij.ImagePlus x = io.github.cnnlayers.pipeline.Samples.image("cell");
		x = io.github.cnnlayers.layers.LayerCommand.PAD.makeNew(x, "top=1 bottom=1 left=1 right=1 mode=reflect stack");
		x = io.github.cnnlayers.layers.LayerCommand.CONV2D.makeNew(x, "preset=edge padding=0 stack");
		x = io.github.cnnlayers.layers.LayerCommand.INSTANCE_NORM.makeNew(x, "eps=1e-5 stack");
		io.github.cnnlayers.layers.LayerCommand.GELU.applyInPlace(x, "stack");
		x = io.github.cnnlayers.layers.LayerCommand.UPSAMPLE.makeNew(x, "scale=2 mode=bilinear stack");
		org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) x.getProcessor().getPixels(), (float[]) saved.getProcessor().getPixels());
	}
}

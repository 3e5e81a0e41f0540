package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Run Network... by its macro line in a real ImageJ with the built jar: the main job's U-Net on cell.png gives
 * PyTorch's output (the fixture of {@code make_cell_unet.py}) within 1e-4, the result is the active image, the
 * Log says the image was padded; then a model file that is not one stops the macro.
 */
class RunNetworkIT {

	@TempDir
	Path dir;

	@Test
	void theCellUNetByItsMacroLineThenABadModelStopsTheMacro() throws Exception {
		final Path output = dir.resolve("unet.tif");
		final Path bad = dir.resolve("notes.onnx");
		java.nio.file.Files.write(bad, "not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		final String macro = String.join("\n",
			"setBatchMode(true);",
			"title = call('io.github.cnnlayers.pipeline.Samples.open', 'cell');",
			"model = call('io.github.cnnlayers.pipeline.Samples.model', 'cell_unet');",
			"run('Run Network...', 'model=[' + model + '] tile=0');",
			"getDimensions(w, h, c, z, t); print('dims=' + w + ' ' + h + ' ' + c + ' ' + z + ' ' + t);",
			"print('title=' + getTitle() + ' bits=' + bitDepth());",
			"print('log=' + getInfo('log'));",
			"saveAs('Tiff', '" + output + "');",
			"run('Run Network...', 'model=[" + bad + "]');",
			"print('after bad model');");
		final Path file = dir.resolve("run_network.ijm");
		java.nio.file.Files.write(file, macro.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		final String out = RealImageJ.runJava(RealImageJ.Install.standard(), MacroErrorDriver.class.getName(),
			java.util.Collections.singletonList(file.toString()), Duration.ofSeconds(240));
		assertTrue(out.contains("dims=550 660 1 1 1"), out);
		assertTrue(out.contains("title=cell-network bits=32"), out);
		assertTrue(out.contains("padded by reflection"), out);
		assertFalse(out.contains("after bad model"), out);
		assertTrue(out.contains("notes.onnx is not an ONNX model"), out);
		final ImagePlus result = IJ.openImage(output.toString());
		assertNotNull(result);
		final float[] actual = (float[]) result.getProcessor().getPixels();
		final float[] expected = WeightFile.read(Paths.get("src/test/resources/fixtures/cell_unet/output.npy"), null).data();
		assertEquals(expected.length, actual.length);
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
		assertTrue(max < 1e-4, "largest difference from PyTorch: " + max);
	}
}

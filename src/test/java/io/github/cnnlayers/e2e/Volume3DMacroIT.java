package io.github.cnnlayers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The 3D commands in a real ImageJ with the built jar installed: {@code macros/volume_layers.ijm} runs Conv3D, Max
 * Pooling 3D, Upsample 3D and ConvTranspose3D (z y x keys, a safetensors state_dict) on a 2-channel, 4-slice TIFF
 * hyperstack; its saved result equals PyTorch's (the fixture {@code m3d_chain} of
 * {@code src/test/python/make_3d_fixtures.py}) within 1e-4, and the printed voxel sizes follow the pooling and
 * the upsampling.
 */
class Volume3DMacroIT {

	private static Path fixture(final String name) throws Exception {
		return Paths.get(Volume3DMacroIT.class.getResource("/fixtures/layers3d/" + name).toURI());
	}

	@Test
	void theVolumeMacroMatchesPyTorchInARealImageJ(@TempDir final Path dir) throws Exception {
		final float[] x = WeightFile.read(fixture("m3d_input.npy"), null).data(); // [1, 2, 4, 6, 5]
		final ImageStack s = new ImageStack(5, 6);
		for (int z = 0; z < 4; z++)
			for (int c = 0; c < 2; c++) {
				final float[] plane = new float[30];
				System.arraycopy(x, (c * 4 + z) * 30, plane, 0, 30);
				s.addSlice(new FloatProcessor(5, 6, plane));
			}
		final ImagePlus in = new ImagePlus("vol", s);
		in.setDimensions(2, 4, 1);
		in.setOpenAsHyperStack(true);
		in.getCalibration().pixelWidth = 0.5;
		in.getCalibration().pixelHeight = 0.5;
		in.getCalibration().pixelDepth = 2;
		in.getCalibration().setUnit("mm");
		final Path input = dir.resolve("vol.tif");
		final Path output = dir.resolve("result.tif");
		assertTrue(new FileSaver(in).saveAsTiffStack(input.toString()));
		final String out = RealImageJ.runMacroFile(Paths.get("macros", "volume_layers.ijm"), "in=" + input + " weights=" +
			fixture("m3d.safetensors") + " out=" + output);
		assertTrue(out.contains("vol-conv3d: 5 x 6 x 4, 3 channels, voxel 0.5 x 0.5 x 2 mm"), out);
		assertTrue(out.contains("vol-conv3d-maxpool3d: 2 x 3 x 4, 3 channels, voxel 1 x 1 x 2 mm"), out);
		assertTrue(out.contains("vol-conv3d-maxpool3d-upsample3d: 4 x 6 x 4, 3 channels, voxel 0.5 x 0.5 x 2 mm"), out);
		assertTrue(out.contains("vol-conv3d-maxpool3d-upsample3d-convtranspose3d: 8 x 12 x 4, 2 channels, voxel 0.25 x 0.25 x 2 mm"), out);
		assertTrue(Files.isRegularFile(output), out);
		final ImagePlus result = IJ.openImage(output.toString());
		assertNotNull(result);
		assertEquals(2, result.getNChannels());
		assertEquals(4, result.getNSlices());
		final float[] expected = WeightFile.read(fixture("m3d_chain.npy"), null).data(); // [1, 2, 4, 12, 8]
		final int n = 8 * 12;
		for (int c = 0; c < 2; c++)
			for (int z = 0; z < 4; z++) {
				final float[] px = (float[]) result.getStack().getProcessor(result.getStackIndex(c + 1, z + 1, 1)).getPixels();
				for (int i = 0; i < n; i++) {
					final float e = expected[(c * 4 + z) * n + i];
					assertEquals(e, px[i], 1e-4 * Math.max(1, Math.abs(e)), "c" + c + " z" + z + " at " + i);
				}
			}
	}
}

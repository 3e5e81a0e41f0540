package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.cnnlayers.weights.WeightFile;

/**
 * Group Norm 3D..., Instance Norm 3D..., Global Average Pooling 3D and Global Max Pooling 3D run as a macro runs them,
 * against PyTorch's numbers on 5-D tensors: the fixtures of {@code src/test/python/make_volume_norm_fixtures.py}
 * (group norm of 1, 2 and 3 groups with and without affine parameters, a depth of 1, instance norm, global average
 * and max pooling with NaN), within 1e-4; the affine weight and bias given as a {@code .npz} state_dict.
 */
class VolumeNormCommandsTest {

	private static Path fixture(final String name) {
		return LearnedLayersTest.fixture("volume-norm/" + name);
	}

	private static float[] npy(final String name) {
		return WeightFile.read(fixture(name + ".npy"), null).data();
	}

	private static int i(final Map<String, String> c, final String key) {
		return Integer.parseInt(c.get(key));
	}

	/** Writes {@code norm.weight} and {@code norm.bias} of a case into a .npz. */
	private static Path npz(final Path dir, final String id) throws IOException {
		final Path f = dir.resolve(id + ".npz");
		try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (final String part : new String[] { "weight", "bias" }) {
				zip.putNextEntry(new ZipEntry("norm." + part + ".npy"));
				zip.write(Files.readAllBytes(fixture(id + "_" + part + ".npy")));
				zip.closeEntry();
			}
		}
		return f;
	}

	@Test
	void everyNormAndGlobalPoolingCaseMatchesPyTorch(@TempDir final Path dir) throws IOException {
		int n = 0;
		for (final String line : Files.readAllLines(fixture("cases.txt"), StandardCharsets.UTF_8)) {
			if (line.startsWith("#") || line.trim().isEmpty())
				continue;
			final Map<String, String> c = new LinkedHashMap<>();
			for (final String kv : line.trim().split(" "))
				c.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
			final String id = c.get("id");
			final String kind = c.get("kind");
			final String argument;
			String options = "stack";
			switch (kind) {
				case "group":
				case "instance":
					argument = kind + " norm 3d";
					options = "eps=" + c.get("eps") + (kind.equals("group") ? " groups=" + c.get("groups") : "") +
						(Boolean.parseBoolean(c.get("affine")) ? " weights=[" + npz(dir, id) + "] tensor=norm" : "");
					break;
				case "global":
					if (c.get("mode").equals("sum"))
						continue; // no command sums
					argument = "global " + c.get("mode") + " pooling 3d";
					break;
				default:
					continue; // batch norm: the 2D command with stack (per voxel) is BatchNorm3d already
			}
			final ImagePlus imp = Volume3DCommandsTest.volume(id, npy(id + "_input"), i(c, "c"), i(c, "d"), i(c, "h"), i(c, "w"));
			final ImagePlus out = Volume3DCommandsTest.run(argument, imp, options);
			assertEquals(i(c, "c"), out.getNChannels(), id);
			Volume3DCommandsTest.assertClose(npy(id + "_output"), Volume3DCommandsTest.values(out, 1), id);
			assertArrayEquals(npy(id + "_input"), Volume3DCommandsTest.values(imp, 1), id + ": the source is unchanged");
			n++;
		}
		assertEquals(10, n, "6 norms and 4 global poolings");
	}

	@Test
	void globalPoolingGivesOneVoxelAsLargeAsTheVolume() {
		final ImagePlus imp = Volume3DCommandsTest.volume("v", npy("gp_avg_input"), 3, 4, 5, 6);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.pixelDepth = 2;
		final ImagePlus out = Volume3DCommandsTest.run("global average pooling 3d", imp, "stack");
		assertEquals("v-globalavgpool3d", out.getTitle());
		assertEquals(1, out.getWidth());
		assertEquals(1, out.getNSlices());
		assertEquals(3, out.getCalibration().pixelWidth, 1e-12, "6 voxels of 0.5");
		assertEquals(8, out.getCalibration().pixelDepth, 1e-12, "4 slices of 2");
		assertEquals(1.25, out.getCalibration().getX(0), 1e-12, "centred: (6 - 1) / 2 voxels of 0.5");
		assertEquals(3, out.getCalibration().getZ(0), 1e-12, "centred: (4 - 1) / 2 slices of 2");
	}
}

package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * A one-level U-Net with a skip connection (Concat) and a residual (Add), written as a steps file, gives
 * PyTorch's output (the fixture of {@code src/test/python/make_unet_steps_fixture.py}) within 1e-5, through the
 * pipeline and through the command line's {@code --steps}.
 */
class UNetStepsTest {

	private static final Path FIXTURE = Paths.get("src/test/resources/fixtures/unet_steps");

	@TempDir
	Path dir;

	private static List<String> steps() throws Exception {
		final String weights = FIXTURE.resolve("unet.safetensors").toAbsolutePath().toString();
		final List<String> lines = new ArrayList<>();
		for (final String line : Files.readAllLines(FIXTURE.resolve("unet.txt"), StandardCharsets.UTF_8))
			lines.add(line.replace("WEIGHTS", weights));
		return lines;
	}

	private static ImagePlus input() {
		final Tensor x = WeightFile.read(FIXTURE.resolve("input.npy"), null);
		final int h = x.dim(2), w = x.dim(3);
		final ImageStack s = new ImageStack(w, h);
		for (int c = 0; c < x.dim(1); c++) {
			final float[] px = new float[w * h];
			System.arraycopy(x.data(), c * w * h, px, 0, w * h);
			s.addSlice(new FloatProcessor(w, h, px));
		}
		final ImagePlus imp = new ImagePlus("x", s);
		imp.setDimensions(x.dim(1), 1, 1);
		return imp;
	}

	private static void assertPyTorch(final float[] actual) {
		final float[] expected = WeightFile.read(FIXTURE.resolve("output.npy"), null).data();
		assertEquals(expected.length, actual.length);
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(expected[i] - actual[i]));
		assertTrue(max < 1e-5, "largest difference from PyTorch: " + max);
	}

	@Test
	void theStepsGivePyTorchsOutput() throws Exception {
		final Pipeline p = Pipeline.parse(CommandLine.steps("unet.txt", steps()));
		final List<FeatureMap> r = p.run(input(), "x");
		assertEquals(11, r.size());
		assertEquals(8, r.get(6).image().getNChannels(), "Concat @6 @2: 4 + 4 channels");
		assertPyTorch((float[]) r.get(10).image().getProcessor().getPixels());
	}

	@Test
	void theCommandLineRunsTheStepsFile() throws Exception {
		final Path steps = dir.resolve("unet.txt");
		Files.write(steps, steps(), StandardCharsets.UTF_8);
		final Path in = dir.resolve("x.tif");
		final ImagePlus imp = input();
		imp.setOpenAsHyperStack(true);
		assertTrue(new FileSaver(imp).saveAsTiff(in.toString()));
		final Run run = Run.of("--input", in.toString(), "--steps", steps.toString(), "--output", dir.resolve("out").toString());
		assertEquals(0, run.code, run.toString());
		final String[] names = dir.resolve("out").toFile().list((d, n) -> n.endsWith(".tif"));
		String last = null;
		for (final String n : names)
			if (last == null || n.length() > last.length())
				last = n;
		final ImagePlus out = IJ.openImage(dir.resolve("out").resolve(last).toString());
		assertPyTorch((float[]) out.getProcessor().getPixels());
	}
}

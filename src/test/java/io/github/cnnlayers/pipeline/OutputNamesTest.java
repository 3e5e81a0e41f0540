package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Output names are unique within a run (issue 20 item 2): no result is written over another's file. */
class OutputNamesTest {

	@TempDir
	Path dir;

	/** A 32-bit 4x2 TIFF: -10 on the left half, 10 on the right. */
	static File signedTiff(final File file) {
		final FloatProcessor fp = new FloatProcessor(4, 2, new float[] { -10, -10, 10, 10, -10, -10, 10, 10 });
		assertTrue(new FileSaver(new ImagePlus("a", fp)).saveAsTiff(file.getPath()));
		return file;
	}

	private static List<String> sorted(final File folder) {
		final String[] names = folder.list();
		final List<String> list = names == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(names));
		Collections.sort(list);
		return list;
	}

	@Test
	void twoBranchesWithOneCommandGetTheirStepNumbersAndBothResultsAreKept() {
		final File in = signedTiff(dir.resolve("a.tif").toFile());
		final File out = dir.resolve("out").toFile();
		final Run r = Run.of("--input", in.getPath(), "--output", out.getPath(), "--step", "Leaky ReLU... alpha=0.1", "--step",
			"@0 Leaky ReLU... alpha=0.5");
		assertEquals(0, r.code, r.toString());
		assertEquals(Arrays.asList("a_leakyrelu_step1.png", "a_leakyrelu_step1.tif", "a_leakyrelu_step2.png", "a_leakyrelu_step2.tif",
			"a_montage.png"), sorted(out));
		assertTrue(r.out.contains("Wrote 5 files to "), r.out);
		assertTrue(r.out.contains("  a_leakyrelu_step1.tif  a_leakyrelu_step1.png\n  a_leakyrelu_step2.tif  a_leakyrelu_step2.png\n"), r.out);
		// -10 * alpha: each file holds its own step's result
		assertEquals(-1f, IJ.openImage(new File(out, "a_leakyrelu_step1.tif").getPath()).getProcessor().getf(0, 0), 1e-6f);
		assertEquals(-5f, IJ.openImage(new File(out, "a_leakyrelu_step2.tif").getPath()).getProcessor().getf(0, 0), 1e-6f);
		assertEquals(10f, IJ.openImage(new File(out, "a_leakyrelu_step2.tif").getPath()).getProcessor().getf(3, 1), 1e-6f);
	}

	@Test
	void twoInputsWhoseChainsMeetGetDifferentNames() {
		final File in = dir.resolve("in").toFile();
		assertTrue(in.mkdir());
		final ByteProcessor one = new ByteProcessor(3, 3);
		one.setValue(1);
		one.fill();
		final ByteProcessor seven = new ByteProcessor(3, 3);
		seven.setValue(7);
		seven.fill();
		assertTrue(new FileSaver(new ImagePlus("a", one)).saveAsTiff(new File(in, "a.tif").getPath()));
		assertTrue(new FileSaver(new ImagePlus("a_relu", seven)).saveAsTiff(new File(in, "a_relu.tif").getPath()));
		final File out = dir.resolve("out").toFile();
		final Run r = Run.of("--input", in.getPath(), "--output", out.getPath(), "ReLU", "ReLU");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("Wrote 10 files to "), r.out);
		assertEquals(Arrays.asList("a_montage.png", "a_relu.png", "a_relu.tif", "a_relu_montage.png", "a_relu_relu.png", "a_relu_relu.tif",
			"a_relu_relu_2.png", "a_relu_relu_2.tif", "a_relu_relu_2_relu.png", "a_relu_relu_2_relu.tif"), sorted(out));
		assertEquals(1, IJ.openImage(new File(out, "a_relu_relu.tif").getPath()).getProcessor().get(1, 1), "a.tif's second step");
		assertEquals(7, IJ.openImage(new File(out, "a_relu_relu_2.tif").getPath()).getProcessor().get(1, 1), "a_relu.tif's first step");
	}

	@Test
	void shippedNamesStayWhereNothingCollides() {
		assertEquals(Arrays.asList("cell_conv2d", "cell_conv2d_relu", "cell_conv2d_leakyrelu", "cell_conv2d_leakyrelu_maxpooling"),
			OutputNames.of(DemoPipeline.pipeline(), "cell").maps());
		assertEquals("cell_montage", OutputNames.of(DemoPipeline.pipeline(), "cell").montage());
		final List<List<OutputNames>> demo = OutputNames.plan(Arrays.asList("cell"), Arrays.asList(DemoPipeline.pipeline(),
			DemoPipeline.learnedEdges()), Arrays.asList("", "_learned"));
		assertEquals("cell_learned_montage", demo.get(0).get(1).montage());
		assertTrue(demo.get(0).get(1).maps().get(0).startsWith("cell_learned_"));
	}

	@Test
	void everyFileOfARunHasItsOwnNameWhateverTheBranches() {
		// two Sobels from @0, each with a ReLU, a third Leaky ReLU on @0, pooling of the first ReLU: rule 2 only where shared
		final Pipeline p = Pipeline.parse("Conv2D... preset=[sobel x]", "@0 Conv2D... preset=[sobel y]", "@1 ReLU", "@2 ReLU",
			"@0 Leaky ReLU...", "@3 Max Pooling...");
		final OutputNames n = OutputNames.of(p, "a");
		assertEquals(Arrays.asList("a_conv2d_step1", "a_conv2d_step2", "a_conv2d_step1_relu", "a_conv2d_step2_relu", "a_leakyrelu",
			"a_conv2d_step1_relu_maxpooling"), n.maps());
		final List<String> inputs = Arrays.asList("a", "a_conv2d_step1", "a_leakyrelu", "b");
		final Set<String> all = new HashSet<>();
		int files = 0;
		for (final OutputNames o : OutputNames.plan(inputs, p)) {
			all.addAll(o.fileNames());
			files += o.fileNames().size();
		}
		assertEquals(files, all.size(), "no file name twice in the run");
		assertEquals(4 * 13, files);
	}
}

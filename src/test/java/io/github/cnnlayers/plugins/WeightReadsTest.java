package io.github.cnnlayers.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.layers.WeightCache;
import io.github.cnnlayers.pipeline.Step;

/**
 * A learned layer reads its weight file once per command in a macro, once per pipeline run however many
 * images it processes, and once per dialog session however many times the fields change — and again when
 * the file changes. Counted by the reads the weight cache makes.
 */
class WeightReadsTest {

	private static ImagePlus image(final float value) {
		return new ImagePlus("x", new FloatProcessor(4, 3, new float[] { value, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
	}

	@Test
	void aMacroCommandReadsItsWeightsOnce() throws Exception {
		final Path weights = WeightFiles.npy(new float[] { 3f }, 1, 1, 1, 1);
		final ImagePlus imp = image(0);
		final NewImageLayerPlugin plugin = new NewImageLayerPlugin();
		final boolean batch = ij.macro.Interpreter.batchMode;
		ij.macro.Interpreter.batchMode = true;
		final Throwable[] failed = new Throwable[1];
		final long before = WeightCache.reads();
		final Thread macro = new Thread(() -> {
			try {
				plugin.setup("conv2d", imp);
				ij.Macro.setOptions(Thread.currentThread(), "weights=[" + weights + "]");
				plugin.showDialog(imp, "Conv2D...", null);
				ij.Macro.setOptions(Thread.currentThread(), null);
				plugin.run(imp.getProcessor());
			}
			catch (final Throwable t) {
				failed[0] = t;
			}
		}, "Run$_weights read once");
		macro.start();
		macro.join();
		ij.macro.Interpreter.batchMode = batch;
		assertNull(failed[0]);
		assertEquals(1, WeightCache.reads() - before, "reads of the weight file");
		assertEquals(3 * 5f, ((float[]) plugin.getResult().getProcessor().getPixels())[5], 0);
	}

	@Test
	void aPipelineStepReadsItsWeightsOncePerRun() throws Exception {
		final Path weights = WeightFiles.npy(new float[] { 2f }, 1, 1, 1, 1);
		final long before = WeightCache.reads();
		final Step step = Step.parse(1, "Conv2D... weights=[" + weights + "]");
		for (int i = 0; i < 3; i++)
			assertEquals(2 * 4f, ((float[]) step.run(image(i), "x" + i).image().getProcessor().getPixels())[4], 0);
		step.describe();
		step.caption();
		assertEquals(1, WeightCache.reads() - before, "reads of the weight file for three images, a description and a caption");
	}

	@Test
	void aDialogSessionReadsAFileOnceUntilItChanges() throws Exception {
		final Path weights = WeightFiles.npy(new float[] { 2f }, 1, 1, 1, 1);
		final long before = WeightCache.reads();
		// each change of a field makes a spec from the dialog's options
		for (final String stride : new String[] { "1", "2", "1", "3" })
			LayerCommand.CONV2D.spec("weights=[" + weights + "] stride=" + stride);
		assertEquals(1, WeightCache.reads() - before, "one read for four field changes");
		// the file is replaced (new size and time): read again, and the new weights are used
		final Path other = WeightFiles.npy(new float[] { 5f, 7f }, 2, 1, 1, 1);
		Files.copy(other, weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Files.setLastModifiedTime(weights, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
		final ImagePlus result = LayerCommand.CONV2D.makeNew(image(0), "weights=[" + weights + "]");
		assertEquals(2, WeightCache.reads() - before, "a changed file is read again");
		assertEquals(2, result.getNChannels());
		assertArrayEquals(new float[] { 5, 7 }, new float[] { ((float[]) result.getStack().getPixels(1))[1],
			((float[]) result.getStack().getPixels(2))[1] }, "the new weights times pixel value 1");
	}
}

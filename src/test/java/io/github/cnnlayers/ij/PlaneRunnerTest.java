package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;

class PlaneRunnerTest {

	private static final io.github.cnnlayers.core.Layer BLUR = (
		new Conv2D(Kernel.parse("1 2 1\n2 4 2\n1 2 1"), 1, 1, 1, 1, 0, BorderMode.REPLICATE));

	private static FloatProcessor plane(final int seed) {
		final FloatProcessor fp = new FloatProcessor(12, 9);
		for (int i = 0; i < 12 * 9; i++)
			fp.setf(i, (i * 31 + seed * 17) % 23);
		return fp;
	}

	@Test
	void virtualStacksAreReadPlaneByPlaneWithTheSameResult(@TempDir final Path dir) {
		final ImageStack memory = new ImageStack(12, 9);
		final VirtualStack virtual = new VirtualStack(12, 9, null, dir.toString() + File.separator);
		for (int i = 1; i <= 3; i++) {
			final FloatProcessor fp = plane(i);
			memory.addSlice("p" + i, fp);
			final String name = "p" + i + ".tif";
			assertTrue(new FileSaver(new ImagePlus(name, fp)).saveAsTiff(dir.resolve(name).toString()));
			virtual.addSlice(name);
		}
		final ImagePlus fromMemory = PlaneRunner.run(new ImagePlus("m", memory), true, BLUR, "blur", null, null);
		final ImagePlus fromDisk = PlaneRunner.run(new ImagePlus("v", virtual), true, BLUR, "blur", null, null);
		assertEquals(3, fromDisk.getStackSize());
		for (int i = 1; i <= 3; i++)
			assertArrayEquals((float[]) fromMemory.getStack().getPixels(i), (float[]) fromDisk.getStack().getPixels(i), "plane " + i);
	}

	@Test
	void progressIsToldPerPlaneAndCancelDiscardsTheResult() {
		final ImageStack stack = new ImageStack(12, 9);
		for (int i = 1; i <= 4; i++)
			stack.addSlice(plane(i));
		final ImagePlus imp = new ImagePlus("s", stack);
		final List<String> progress = new ArrayList<>();
		final ImagePlus done = PlaneRunner.run(imp, true, BLUR, "test", (d, t) -> progress.add(d + "/" + t), () -> false);
		assertEquals(4, done.getStackSize());
		assertEquals("[1/4, 2/4, 3/4, 4/4]", progress.toString());
		final AtomicInteger asked = new AtomicInteger();
		// Esc after the second plane: no result at all
		assertNull(PlaneRunner.run(imp, true, BLUR, "test", null, () -> asked.incrementAndGet() > 2));
		assertEquals(3, asked.get());
	}
}

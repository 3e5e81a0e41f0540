package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** The 3D commands as pipeline steps: the same labels and keys (z y x in brackets) as the macros. */
class Volume3DStepsTest {

	@Test
	void aMaxPooling3DStepPoolsTheVolume() {
		final ImageStack s = new ImageStack(4, 2);
		for (int z = 0; z < 2; z++) {
			final float[] px = new float[8];
			for (int i = 0; i < 8; i++)
				px[i] = 10 * z + i;
			s.addSlice(new FloatProcessor(4, 2, px));
		}
		final ImagePlus volume = new ImagePlus("v", s);
		final Step step = Step.parse(1, "Max Pooling 3D... size=[2 1 2]");
		assertEquals("Max Pooling 3D...", step.label());
		final ImagePlus out = step.run(volume, "v").image();
		assertEquals(1, out.getNSlices(), "depth 2 pooled by 2");
		assertEquals(2, out.getWidth());
		assertEquals(2, out.getHeight(), "size 1 along y");
		assertArrayEquals(new float[] { 11, 13, 15, 17 }, (float[]) out.getStack().getPixels(1), 0f, "the max over z and pairs along x");
		assertEquals("maxpooling3d", step.fileSuffix());
	}
}

package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;

/** The 3D SciJava commands: per-axis parameters as text, z y x; a bad one cancels with the menu command's message. */
class Volume3DCommandsScriptTest extends CommandTestBase {

	@Test
	void upsample3DTakesZyxScalesAsText() throws Exception {
		final ImagePlus imp = floatStack("v", 2, 1, 2, 1, 2); // planes (1 2) and (2 4)
		imp.setDimensions(1, 2, 1);
		final ImagePlus out = result(Upsample3DCommand.class, "input", imp, "scale", "1 1 2");
		assertEquals("v-upsample3d", out.getTitle());
		assertEquals(2, out.getNSlices());
		assertEquals(4, out.getWidth());
		assertArrayEquals(new float[] { 1, 1, 2, 2 }, plane(out, 1), 0);
		assertArrayEquals(new float[] { 2, 2, 4, 4 }, plane(out, 2), 0);
	}

	@Test
	void maxPooling3DDefaultsAndABadSizeCancels() throws Exception {
		final ImagePlus imp = floatStack("p", 2, 2, 2, 1, 2, 3, 4); // planes 1..4 and 2..8
		imp.setDimensions(1, 2, 1);
		final ImagePlus out = result(MaxPooling3DCommand.class, "input", imp);
		assertArrayEquals(new float[] { 8 }, plane(out, 1), 0, "size 2 along every axis by default");
		assertCanceled(run(MaxPooling3DCommand.class, "input", imp, "size", "2 2"),
			"Max Pooling 3D: size=[2 2] is not allowed; allowed: one number for all three axes or three in z y x order (size=[1 2 2]), " +
				"each a whole number >= 1");
	}
}

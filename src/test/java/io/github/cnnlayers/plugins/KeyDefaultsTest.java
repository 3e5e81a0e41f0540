package io.github.cnnlayers.plugins;

import io.github.cnnlayers.layers.Key;
import io.github.cnnlayers.layers.LayerCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * A key left out of a macro line means its registry default (the README's command table and the dialog
 * show it): the options readers hold their own literal defaults, so every command is run once with no
 * options and once with every default written out, and must give the same pixels (or the same error).
 */
class KeyDefaultsTest {

	private static ImagePlus image() {
		final Random r = new Random(4);
		final FloatProcessor fp = new FloatProcessor(41, 29);
		for (int i = 0; i < 41 * 29; i++)
			fp.setf(i, (float) r.nextGaussian() * 10);
		return new ImagePlus("x", fp);
	}

	/** @return for a 3D command a stack of 4 such planes (a volume deep enough for its default 2-voxel windows), else {@link #image()} */
	private static ImagePlus image(final LayerCommand command) {
		if (!command.label().contains("3D"))
			return image();
		final ij.ImageStack s = new ij.ImageStack(41, 29);
		for (int z = 0; z < 4; z++)
			s.addSlice(image().getProcessor());
		return new ImagePlus("x", s);
	}

	/** @return every key with a default, written out as a macro would, e.g. {@code stride=1 padding=[same]} */
	private static String explicitDefaults(final LayerCommand command) {
		final StringBuilder sb = new StringBuilder();
		for (final Key k : command.keys()) {
			final String d = k.macroDefault();
			if (d == null || d.isEmpty() || k.kind() == Key.Kind.FLAG && !Boolean.parseBoolean(d))
				continue;
			sb.append(k.name()).append(k.kind() == Key.Kind.FLAG ? "" : "=[" + d + "]").append(' ');
		}
		return sb.toString().trim();
	}

	private static Object run(final LayerCommand command, final String options) {
		final ImagePlus imp = image(command);
		try {
			if (command.inPlace()) {
				command.applyInPlace(imp, options);
				return imp.getProcessor().getPixels();
			}
			return command.makeNew(imp, options).getStack().getPixels(1);
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	@Test
	void leavingKeysOutEqualsWritingTheirDefaults() {
		int computed = 0;
		for (final LayerCommand command : LayerCommand.values()) {
			final String explicit = explicitDefaults(command);
			final Object implicit = run(command, "");
			final Object written = run(command, explicit);
			if (implicit instanceof float[]) {
				assertTrue(written instanceof float[], command + " with \"" + explicit + "\": " + written);
				assertArrayEquals((float[]) implicit, (float[]) written, command + " with \"" + explicit + "\"");
				computed++;
			}
			else
				assertEquals(implicit, written, command + " with \"" + explicit + "\"");
		}
		// all but Batch Norm, ConvTranspose2D, Conv3D and ConvTranspose3D, which need a weight file, computed something
		assertEquals(LayerCommand.values().length - 4, computed);
		assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV3D.makeNew(image(LayerCommand.CONV3D), ""));
		assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV_TRANSPOSE3D.makeNew(image(LayerCommand.CONV3D), ""));
		assertThrows(IllegalArgumentException.class, () -> LayerCommand.BATCH_NORM.makeNew(image(), ""));
		assertThrows(IllegalArgumentException.class, () -> LayerCommand.CONV_TRANSPOSE2D.makeNew(image(), ""));
	}
}

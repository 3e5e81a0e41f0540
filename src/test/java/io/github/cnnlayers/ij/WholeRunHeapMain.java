package io.github.cnnlayers.ij;

import java.util.Arrays;
import java.util.Collections;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.Tiling;

/**
 * Run in a JVM of its own with a small heap by {@link WholeRunHeapTest}: Run Network with tile=0 of
 * {@link TiledHeapMain#model()} over an 8-bit image of the side given; prints the plan's peak ("PLAN: "), then
 * "WHOLE: completed", "WHOLE: " and the refusal, or "OUT OF MEMORY", and whether the source's pixels are unchanged.
 */
public final class WholeRunHeapMain {

	private WholeRunHeapMain() {}

	/** @param args the image's side */
	public static void main(final String[] args) {
		final int side = Integer.parseInt(args[0]);
		final byte[] px = new byte[side * side];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) (i * 31 % 251);
		final byte[] before = px.clone();
		final ImagePlus imp = new ImagePlus("big", new ByteProcessor(side, side, px));
		final Shape shape = new Shape(1, side, side);
		System.out.println("PLAN: " + TiledHeapMain.model().network(shape).plan(Collections.singletonList(shape)).peakBytes());
		try {
			ModelRunner.run(imp, TiledHeapMain.model(), "out", false, Tiling.WHOLE, null, null);
			System.out.println("WHOLE: completed");
		}
		catch (final IllegalArgumentException e) {
			System.out.println("WHOLE: " + e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			System.out.println("OUT OF MEMORY");
		}
		System.out.println("SOURCE UNCHANGED: " + (imp.getProcessor().getPixels() == px && Arrays.equals(before, px)));
		System.exit(0);
	}
}

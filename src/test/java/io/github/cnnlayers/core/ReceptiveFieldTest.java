package io.github.cnnlayers.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/**
 * A layer's receptive field against what it computes: changing one input pixel changes exactly the
 * output pixels whose {@code inputRange} holds it (with a kernel of no zero weight), for convolutions with
 * strides, paddings and dilations, and pooling.
 */
class ReceptiveFieldTest {

	private static float[] run(final PlaneLayer layer, final float[] in, final int w) {
		final long[] out = layer.outputSize(w, 1);
		final float[] o = new float[(int) out[0]];
		layer.compute(ArrayImgs.floats(in.clone(), w, 1), ArrayImgs.floats(o, out[0], 1));
		return o;
	}

	@Test
	void anInputPixelReachesExactlyTheOutputsWhoseRangeHoldsIt() {
		final Random rnd = new Random(4);
		final int w = 23;
		final PlaneLayer[] layers = {
			Conv2D.perPlane(new Kernel(3, 1, new float[] { 1, 2, 3 })).padding(0, 1).build(),
			Conv2D.perPlane(new Kernel(3, 1, new float[] { 1, -2, 3 })).stride(2).padding(0, 2).dilation(2).build(),
			Conv2D.perPlane(new Kernel(5, 1, new float[] { 1, 2, 3, 4, 5 })).stride(3).build(),
			new Pool2D(PoolingMode.AVERAGE, 3, 2, 1, false, false) };
		for (final PlaneLayer layer : layers) {
			final ReceptiveField f = layer.receptiveField();
			final float[] in = new float[w];
			for (int i = 0; i < w; i++)
				in[i] = rnd.nextFloat() + 1;
			final float[] before = run(layer, in, w);
			for (int x = 0; x < w; x++) {
				final float[] changed = in.clone();
				changed[x] += 10;
				final float[] after = run(layer, changed, w);
				for (int o = 0; o < before.length; o++) {
					final long[] range = f.inputRange(0, o, o);
					// a dilated kernel reads every D-th pixel of its range; a pooling window reads all of it
					final int step = layer instanceof Conv2D ? ((Conv2D) layer).dilation() : 1;
					final boolean reads = x >= range[0] && x <= range[1] && (x - range[0]) % step == 0;
					assertEquals(reads, before[o] != after[o],
						f + ": input " + x + ", output " + o + ", range " + range[0] + ".." + range[1]);
				}
			}
		}
		// a tile of outputs [2, 5] of a 3-wide kernel, stride 2, padding 1 needs inputs 2*2-1 = 3 to 5*2-1+2 = 11
		final long[] tile = new ReceptiveField(3, 3, 2, 1, 1).inputRange(1, 2, 5);
		assertEquals(3, tile[0]);
		assertEquals(11, tile[1]);
		assertEquals(0.0, new ReceptiveField(3, 3, 2, 1, 1).centreX(), 0, "the centre of output 0 is input 0");
	}
}

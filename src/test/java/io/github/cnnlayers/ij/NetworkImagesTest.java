package io.github.cnnlayers.ij;

import io.github.cnnlayers.core.ConvWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;

/**
 * A network over ImageJ images: every (z, t) a sample, the channels (RGB: R, G, B) its C, the result a
 * 32-bit hyperstack; checked against the same layers run by {@link PlaneRunner}, the menu commands' path.
 */
class NetworkImagesTest {

	private static Conv2D conv3to2() {
		final float[] w = new float[2 * 3 * 9];
		for (int i = 0; i < w.length; i++)
			w[i] = (i % 7 - 3) / 4f;
		return Conv2D.learned(new ConvWeights(w, 2, 3, 3, 3, new float[] { 0.5f, -1 }, "conv"), "conv").padding(1).build();
	}

	@Test
	void anRgbStackRunsSampleBySampleAsTheLayersDo() {
		final int w = 9, h = 7;
		final ImageStack s = new ImageStack(w, h);
		for (int z = 0; z < 2; z++) {
			final ColorProcessor cp = new ColorProcessor(w, h);
			for (int i = 0; i < w * h; i++)
				cp.set(i, ((i * 37 + z * 11) % 256) << 16 | ((i * 13 + 5) % 256) << 8 | (i * 71 + z) % 256);
			s.addSlice(cp);
		}
		final ImagePlus rgb = new ImagePlus("rgb.png", s);
		rgb.getCalibration().pixelWidth = 0.5;
		rgb.getCalibration().pixelHeight = 0.25;
		final Conv2D conv = conv3to2();
		final Pool2D pool = new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false);
		final Network net = Network.builder().input("x").add("conv", Operation.of(conv, "Conv2D"), "x")
			.add("pool", Operation.of(pool, "Max Pooling"), "conv").output("pool").build();
		final List<Integer> steps = new ArrayList<>();
		final ImagePlus result = NetworkImages.image(rgb,
			NetworkImages.run(rgb, net, "pool", (sample, samples, node, nodes) -> steps.add(sample * 10 + node), null), "network");
		assertEquals(java.util.Arrays.asList(11, 12, 21, 22), steps);
		final ImagePlus expected = PlaneRunner.run(PlaneRunner.run(rgb, true, conv, "conv", null, null), true, pool, "pool", null, null);
		assertEquals("rgb-network", result.getTitle());
		assertEquals(2, result.getNChannels());
		assertEquals(2, result.getNSlices());
		assertEquals(32, result.getBitDepth());
		assertEquals(4, result.getWidth());
		assertEquals(3, result.getHeight());
		assertEquals(expected.getStackSize(), result.getStackSize());
		for (int p = 1; p <= expected.getStackSize(); p++)
			assertArrayEquals((float[]) expected.getStack().getPixels(p), (float[]) result.getStack().getPixels(p), "plane " + p);
		assertEquals(0.5 * 9 / 4, result.getCalibration().pixelWidth, 1e-12);
		assertEquals(0.25 * 7 / 3, result.getCalibration().pixelHeight, 1e-12);
	}

	@Test
	void signed16BitValuesAreCalibratedAndTheSourceIsNeverChanged() {
		final ShortProcessor sp = new ShortProcessor(3, 1);
		sp.set(0, 32768 - 5);
		sp.set(1, 32768);
		sp.set(2, 32768 + 7);
		final ImagePlus imp = new ImagePlus("s16", sp);
		imp.getCalibration().setSigned16BitCalibration();
		final FeatureMaps f = NetworkImages.sample(imp, 1, 1);
		assertArrayEquals(new float[] { -5, 0, 7 }, f.plane(0));
		assertArrayEquals(new short[] { (short) 32763, (short) 32768, (short) 32775 }, (short[]) sp.getPixels());
	}

	@Test
	void aWrongChannelCountNamesTheNodeAndBothCountsAndEscStops() {
		final ImagePlus gray = new ImagePlus("g", new ij.process.FloatProcessor(5, 5));
		final Network net = Network.builder().input("x").add("conv", Operation.of(conv3to2(), "Conv2D"), "x").build();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> NetworkImages.run(gray, net, "conv", null, null));
		assertTrue(e.getMessage().startsWith("Node \"conv\" (Conv2D): ") && e.getMessage().contains("3") && e.getMessage().contains("1"),
			e.getMessage());
		final ImagePlus rgb = new ImagePlus("c", new ColorProcessor(5, 5));
		assertThrows(CancellationException.class, () -> NetworkImages.run(rgb, net, "conv", null, () -> true));
	}
}

package io.github.cnnlayers.ij;

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
import ij.process.FloatProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.network.UNets;

/** Run Network in tiles over ImageJ images: the same pixels as whole, progress per tile, a stop between tiles. */
class TiledModelRunnerTest {

	private static ImagePlus stack(final int w, final int h, final int planes) {
		final ImageStack s = new ImageStack(w, h);
		for (int p = 0; p < planes; p++) {
			final float[] px = new float[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = (float) Math.sin(i % w * 0.1 + p) + (i * 31 % 17) / 17f;
			s.addSlice(new FloatProcessor(w, h, px));
		}
		return new ImagePlus("s", s);
	}

	@Test
	void aStackPaddedToFitGivesTheWholeRunsPixelsAndReportsEachTile() {
		final NetworkModel model = UNets.model(3, 3, 1, UNets.Up.BILINEAR, BorderMode.REFLECT);
		final ImagePlus imp = stack(150, 101, 2); // fitted: 152 x 104
		final ImagePlus whole = ModelRunner.run(imp, model, "out", true, Tiling.WHOLE, null, null).image();
		final List<String> seen = new ArrayList<>();
		final ModelRunner.Result tiled = ModelRunner.run(imp, model, "out", true, Tiling.parse("64"), new NetworkImages.Progress() {

			@Override
			public void step(final int sample, final int samples, final int node, final int nodes) {
				seen.add("node");
			}

			@Override
			public void tile(final int sample, final int samples, final int tile, final int tiles) {
				seen.add(sample + "/" + samples + ":" + tile + "/" + tiles);
			}
		}, null);
		assertTrue(tiled.note().contains("run in 6 tiles of 64 x 64") && tiled.note().contains("padded by reflection"), tiled.note());
		assertEquals("1/2:1/6", seen.get(0));
		assertEquals("2/2:6/6", seen.get(seen.size() - 1));
		assertEquals(12, seen.size());
		assertEquals(whole.getStackSize(), tiled.image().getStackSize());
		for (int i = 1; i <= whole.getStackSize(); i++)
			assertArrayEquals((float[]) whole.getStack().getPixels(i), (float[]) tiled.image().getStack().getPixels(i), "plane " + i);
	}

	@Test
	void escBetweenTilesStopsAndMakesNothing() {
		final NetworkModel model = UNets.model(2, 2, 1, UNets.Up.NEAREST, BorderMode.ZERO);
		final int[] tiles = { 0 };
		assertThrows(CancellationException.class, () -> ModelRunner.run(stack(256, 256, 1), model, "out", false, Tiling.parse("64"),
			new NetworkImages.Progress() {

				@Override
				public void step(final int sample, final int samples, final int node, final int nodes) {}

				@Override
				public void tile(final int sample, final int samples, final int tile, final int all) {
					tiles[0] = tile;
				}
			}, () -> tiles[0] >= 2));
		assertEquals(2, tiles[0]);
	}
}

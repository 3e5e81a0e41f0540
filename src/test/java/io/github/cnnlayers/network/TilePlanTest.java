package io.github.cnnlayers.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.GlobalPooling;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.GroupNorm;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.ReceptiveField;
import io.github.cnnlayers.core.Softmax;

class TilePlanTest {

	/** Over many networks, image sizes and tile sizes: origins aligned, regions inside, cores covering the output once. */
	@Test
	void everyPlanIsAlignedAndCoversTheOutputExactlyOnce() {
		final Random random = new Random(18);
		int plans = 0;
		for (int depth = 1; depth <= 4; depth++)
			for (final UNets.Up up : UNets.Up.values()) {
				// 1 feature doubled per level: up to depth 3 at most 8 channels, every convolution direct (outputBlock 1),
				// alignment 2^depth; at depth 4 the deepest level's 16 -> 16 convolution computes Winograd's 4 x 4
				// tiles on a 16th of the image: 4 * 16
				final NetworkModel model = UNets.model(depth, 1, 1, up, BorderMode.ZERO);
				final long a = depth == 4 ? 64 : 1L << depth;
				for (int trial = 0; trial < 12; trial++) {
					final long w = a * (1 + random.nextInt(300 / (int) a)), h = a * (1 + random.nextInt(300 / (int) a));
					final long tile = 1 + random.nextInt(200);
					final Shape in = new Shape(1, w, h);
					final TilePlan plan = TilePlan.of(model, model.network(in), in, "out", tile);
					assertEquals(a, plan.alignment(0), "alignment of depth " + depth);
					assertEquals(a, plan.alignment(1));
					assertEquals((tile + a - 1) / a * a, plan.tileSize(0));
					final int[] covered = new int[(int) (w * h)];
					for (final TilePlan.Tile t : plan.tiles()) {
						final Region r = t.input();
						assertEquals(0, r.x() % a, "tile " + t + " of " + w + " x " + h + ", tile " + tile);
						assertEquals(0, r.y() % a, "tile " + t);
						assertTrue(r.x() + r.width() <= w && r.y() + r.height() <= h, "input region inside: " + t);
						assertTrue(r.width() % a == 0 && r.height() % a == 0, "a size the network takes: " + t);
						final Region c = t.core();
						assertTrue(c.x() >= r.x() && c.x() + c.width() <= r.x() + r.width(), "core inside the input region: " + t);
						assertTrue(t.coreX() == c.x() - r.x() && t.coreY() == c.y() - r.y());
						for (long y = c.y(); y < c.y() + c.height(); y++)
							for (long x = c.x(); x < c.x() + c.width(); x++)
								covered[(int) (y * w + x)]++;
					}
					for (int i = 0; i < covered.length; i++)
						assertEquals(1, covered[i], "pixel " + i % w + ", " + i / w + " of " + w + " x " + h + " with tile " + tile);
					plans++;
				}
			}
		assertEquals(4 * 3 * 12, plans);
	}

	@Test
	void theHaloReachesTheReceptiveField() {
		// depth 2, two 3x3 convolutions per level: along the deepest path an output pixel reaches, per side, 2 input pixels
		// for each pair of convolutions at level 0, 4 at level 1, 8 at level 2: 2 + 4 + 8 + 4 + 2 = 20
		final NetworkModel model = UNets.model(2, 2, 1, UNets.Up.NEAREST, BorderMode.ZERO);
		final Shape in = new Shape(1, 256, 64);
		final TilePlan plan = TilePlan.of(model, model.network(in), in, "out", 64);
		final TilePlan.Tile second = plan.tiles().get(1);
		assertEquals(64, second.core().x());
		// at most: 20, the pools' windows (1 + 2 pixels), the upsamplings' (< 1 each) and the rounding to 4 (< 4)
		assertTrue(64 - second.input().x() >= 20, "halo " + (64 - second.input().x()));
		assertTrue(64 - second.input().x() < 20 + 3 + 2 + 4, "halo " + (64 - second.input().x()));
	}

	@Test
	void aLayersOutputBlockJoinsTheAlignment() {
		final Layer blocky = new Layer() {

			@Override
			public long[] outputSize(final long width, final long height) {
				return new long[] { width, height };
			}

			@Override
			public ReceptiveField receptiveField() {
				return ReceptiveField.POINT;
			}

			@Override
			public int outputBlock() {
				return 3;
			}

			@Override
			public <S extends net.imglib2.type.numeric.RealType<S>, T extends net.imglib2.type.numeric.RealType<T>> void compute(
				final java.util.List<? extends net.imglib2.RandomAccessibleInterval<S>> inputs,
				final java.util.List<? extends net.imglib2.RandomAccessibleInterval<T>> outputs)
			{
				Activation.relu().compute(inputs, outputs);
			}
		};
		final Network u = UNets.build(2, 2, 1, UNets.Up.NEAREST, BorderMode.ZERO);
		final Network.Builder b = Network.builder().input("x").add("blocks", Operation.of(blocky, "Blocky"), "x");
		final Network net = b.build();
		assertEquals(3, TilePlan.alignment(net, new Shape(1, 30, 30))[0]);
		assertEquals(4, TilePlan.alignment(u, new Shape(1, 32, 32))[0]);
	}

	@Test
	void winogradBlocksMultiplyTheAlignmentOfTheLevelsThatUseThem() {
		// 32 features: the second convolution of every level has >= 16 channels both ways and computes 4 x 4 Winograd
		// blocks on its output; at level 2 (4 input pixels per output pixel) a block starts every 16 input pixels
		final Network u = UNets.build(2, 32, 1, UNets.Up.NEAREST, BorderMode.ZERO);
		assertEquals(16, TilePlan.alignment(u, new Shape(1, 32, 32))[0]);
		assertEquals(16, TilePlan.alignment(u, new Shape(1, 32, 32))[1]);
		// 4 features: 4, 8, 16 channels: only level 2's second convolution (16 -> 16) is Winograd's
		assertEquals(16, TilePlan.alignment(UNets.build(2, 4, 1, UNets.Up.NEAREST, BorderMode.ZERO), new Shape(1, 32, 32))[0]);
		// 2 features: at most 8 channels, all direct
		assertEquals(4, TilePlan.alignment(UNets.build(2, 2, 1, UNets.Up.NEAREST, BorderMode.ZERO), new Shape(1, 32, 32))[0]);
	}

	@Test
	void perSampleStatisticsAndGlobalPoolingAreRefusedNamingTheNode() {
		final Shape in = new Shape(2, 32, 32);
		final Network norm = Network.builder().input("x").add("c", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("norm1", Operation.of(GroupNorm.instanceNorm(1e-5, null, null), "Instance Norm"), "c").build();
		final NotTileableException e = assertThrows(NotTileableException.class, () -> TilePlan.alignment(norm, in));
		assertTrue(e.getMessage().contains("\"norm1\" (Instance Norm)") && e.getMessage().contains("statistics per sample"), e.getMessage());
		final Network global = Network.builder().input("x").add("gap", Operation.of(new GlobalPooling(GlobalPoolingMode.AVERAGE), "Global Pooling"), "x")
			.build();
		assertTrue(assertThrows(NotTileableException.class, () -> TilePlan.alignment(global, in)).getMessage().contains("\"gap\""));
		final Network corners = Network.builder().input("x").add("up", Operation.of(io.github.cnnlayers.core.Upsample.pytorch(2, 2,
			io.github.cnnlayers.core.Interpolation.BILINEAR, true), "Upsample"), "x").build();
		assertTrue(assertThrows(NotTileableException.class, () -> TilePlan.alignment(corners, in)).getMessage().contains(
			"\"up\" (Upsample): it computes its whole output as one block"));
		final Network softmax = Network.builder().input("x").add("p", Operation.of(new Softmax(), "Softmax"), "x").build();
		assertEquals(1, TilePlan.alignment(softmax, in)[0], "softmax over channels is point-wise");
	}
}

package io.github.cnnlayers.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.core.Pool3D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Pool2D;

/** The network model on volumes: {@link Shape#volume}, {@link FeatureMaps} of volumes, 3D, per-voxel and merge operations. */
class VolumeNetworkTest {

	/** A volume's shape prints C x D x H x W, a plane's keeps C x H x W; they differ even at depth 1. */
	@Test
	void shapes() {
		assertEquals("16 x 8 x 64 x 32", Shape.volume(16, 32, 64, 8).toString());
		assertEquals("16 x 64 x 32", new Shape(16, 32, 64).toString());
		assertEquals(1, new Shape(16, 32, 64).depth());
		assertFalse(new Shape(2, 3, 4).isVolume());
		assertFalse(new Shape(2, 3, 4).equals(Shape.volume(2, 3, 4, 1)));
		assertEquals(4L * 2 * 3 * 4 * 5, Shape.volume(2, 3, 4, 5).bytes());
		assertThrows(IllegalArgumentException.class, () -> Shape.volume(1, 65536, 65536, 2));
		assertThrows(IllegalArgumentException.class, () -> Shape.volume(1, 2, 2, 0));
	}

	/**
	 * By hand: x = 1..16 over 2 x 2 x 4 (W, H, D), one channel; max_pool3d(relu(x + (-10)), 2) (a broadcast 1x1x1
	 * constant, a per-voxel 2D layer, a 3D layer) gives max(0, 8 - 10) = 0 and 16 - 10 = 6; cat(x, x) two copies of x.
	 */
	@Test
	void runsVolumes() {
		final float[] x = new float[16];
		for (int i = 0; i < 16; i++)
			x[i] = i + 1;
		final float[] minusTen = { -10 };
		final Network net = Network.builder().input("x").constant("k", new FeatureMaps(Shape.volume(1, 1, 1, 1), new float[][] { minusTen }))
			.add("shift", Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), "x", "k")
			.add("relu", Operation.of(Activation.relu(), "relu"), "shift")
			.add("pool", Operation.of(new Pool3D(PoolingMode.MAX, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(0), false, true), "pool"), "relu")
			.add("cat", Operation.of(new Concat()), "x", "x").output("pool", "cat").build();
		final Map<String, FeatureMaps> out = net.run(Collections.singletonList(new FeatureMaps(Shape.volume(1, 2, 2, 4), new float[][] { x })),
			null);
		assertEquals(Shape.volume(1, 1, 1, 2), out.get("pool").shape());
		assertArrayEquals(new float[] { 0, 6 }, out.get("pool").plane(0));
		assertEquals(Shape.volume(2, 2, 2, 4), out.get("cat").shape());
		assertArrayEquals(x, out.get("cat").plane(1));
		assertEquals(16f, out.get("cat").volumes().get(1).getAt(1, 1, 3).get());
	}

	/** A 2D layer that looks at neighbours, a 3D layer on planes, and mixed or unequal merges are refused by name. */
	@Test
	void refusals() {
		final Operation pool2d = Operation.of(new Pool2D(PoolingMode.MAX, 2, 2, 0, false, true), "p2");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> pool2d.outputShape(Collections.singletonList(Shape.volume(1, 4, 4, 4))));
		assertTrue(e.getMessage().contains("p2") && e.getMessage().contains("cannot run on a volume"), e.getMessage());
		final Operation pool3d = Operation.of(new Pool3D(PoolingMode.MAX, PerAxis3D.of(2), PerAxis3D.of(2), PerAxis3D.of(0), false, true), "p3");
		final IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
			() -> pool3d.outputShape(Collections.singletonList(new Shape(1, 4, 4))));
		assertTrue(p.getMessage().contains("p3") && p.getMessage().contains("allowed: volumes"), p.getMessage());
		final Operation add = Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD));
		assertThrows(IllegalArgumentException.class, () -> add.outputShape(java.util.Arrays.asList(Shape.volume(1, 4, 4, 4), new Shape(1, 4, 4))));
		final IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
			() -> add.outputShape(java.util.Arrays.asList(Shape.volume(1, 4, 4, 4), Shape.volume(1, 4, 4, 2))));
		assertTrue(d.getMessage().contains("depths"), d.getMessage());
	}
}

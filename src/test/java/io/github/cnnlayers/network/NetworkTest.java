package io.github.cnnlayers.network;

import io.github.cnnlayers.core.ConvWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;

/**
 * Networks as graphs: the merge layers against hand-computed values (concatenation order, PyTorch's
 * broadcasting), a graph with a skip connection against the same layers applied one by one, the plan's
 * shapes and peak memory against hand-counted bytes, and the messages of malformed graphs.
 */
class NetworkTest {

	private static FeatureMaps tensor(final int c, final int w, final int h, final float... values) {
		final float[][] planes = new float[c][];
		for (int i = 0; i < c; i++)
			planes[i] = Arrays.copyOfRange(values, i * w * h, (i + 1) * w * h);
		return new FeatureMaps(new Shape(c, w, h), planes);
	}

	private static float[] flat(final FeatureMaps f) {
		final int n = f.shape().planeSize();
		final float[] all = new float[f.shape().channels() * n];
		for (int c = 0; c < f.shape().channels(); c++)
			System.arraycopy(f.plane(c), 0, all, c * n, n);
		return all;
	}

	private static FeatureMaps merge(final Operation op, final FeatureMaps... inputs) {
		final List<Shape> shapes = new ArrayList<>();
		for (final FeatureMaps f : inputs)
			shapes.add(f.shape());
		final FeatureMaps out = FeatureMaps.zeros(op.outputShape(shapes));
		op.compute(Arrays.asList(inputs), out);
		return out;
	}

	@Test
	void aConcatInsideTheNetworkTakesItsInputsPlanesAndAnOutputConcatHasItsOwn() {
		final FeatureMaps x = tensor(2, 2, 2, -1, 2, -3, 4, 5, -6, 7, -8);
		final float[] before = flat(x);
		// inside: the concatenation of x and relu(x), read by a 1x1 sum of its 4 channels
		final float[] ones = { 1, 1, 1, 1 };
		final Conv2D sum = Conv2D.learned(new ConvWeights(ones, 1, 4, 1, 1, null, "sum"), "sum").build();
		final Network inside = Network.builder().input("x").add("r", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("cat", Operation.of(new Concat()), "x", "r").add("s", Operation.of(sum, "sum"), "cat").output("s").build();
		final Operation cat = inside.nodes().get(1).operation();
		final FeatureMaps r = tensor(2, 2, 2, 0, 2, 0, 4, 5, 0, 7, 0);
		final FeatureMaps shared = cat.apply(Arrays.asList(x, r), new Shape(4, 2, 2));
		assertSame(x.plane(0), shared.plane(0), "the concatenation's first plane is x's own");
		assertSame(r.plane(1), shared.plane(3));
		// x + relu(x), channel 0 + channel 1, by hand: (-1+0) + (5+5), (2+2) + (-6+0), (-3+0) + (7+7), (4+4) + (-8+0)
		assertArrayEquals(new float[] { 9, -2, 11, 0 }, flat(inside.run(Collections.singletonList(x), null).get("s")));
		// an output concatenation: arrays of its own, so that the result never shares the caller's input
		final Network output = Network.builder().input("x").add("r", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("cat", Operation.of(new Concat()), "x", "r").output("cat").build();
		final FeatureMaps got = output.run(Collections.singletonList(x), null).get("cat");
		assertNotSame(x.plane(0), got.plane(0));
		assertArrayEquals(new float[] { -1, 2, -3, 4, 5, -6, 7, -8, 0, 2, 0, 4, 5, 0, 7, 0 }, flat(got));
		assertArrayEquals(before, flat(x), "the input unchanged");
	}

	@Test
	void concatPutsTheFirstInputsChannelsFirst() {
		final FeatureMaps a = tensor(1, 2, 2, 1, 2, 3, 4);
		final FeatureMaps b = tensor(2, 2, 2, 5, 6, 7, 8, 9, 10, 11, 12);
		final FeatureMaps ab = merge(Operation.of(new Concat()), a, b);
		assertEquals(new Shape(3, 2, 2), ab.shape());
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, flat(ab));
		assertArrayEquals(new float[] { 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4 }, flat(merge(Operation.of(new Concat()), b, a)));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> merge(Operation.of(new Concat()), a, tensor(1, 3, 2, 0, 0, 0, 0, 0, 0)));
		assertTrue(e.getMessage().contains("input 1 is 2 x 2 and input 2 is 3 x 2"), e.getMessage());
	}

	@Test
	void addAndMultiplyBroadcastAsPyTorch() {
		final FeatureMaps x = tensor(2, 3, 1, 1, 2, 3, 10, 20, 30);
		// same shape
		assertArrayEquals(new float[] { 2, 4, 6, 20, 40, 60 }, flat(merge(Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), x, x)));
		// a 1-channel operand repeats over the channels: torch.add([1,2,1,3], [1,1,1,3])
		final FeatureMaps one = tensor(1, 3, 1, 100, 200, 300);
		assertArrayEquals(new float[] { 101, 202, 303, 110, 220, 330 },
			flat(merge(Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), x, one)));
		// a 1x1 operand per channel repeats over the plane, on either side: torch.mul([1,2,1,1], [1,2,1,3])
		final FeatureMaps perChannel = tensor(2, 1, 1, 2, -1);
		assertArrayEquals(new float[] { 2, 4, 6, -10, -20, -30 },
			flat(merge(Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.MULTIPLY)), perChannel, x)));
		// a row repeats down a column and the other way: [1,1,1,3] * [1,1,2,1] -> [1,1,2,3]
		final FeatureMaps row = tensor(1, 3, 1, 1, 2, 3);
		final FeatureMaps column = tensor(1, 1, 2, 10, 100);
		final FeatureMaps outer = merge(Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.MULTIPLY)), row, column);
		assertEquals(new Shape(1, 3, 2), outer.shape());
		assertArrayEquals(new float[] { 10, 20, 30, 100, 200, 300 }, flat(outer));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> merge(Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), x, tensor(3, 3, 1, new float[9])));
		assertEquals("Add needs inputs whose channels are equal or 1 (PyTorch's broadcasting), but they are 2 and 3", e.getMessage());
	}

	/** A 3x3 convolution with fixed weights: c_out x c_in kernels, weight (o + 1) * (i + 1) * (tap - 4) / 10, bias o / 2. */
	private static Conv2D conv(final int cin, final int cout) {
		final float[] w = new float[cout * cin * 9];
		final float[] b = new float[cout];
		for (int o = 0; o < cout; o++) {
			b[o] = o / 2f;
			for (int i = 0; i < cin; i++)
				for (int t = 0; t < 9; t++)
					w[(o * cin + i) * 9 + t] = (o + 1) * (i + 1) * (t - 4) / 10f;
		}
		return Conv2D.learned(new ConvWeights(w, cout, cin, 3, 3, b, "conv"), "conv").padding(1).build();
	}

	private static FeatureMaps apply(final Layer layer, final FeatureMaps in) {
		final long[] size = layer.outputSize(in.shape().width(), in.shape().height());
		final FeatureMaps out = FeatureMaps.zeros(new Shape(layer.outputChannels(in.shape().channels()), size[0], size[1]));
		layer.compute(in.views(), out.views());
		return out;
	}

	@Test
	void aGraphWithASkipConnectionEqualsItsLayersAppliedOneByOne() {
		final float[] v = new float[6 * 4];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) Math.sin(i * 0.7) * 3;
		final FeatureMaps x = tensor(1, 6, 4, v);
		final Conv2D enc = conv(1, 2), mid = conv(2, 2);
		final Pool2D pool = new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false);
		final Activation relu = Activation.relu();
		final Network net = Network.builder().input("x")
			.add("enc", Operation.of(enc, "Conv2D"), "x")
			.add("act", Operation.of(relu, "ReLU"), "enc")
			.add("mid", Operation.of(mid, "Conv2D"), "act")
			.add("res", Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), "act", "mid")
			.add("cat", Operation.of(new Concat()), "res", "x")
			.add("pool", Operation.of(pool, "Max Pooling"), "cat")
			.output("pool", "act").build();
		final Map<String, FeatureMaps> out = net.run(Collections.singletonList(x), null);
		assertEquals(Arrays.asList("pool", "act"), new ArrayList<>(out.keySet()));

		final FeatureMaps act = apply(relu, apply(enc, x));
		final FeatureMaps m = apply(mid, act);
		final float[] res = flat(act);
		final float[] mm = flat(m);
		for (int i = 0; i < res.length; i++)
			res[i] += mm[i];
		final float[] cat = new float[3 * 24];
		System.arraycopy(res, 0, cat, 0, 48);
		System.arraycopy(v, 0, cat, 48, 24);
		final FeatureMaps expected = apply(pool, tensor(3, 6, 4, cat));
		assertEquals(new Shape(3, 3, 2), out.get("pool").shape());
		assertArrayEquals(flat(expected), flat(out.get("pool")));
		assertArrayEquals(flat(act), flat(out.get("act")));
	}

	@Test
	void thePlanGivesEveryShapeAndThePeakOfTheTensorsAlive() {
		// 1 x 10 x 10 floats = 400 bytes a tensor
		final Network chain = Network.builder().input("x").add("a", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("b", Operation.of(Activation.relu(), "ReLU"), "a").add("c", Operation.of(Activation.relu(), "ReLU"), "b").build();
		final Network.Plan p = chain.plan(Collections.singletonList(new Shape(1, 10, 10)));
		assertEquals(Arrays.asList("x", "a", "b", "c"), new ArrayList<>(p.shapes().keySet()));
		assertEquals(800, p.peakBytes(), "a chain holds two tensors at once: each is freed after its reader");
		// x -> a -> b, Add(a, b): a lives until the Add; the Add's three row buffers of 10 floats: 120 bytes
		final Network skip = Network.builder().input("x").add("a", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("b", Operation.of(Activation.relu(), "ReLU"), "a")
			.add("sum", Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD)), "a", "b").build();
		assertEquals(1200 + 120, skip.plan(Collections.singletonList(new Shape(1, 10, 10))).peakBytes());
		assertEquals(Collections.singletonList("sum"), skip.outputs(), "the last node is the output by default");
		// a 3 -> 2 convolution's output shape, and a stride-2 pooling
		final Network conv = Network.builder().input("x").add("c", Operation.of(conv(3, 2), "Conv2D"), "x")
			.add("p", Operation.of(new Pool2D(PoolingMode.MAX, 2, 2, 0, true, false), "Max Pooling"), "c").build();
		assertEquals(new Shape(2, 4, 3), conv.plan(Collections.singletonList(new Shape(3, 7, 5))).shapes().get("p"));
	}

	@Test
	void malformedGraphsAreRefusedWithTheirReason() {
		final Operation relu = Operation.of(Activation.relu(), "ReLU");
		final Operation add = Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.ADD));
		assertEquals("Tensor name \"x\" is used twice; allowed: a name per tensor",
			assertThrows(IllegalArgumentException.class, () -> Network.builder().input("x").add("x", relu, "x")).getMessage());
		assertEquals("ReLU \"a\" reads \"y\", which no input or earlier node makes; known: x",
			assertThrows(IllegalArgumentException.class, () -> Network.builder().input("x").add("a", relu, "y")).getMessage());
		assertEquals("Add \"s\" takes 2 inputs, but was given 1 (x)",
			assertThrows(IllegalArgumentException.class, () -> Network.builder().input("x").add("s", add, "x")).getMessage());
		assertEquals("Output \"z\" is no tensor of the network; known: x, a",
			assertThrows(IllegalArgumentException.class, () -> Network.builder().input("x").add("a", relu, "x").output("z")).getMessage());
		final Network n = Network.builder().input("x").input("y").add("s", add, "x", "y").build();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> n.plan(Arrays.asList(new Shape(2, 4, 4), new Shape(2, 4, 3))));
		assertEquals("Node \"s\" (Add): Add needs inputs whose height are equal or 1 (PyTorch's broadcasting), but they are 4 and 3",
			e.getMessage());
		assertEquals("The network takes 2 inputs (x, y), but was given 1",
			assertThrows(IllegalArgumentException.class, () -> n.plan(Collections.singletonList(new Shape(1, 1, 1)))).getMessage());
	}

	@Test
	void aCancelledRunStopsBeforeTheNextNodeAndReturnsNothing() {
		final List<String> ran = new ArrayList<>();
		final Network n = Network.builder().input("x").add("a", Operation.of(Activation.relu(), "ReLU"), "x")
			.add("b", Operation.of(Activation.relu(), "ReLU"), "a").build();
		final Network.Progress stopAfterFirst = new Network.Progress() {

			@Override
			public void nodeDone(final int done, final int total, final Network.Node node) {
				ran.add(done + "/" + total + " " + node.name());
			}

			@Override
			public boolean cancelled() {
				return !ran.isEmpty();
			}
		};
		assertThrows(CancellationException.class, () -> n.run(Collections.singletonList(tensor(1, 1, 1, -1)), stopAfterFirst));
		assertEquals(Collections.singletonList("1/2 a"), ran);
	}

	@Test
	void aConstantNodeFeedsAMergeInEveryRunAndIsNotChangedByIt() {
		final FeatureMaps mean = tensor(2, 1, 1, 1, 10);
		final Network net = Network.builder().input("x").constant("mean", mean)
			.add("centred", Operation.of(new ElementwiseMerge(ElementwiseMerge.Operation.SUBTRACT)), "x", "mean").build();
		for (int run = 0; run < 2; run++)
			assertArrayEquals(new float[] { 0, 1, 0, 10 }, flat(net.run(java.util.Collections.singletonList(tensor(2, 2, 1, 1, 2, 10, 20)),
				null).get("centred")));
		assertArrayEquals(new float[] { 1, 10 }, flat(mean));
	}
}

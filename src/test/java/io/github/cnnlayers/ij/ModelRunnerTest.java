package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.GlobalPooling;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Upsample;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.onnx.OnnxNetworkModel;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * A model over an image: a one-level U-Net that takes only even sizes runs on a 7 x 5 image by reflection
 * padding to 8 x 6 and cropping back (checked against the network run on an input padded by hand), a
 * classifier's vector output becomes rows, and a wrong channel count names both counts; an ONNX network exported by
 * PyTorch (the kitchen-sink fixture of {@code make_onnx_network_fixtures.py}) gives PyTorch's output within 1e-4.
 */
class ModelRunnerTest {

	private static Conv2D conv(final int cin, final int cout, final float scale) {
		final float[] w = new float[cout * cin * 9];
		for (int i = 0; i < w.length; i++)
			w[i] = scale * ((i * 7) % 11 - 5) / 10f;
		return Conv2D.learned(new ConvWeights(w, cout, cin, 3, 3, null, "conv"), "conv").padding(1).build();
	}

	/** A model built in Java: enc conv, pool, mid conv, upsample x2, concat with enc, out conv to 1 channel. */
	private static final class UNet implements NetworkModel {

		@Override
		public String source() {
			return "unet";
		}

		@Override
		public int inputChannels() {
			return 1;
		}

		@Override
		public List<String> outputs() {
			return Collections.singletonList("out");
		}

		@Override
		public boolean isVector(final String output) {
			return false;
		}

		@Override
		public Network network(final Shape input) {
			return Network.builder().input("x").add("enc", Operation.of(conv(1, 2, 1), "Conv"), "x")
				.add("pool", Operation.of(new Pool2D(PoolingMode.MAX, 2, 2, 0, false, false), "MaxPool"), "enc")
				.add("mid", Operation.of(conv(2, 2, 0.5f), "Conv"), "pool")
				.add("up", Operation.of(Upsample.pytorch(2, 2, Interpolation.NEAREST, false), "Upsample"), "mid")
				.add("cat", Operation.of(new Concat()), "up", "enc").add("out", Operation.of(conv(4, 1, 0.25f), "Conv"), "cat").build();
		}

		@Override
		public String describe() {
			return "a one-level U-Net";
		}
	}

	@Test
	void aSizeTheNetworkCannotTakeIsPaddedByReflectionAndCroppedBack() {
		final int w = 7, h = 5;
		final float[] px = new float[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (float) Math.sin(i * 0.5) * 4;
		final ImagePlus imp = new ImagePlus("cells.tif", new FloatProcessor(w, h, px));
		imp.getCalibration().pixelWidth = 0.2;
		final ModelRunner.Result r = ModelRunner.run(imp, new UNet(), "out", false, null, null);
		assertTrue(r.note().contains("takes 8 x 6 here, not 7 x 5"), r.note());
		// by hand: reflect x = 7 -> 5, y = 5 -> 3 (PyTorch's reflect: the edge pixel is not repeated)
		final float[] padded = new float[8 * 6];
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++)
				padded[y * 8 + x] = px[(y < h ? y : 2 * (h - 1) - y) * w + (x < w ? x : 2 * (w - 1) - x)];
		final FeatureMaps full = new UNet().network(new Shape(1, 8, 6))
			.run(Collections.singletonList(new FeatureMaps(new Shape(1, 8, 6), new float[][] { padded })), null).get("out");
		final float[] expected = new float[w * h];
		for (int y = 0; y < h; y++)
			System.arraycopy(full.plane(0), y * 8, expected, y * w, w);
		assertEquals("cells-network", r.image().getTitle());
		assertEquals(w, r.image().getWidth());
		assertEquals(h, r.image().getHeight());
		assertArrayEquals(expected, (float[]) r.image().getProcessor().getPixels());
		assertEquals(0.2, r.image().getCalibration().pixelWidth, 1e-12);
		assertEquals(new UNet().network(new io.github.cnnlayers.network.Shape(1, 8, 6)).plan(java.util.Collections.singletonList(
			new io.github.cnnlayers.network.Shape(1, 8, 6))).peakBytes(), r.peakBytes(), "the peak of the network's plan");
		assertNull(ModelRunner.run(new ImagePlus("even", new FloatProcessor(8, 6, padded)), new UNet(), "out", false, null, null).note(),
			"a size it takes is not padded");
	}

	@Test
	void aClassifiersScoresAreRowsPerSampleAndAWrongChannelCountNamesBoth() {
		final NetworkModel classifier = new NetworkModel() {

			@Override
			public String source() {
				return "classifier";
			}

			@Override
			public int inputChannels() {
				return 1;
			}

			@Override
			public List<String> outputs() {
				return Collections.singletonList("scores");
			}

			@Override
			public boolean isVector(final String output) {
				return true;
			}

			@Override
			public Network network(final Shape input) {
				return Network.builder().input("x").add("gap", Operation.of(new GlobalPooling(GlobalPoolingMode.AVERAGE), "GAP"), "x")
					.add("scores", Operation.of(Conv2D.learned(new ConvWeights(new float[] { 1, -2, 3 }, 3, 1, 1, 1, null, "fc"), "fc")
						.build(), "Gemm"), "gap").build();
			}

			@Override
			public String describe() {
				return "a classifier";
			}
		};
		final ImageStack s = new ImageStack(2, 2);
		s.addSlice(new FloatProcessor(2, 2, new float[] { 1, 2, 3, 4 }));
		s.addSlice(new FloatProcessor(2, 2, new float[] { 0, 0, 0, 8 }));
		final ImagePlus two = new ImagePlus("two", s);
		final ModelRunner.Result r = ModelRunner.run(two, classifier, "scores", true, null, null);
		assertNull(r.image());
		assertArrayEquals(new float[] { 2.5f, -5, 7.5f }, r.rows()[0]);
		assertArrayEquals(new float[] { 2, -4, 6 }, r.rows()[1]);
		final ImagePlus rgb = new ImagePlus("rgb", new ij.process.ColorProcessor(4, 4));
		assertEquals("The model takes 1 channel, but the image has 3 (its channels are a hyperstack's C dimension; an RGB image has 3, " +
			"R, G, B; any other image 1)",
			assertThrows(IllegalArgumentException.class, () -> ModelRunner.run(rgb, classifier, "scores", true, null, null)).getMessage());
		assertEquals("The model has no output \"logits\"; allowed: scores",
			assertThrows(IllegalArgumentException.class, () -> ModelRunner.run(two, classifier, "logits", true, null, null)).getMessage());
	}

	@Test
	void theKitchenSinkOnnxNetworkGivesPyTorchsOutputOnATwoChannelHyperstack() throws IOException {
		final Path dir = Paths.get("src", "test", "resources", "onnx", "networks");
		final Tensor x = WeightFile.read(dir.resolve("kitchen_sink_input.npy"), null); // [1, 2, 12, 10]
		final Tensor y = WeightFile.read(dir.resolve("kitchen_sink_output.npy"), null); // [1, 3, 6, 5]
		final int w = 10, h = 12;
		final ImageStack s = new ImageStack(w, h);
		for (int c = 0; c < 2; c++)
			s.addSlice(new FloatProcessor(w, h, java.util.Arrays.copyOfRange(x.data(), c * w * h, (c + 1) * w * h)));
		final ImagePlus imp = new ImagePlus("sink", s);
		imp.setDimensions(2, 1, 1);
		final ModelRunner.Result r = ModelRunner.run(imp, OnnxNetworkModel.read(dir.resolve("kitchen_sink.onnx")), "output", true,
			null, null);
		assertNull(r.note(), "12 x 10 is a size it takes");
		final ImagePlus out = r.image();
		assertEquals("sink-network", out.getTitle());
		assertEquals(3, out.getNChannels());
		assertEquals(5, out.getWidth());
		assertEquals(6, out.getHeight());
		double max = 0;
		for (int c = 0; c < 3; c++) {
			final float[] got = (float[]) out.getStack().getPixels(c + 1);
			for (int i = 0; i < got.length; i++)
				max = Math.max(max, Math.abs(got[i] - y.data()[c * 30 + i]));
		}
		assertTrue(max <= 1e-4, "max |difference| to PyTorch " + max);
		assertEquals(2, imp.getNChannels(), "the source keeps its channels");
		assertArrayEquals(java.util.Arrays.copyOfRange(x.data(), 0, w * h), (float[]) imp.getStack().getPixels(1), "the source is unchanged");
	}
}

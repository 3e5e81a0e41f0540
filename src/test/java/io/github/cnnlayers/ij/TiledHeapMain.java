package io.github.cnnlayers.ij;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.network.UNets;

/**
 * Run in a JVM of its own with a small heap by {@link TiledHeapTest}: Run Network of a depth-3 U-Net over an 8-bit
 * image, first with tile=0 (expected refused for memory: prints "WHOLE: " and the message), then with tile=auto,
 * writing the result's floats (big-endian) to the file given.
 */
public final class TiledHeapMain {

	/** The image's side */
	static final int SIDE = 768;

	private TiledHeapMain() {}

	/** @return the test image: 8-bit, a smooth pattern with a deterministic texture */
	static ImagePlus image() {
		final byte[] px = new byte[SIDE * SIDE];
		for (int i = 0; i < px.length; i++) {
			final int x = i % SIDE, y = i / SIDE;
			px[i] = (byte) (128 + 100 * Math.sin(x * 0.05) * Math.cos(y * 0.03) + (x * 31 + y * 17) % 23);
		}
		return new ImagePlus("big", new ByteProcessor(SIDE, SIDE, px));
	}

	/** @return the network: depth 3, 8 features, bilinear upsampling */
	static NetworkModel model() {
		return UNets.model(3, 8, 1, UNets.Up.BILINEAR, BorderMode.ZERO);
	}

	/**
	 * @param args the file to write the result to
	 * @throws IOException when it cannot be written
	 */
	public static void main(final String[] args) throws IOException {
		final ImagePlus imp = image();
		try {
			ModelRunner.run(imp, model(), "out", false, Tiling.WHOLE, null, null);
			System.out.println("WHOLE: completed");
		}
		catch (final IllegalArgumentException e) {
			System.out.println("WHOLE: " + e.getMessage());
		}
		final ModelRunner.Result r = ModelRunner.run(imp, model(), "out", false, Tiling.AUTO, null, null);
		System.out.println("AUTO: " + r.note());
		try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new FileOutputStream(args[0])))) {
			for (int c = 1; c <= r.image().getStackSize(); c++)
				for (final float v : (float[]) r.image().getStack().getPixels(c))
					out.writeFloat(v);
		}
		System.exit(0);
	}
}

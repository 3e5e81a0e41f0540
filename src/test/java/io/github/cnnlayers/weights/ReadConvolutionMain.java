package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.ConvWeights;
import java.nio.file.Paths;

/**
 * Reads a convolution from a weight file in a JVM of its own, for tests that give that JVM a small heap:
 * {@code ReadConvolutionMain FILE [TENSOR]} prints {@code read [shape]} and exits 0, or prints
 * {@code refused: message} and exits 2; an error such as {@code OutOfMemoryError} ends it as Java does (exit 1).
 */
public final class ReadConvolutionMain {

	private ReadConvolutionMain() {
	}

	/** @param args the weight file, and optionally the tensor or layer */
	public static void main(String[] args) {
		try {
			ConvWeights w = WeightFile.convolution(Paths.get(args[0]), args.length > 1 ? args[1] : null, null);
			System.out.println("read " + Tensor.shapeText(w.shape()));
		}
		catch (IllegalArgumentException e) {
			System.out.println("refused: " + e.getMessage());
			System.exit(2);
		}
	}
}

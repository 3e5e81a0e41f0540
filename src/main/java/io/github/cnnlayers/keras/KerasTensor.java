package io.github.cnnlayers.keras;

import io.github.cnnlayers.network.Shape;

/**
 * A tensor of a Keras model as the network holds it: the network tensor that carries it and that tensor's shape
 * (C planes of W x H per sample), and how Keras sees it: an image (rank 4), a vector (rank 2, held as C x 1 x 1),
 * or a flattened image still held as its C x H x W planes until a Dense layer reads it.
 */
final class KerasTensor {

	/** The network tensor that carries it. */
	final String node;
	/** The shape of that network tensor. */
	final Shape shape;
	/** Whether Keras sees a vector [N, K] (held as K x 1 x 1), not an image. */
	final boolean vector;
	/** Whether Keras sees the C * H * W values of {@link #shape} flattened into a vector that is not built yet. */
	final boolean flattened;

	KerasTensor(String node, Shape shape, boolean vector, boolean flattened) {
		this.node = node;
		this.shape = shape;
		this.vector = vector;
		this.flattened = flattened;
	}

	/** The Keras rank: 4 for an image, 5 for a volume (a 3D network's tensor), 2 for a vector. */
	int rank() {
		return vector || flattened ? 2 : shape.isVolume() ? 5 : 4;
	}

	/** The same network tensor seen by Keras as a vector (it must be C x 1 x 1). */
	KerasTensor asVector() {
		return new KerasTensor(node, shape, true, false);
	}

	/** The same network tensor seen by Keras as an image. */
	KerasTensor asImage() {
		return new KerasTensor(node, shape, false, false);
	}

	/** As messages show it: Keras's shape without the batch axis, in the model's data format. */
	String text(DataFormat format) {
		if (flattened) return "(" + shape.channels() * shape.width() * shape.height() + ",) [flattened " + image(format) + "]";
		if (vector) return "(" + shape.channels() + ",)";
		return image(format);
	}

	private String image(DataFormat format) {
		if (shape.isVolume())
			return format == DataFormat.CHANNELS_LAST ? "(" + shape.depth() + ", " + shape.height() + ", " + shape.width() + ", " +
				shape.channels() + ")" : "(" + shape.channels() + ", " + shape.depth() + ", " + shape.height() + ", " + shape.width() + ")";
		return format == DataFormat.CHANNELS_LAST ? "(" + shape.height() + ", " + shape.width() + ", " + shape.channels() + ")" :
			"(" + shape.channels() + ", " + shape.height() + ", " + shape.width() + ")";
	}
}

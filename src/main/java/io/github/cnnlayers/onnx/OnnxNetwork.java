package io.github.cnnlayers.onnx;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.network.Network;

/**
 * An ONNX model imported for a given input size: the {@link Network} of core layers that computes it for one
 * sample, and what each of the model's outputs is in that network. Immutable.
 */
public final class OnnxNetwork {

	/** One of the model's outputs: its ONNX name, the network tensor holding it, and its ONNX dims (N = 1). */
	public static final class Output {

		private final String name;
		private final String tensor;
		private final long[] dims;

		Output(final String name, final String tensor, final long[] dims) {
			this.name = name;
			this.tensor = tensor;
			this.dims = dims.clone();
		}

		/** @return the output's name in the model */
		public String name() {
			return name;
		}

		/** @return the name of the network tensor that holds it (C planes of W x H) */
		public String tensor() {
			return tensor;
		}

		/**
		 * @return its ONNX dims for one sample: [1, C, H, W] for an image, [1, K] for a classifier's scores (held as
		 *         K channels of 1 x 1), [1, C, L] for a sequence (C planes of L x 1)
		 */
		public long[] dims() {
			return dims.clone();
		}

		/** @return whether it is a vector per sample, [1, K]: a classifier's scores */
		public boolean isVector() {
			return dims.length == 2;
		}

		@Override
		public String toString() {
			return name + " " + Arrays.toString(dims);
		}
	}

	private final Network network;
	private final List<Output> outputs;

	OnnxNetwork(final Network network, final List<Output> outputs) {
		this.network = network;
		this.outputs = Collections.unmodifiableList(outputs);
	}

	/** @return the network: its inputs are named as the model's image inputs */
	public Network network() {
		return network;
	}

	/** @return the model's outputs, in the model's order */
	public List<Output> outputs() {
		return outputs;
	}
}

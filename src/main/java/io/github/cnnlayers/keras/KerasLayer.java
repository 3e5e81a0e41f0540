package io.github.cnnlayers.keras;

import java.util.List;

import io.github.cnnlayers.weights.Tensor;

/**
 * One layer of a Keras model: its name, class, config, weights (as stored, in Keras's order) and, per call, the
 * tensors it reads. Immutable.
 */
final class KerasLayer {

	/** A tensor a call reads: made by call {@code call} of layer {@code layer}, output {@code index}. */
	static final class Ref {
		final String layer;
		final int call;
		final int index;

		Ref(String layer, int call, int index) {
			this.layer = layer;
			this.call = call;
			this.index = index;
		}

		@Override
		public String toString() {
			return "'" + layer + "'" + (call == 0 && index == 0 ? "" : " [call " + call + ", output " + index + "]");
		}
	}

	/** The layer's name. */
	final String name;
	/** The network name of the call being built: the name, or {@code name@k} for a shared layer's call k. */
	final String node;
	/** What it is. */
	final KerasLayerType type;
	/** Its config. */
	final LayerConfig config;
	/** Its weights, in the order of {@link KerasLayerType#roles}. */
	final Tensor[] weights;
	/** The tensors each call reads (none for an InputLayer). */
	final List<List<Ref>> calls;

	KerasLayer(String name, String node, KerasLayerType type, LayerConfig config, Tensor[] weights, List<List<Ref>> calls) {
		this.name = name;
		this.node = node;
		this.type = type;
		this.config = config;
		this.weights = weights;
		this.calls = calls;
	}

	/** The same layer, named for its call k. */
	KerasLayer call(int k) {
		return k == 0 ? this : new KerasLayer(name, name + "@" + k, type, config, weights, calls);
	}
}

package io.github.cnnlayers.keras;

import java.util.Map;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Softmax;

/**
 * The Keras activations a model may name, in an {@code Activation} layer or fused into a Conv2D or Dense layer's
 * {@code activation}, each as the core layer that computes it (or nothing, for {@code linear}).
 */
enum KerasActivation {

	/** No change. */
	LINEAR("linear") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return null;
		}
	},
	/** max(0, x). */
	RELU("relu") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.relu();
		}
	},
	/** 1 / (1 + e^-x). */
	SIGMOID("sigmoid") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.sigmoid();
		}
	},
	/** tanh(x). */
	TANH("tanh") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.tanh();
		}
	},
	/** Softmax over the last axis, which must be the channels. */
	SOFTMAX("softmax") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			if (!format.isChannelAxis(-1, input.rank()))
				throw new IllegalArgumentException(where + ": softmax over the last axis of " + input.text(format) +
					", which is not the channel axis; supported: softmax over channels (a vector, or channels_last)");
			return new Softmax();
		}
	},
	/** ELU with alpha 1. */
	ELU("elu") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.elu(1);
		}
	},
	/** GELU, exact (erf) form: Keras's default {@code approximate=False}. */
	GELU("gelu") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.gelu();
		}
	},
	/** x * sigmoid(x). */
	SWISH("swish", "silu") {
		@Override
		Layer layer(KerasTensor input, DataFormat format, String where) {
			return Activation.silu();
		}
	};

	/** The names Keras gives it. */
	private final String[] names;

	KerasActivation(String... names) {
		this.names = names;
	}

	/**
	 * The activation a config value names: a name ({@code "relu"}) or, as Keras 3 may serialize a function, an
	 * object whose {@code config} or {@code class_name} is the name; null means linear.
	 *
	 * @throws IllegalArgumentException for an activation that is not supported, naming it and the supported ones
	 */
	static KerasActivation of(Object value, String where) {
		Object v = value;
		if (v instanceof Map) {
			Map<?, ?> m = (Map<?, ?>) v;
			v = m.get("config") instanceof String ? m.get("config") : m.get("class_name");
		}
		if (v == null) return LINEAR;
		if (v instanceof String)
			for (KerasActivation a : values())
				for (String n : a.names)
					if (n.equals(v)) return a;
		throw new IllegalArgumentException(where + ": activation " + LayerConfig.text(value) + " is not supported; " +
			"supported: " + supported());
	}

	/** The supported names, as text. */
	static String supported() {
		StringBuilder sb = new StringBuilder();
		for (KerasActivation a : values())
			for (String n : a.names)
				sb.append(sb.length() == 0 ? "" : ", ").append(n);
		return sb.toString();
	}

	/**
	 * The core layer that computes it on a tensor, or null for none.
	 *
	 * @throws IllegalArgumentException when it cannot run on that tensor here
	 */
	abstract Layer layer(KerasTensor input, DataFormat format, String where);

	/** Appends the activation to a chain, if it does anything. */
	void append(NetworkAssembly.Chain chain, KerasTensor input, DataFormat format, String where) {
		Layer l = layer(input, format, where);
		if (l != null) chain.then(names[0], l);
	}
}

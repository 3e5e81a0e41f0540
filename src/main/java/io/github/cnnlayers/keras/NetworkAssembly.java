package io.github.cnnlayers.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.MergeLayer;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;

/**
 * A network under construction from Keras layers: it names the nodes (a layer's last node by the layer's name,
 * its earlier ones {@code layer/step}) and knows every tensor's shape as it goes, since Keras's 'same' padding and
 * a flattened Dense depend on the sizes.
 */
final class NetworkAssembly {

	/** The layers of one Keras layer in a row, each reading the one before. */
	final class Chain {

		private final String layer;
		private final List<String> steps = new ArrayList<>();
		private final List<Operation> operations = new ArrayList<>();
		private final KerasTensor input;
		private Shape shape;

		private Chain(String layer, KerasTensor input) {
			this.layer = layer;
			this.input = input;
			this.shape = input.shape;
		}

		/** The shape the chain's last step makes (its input's, before any step). */
		Shape shape() {
			return shape;
		}

		/**
		 * Appends a step.
		 *
		 * @param step the step's name within the layer: {@code pad}, {@code conv}, {@code relu}
		 * @throws IllegalArgumentException when the step cannot take the shape so far, naming the layer
		 */
		Chain then(String step, Layer operation) {
			return then(step, Operation.of(operation, layer + "/" + step));
		}

		/**
		 * Appends a step on volumes.
		 *
		 * @param step the step's name within the layer: {@code pad}, {@code conv}
		 * @throws IllegalArgumentException when the step cannot take the shape so far, naming the layer
		 */
		Chain then(String step, Layer3D operation) {
			return then(step, Operation.of(operation, layer + "/" + step));
		}

		private Chain then(String step, Operation op) {
			try {
				shape = op.outputShape(Collections.singletonList(shape));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(layer + " (" + step + "): " + e.getMessage(), e);
			}
			steps.add(step);
			operations.add(op);
			return this;
		}

		/**
		 * Adds the steps to the network, the last one named after the layer.
		 *
		 * @param vector whether Keras sees the result as a vector
		 * @return the layer's output; its input itself when there were no steps
		 */
		KerasTensor end(boolean vector) {
			String from = input.node;
			String name = null;
			for (int i = 0; i < operations.size(); i++) {
				name = unique(i == operations.size() - 1 ? layer : layer + "/" + steps.get(i));
				builder.add(name, operations.get(i), from);
				from = name;
			}
			return name == null ? new KerasTensor(input.node, input.shape, vector, false) :
				new KerasTensor(name, shape, vector, false);
		}
	}

	private final Network.Builder builder = Network.builder();
	private final Set<String> names = new HashSet<>();
	private final List<String> outputs = new ArrayList<>();

	/** Declares the network's input. */
	KerasTensor input(String name, Shape shape) {
		String n = unique(name);
		builder.input(n);
		return new KerasTensor(n, shape, false, false);
	}

	/** Starts the layers of one Keras layer (or one call of a shared layer) on its input. */
	Chain chain(String layer, KerasTensor input) {
		return new Chain(layer, input);
	}

	/**
	 * Adds a layer of several inputs.
	 *
	 * @throws IllegalArgumentException when the inputs do not fit together, naming the layer
	 */
	KerasTensor merge(String layer, MergeLayer merge, List<KerasTensor> inputs, boolean vector) {
		Operation op = Operation.of(merge);
		List<Shape> shapes = new ArrayList<>();
		String[] reads = new String[inputs.size()];
		for (int i = 0; i < reads.length; i++) {
			shapes.add(inputs.get(i).shape);
			reads[i] = inputs.get(i).node;
		}
		Shape out;
		try {
			out = op.outputShape(shapes);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(layer + ": " + e.getMessage(), e);
		}
		String name = unique(layer);
		builder.add(name, op, reads);
		return new KerasTensor(name, out, vector, false);
	}

	/** Names a network output. */
	void output(KerasTensor tensor) {
		if (!outputs.contains(tensor.node)) outputs.add(tensor.node);
	}

	/** The network. */
	Network build() {
		builder.output(outputs.toArray(new String[0]));
		return builder.build();
	}

	/** The name itself when it is free, else the name with {@code #2}, {@code #3}, ... */
	private String unique(String name) {
		String n = name;
		for (int i = 2; !names.add(n); i++)
			n = name + "#" + i;
		return n;
	}
}

package io.github.cnnlayers.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * A network: named tensors (each the C planes of one sample) made by nodes, each an {@link Operation}
 * on one or more earlier tensors, from one or more named inputs to named outputs. Nodes are kept in the
 * order they were added, and a node reads only tensors made before it, so a network has no cycle by
 * construction. Immutable once built; {@link #plan} and {@link #run} may be called from any thread.
 */
public final class Network {

	/** A node: the tensor it makes, what it computes, and which tensors it reads. */
	public static final class Node {

		private final String name;
		private final Operation operation;
		private final List<String> inputs;

		Node(final String name, final Operation operation, final List<String> inputs) {
			this.name = name;
			this.operation = operation;
			this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
		}

		/** @return the name of the tensor it makes */
		public String name() {
			return name;
		}

		/** @return what it computes */
		public Operation operation() {
			return operation;
		}

		/** @return the names of the tensors it reads, in order */
		public List<String> inputs() {
			return inputs;
		}
	}

	/** Collects inputs, nodes and outputs, checking each as it comes. */
	public static final class Builder {

		private final List<String> inputs = new ArrayList<>();
		private final List<Node> nodes = new ArrayList<>();
		private final Set<String> names = new LinkedHashSet<>();
		private final Set<String> outputs = new LinkedHashSet<>();

		private Builder() {}

		/**
		 * @param name a new tensor name: an input of the network
		 * @return this builder
		 * @throws IllegalArgumentException when the name is taken or empty
		 */
		public Builder input(final String name) {
			claim(name);
			inputs.add(name);
			return this;
		}

		/**
		 * @param name a new tensor name, made by this node
		 * @param operation what the node computes
		 * @param reads the tensors it reads, each made before it
		 * @return this builder
		 * @throws IllegalArgumentException when the name is taken, a tensor read is unknown (or not made
		 *         yet), or the number of inputs does not fit the operation
		 */
		public Builder add(final String name, final Operation operation, final String... reads) {
			final int arity = operation.arity();
			if (arity >= 0 ? reads.length != arity : reads.length < 2)
				throw new IllegalArgumentException(operation.name() + " \"" + name + "\" takes " + (arity >= 0 ? arity : "two or more") +
					" input" + (arity == 1 ? "" : "s") + ", but was given " + reads.length + " (" + String.join(", ", reads) + ")");
			for (final String r : reads)
				if (!names.contains(r))
					throw new IllegalArgumentException(operation.name() + " \"" + name + "\" reads \"" + r + "\", which no input or " +
						"earlier node makes; known: " + String.join(", ", names));
			claim(name);
			nodes.add(new Node(name, operation, Arrays.asList(reads)));
			return this;
		}

		/**
		 * @param name a new tensor name
		 * @param value its values, the same in every run (copied)
		 * @return this builder
		 * @throws IllegalArgumentException when the name is taken or empty
		 */
		public Builder constant(final String name, final FeatureMaps value) {
			return add(name, Operation.constant(value, "Constant"));
		}

		/**
		 * @param names tensors to return from a run (inputs or nodes)
		 * @return this builder
		 * @throws IllegalArgumentException for an unknown name
		 */
		public Builder output(final String... names) {
			for (final String n : names) {
				if (!this.names.contains(n))
					throw new IllegalArgumentException("Output \"" + n + "\" is no tensor of the network; known: " +
						String.join(", ", this.names));
				outputs.add(n);
			}
			return this;
		}

		/**
		 * @return the network; with no output named, its last node's tensor is the output
		 * @throws IllegalArgumentException when it has no input or no node
		 */
		public Network build() {
			if (inputs.isEmpty())
				throw new IllegalArgumentException("A network needs an input");
			if (nodes.isEmpty())
				throw new IllegalArgumentException("A network needs at least one node");
			if (outputs.isEmpty())
				outputs.add(nodes.get(nodes.size() - 1).name());
			final List<String> out = new ArrayList<>(outputs);
			return new Network(inputs, nodes, ActivationFusion.fuse(nodes, out), out);
		}

		private void claim(final String name) {
			if (name == null || name.isEmpty())
				throw new IllegalArgumentException("A tensor needs a name");
			if (!names.add(name))
				throw new IllegalArgumentException("Tensor name \"" + name + "\" is used twice; allowed: a name per tensor");
		}
	}

	/** What a network does with inputs of given shapes, known before anything is allocated. */
	public static final class Plan {

		private final Map<String, Shape> shapes;
		private final long peakBytes;

		Plan(final Map<String, Shape> shapes, final long peakBytes) {
			this.shapes = Collections.unmodifiableMap(shapes);
			this.peakBytes = peakBytes;
		}

		/** @return the shape of every tensor, by name, inputs first, then in node order */
		public Map<String, Shape> shapes() {
			return shapes;
		}

		/**
		 * @return the most bytes a run holds at once: the tensors alive (inputs until their last reader,
		 *         intermediate tensors until their last reader, outputs to the end) plus the working memory
		 *         of the node that runs
		 */
		public long peakBytes() {
			return peakBytes;
		}
	}

	/** Progress and cancellation of a run. */
	public interface Progress {

		/**
		 * Called after each node.
		 *
		 * @param done nodes run so far
		 * @param total nodes in all
		 * @param node the node just run
		 */
		void nodeDone(int done, int total, Node node);

		/** @return whether the run must stop (checked before each node) */
		default boolean cancelled() {
			return false;
		}
	}

	private final List<String> inputs;
	/** The nodes as they were added, before {@link ActivationFusion} */
	private final List<Node> added;
	private final List<Node> nodes;
	private final List<String> outputs;
	/** For each tensor, the index of the last node reading it (-1: none) */
	private final Map<String, Integer> lastReader = new HashMap<>();

	/**
	 * @param added the nodes as they were added
	 * @param nodes the nodes that run: {@code added}, or them with activations fused into convolutions
	 */
	private Network(final List<String> inputs, final List<Node> added, final List<Node> nodes, final List<String> outputs) {
		this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
		this.added = Collections.unmodifiableList(new ArrayList<>(added));
		this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
		this.outputs = Collections.unmodifiableList(outputs);
		for (final String i : inputs)
			lastReader.put(i, -1);
		for (int n = 0; n < nodes.size(); n++) {
			lastReader.put(nodes.get(n).name(), -1);
			for (final String r : nodes.get(n).inputs())
				lastReader.put(r, n);
		}
	}

	/** @return a builder of a new network */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the input names, in order */
	public List<String> inputs() {
		return inputs;
	}

	/**
	 * @return the nodes, in the order they run: those added, an activation that alone reads a convolution's tensor (not an
	 *         output) being part of the convolution's node, under the activation's name
	 */
	public List<Node> nodes() {
		return nodes;
	}

	/** @return this network with its nodes as they were added, each activation a node of its own (for tests) */
	Network unfused() {
		return new Network(inputs, added, added, outputs);
	}

	/** @return the output names, in order */
	public List<String> outputs() {
		return outputs;
	}

	/**
	 * @param inputShapes the shape of each input, in {@link #inputs()} order
	 * @return every tensor's shape and the peak memory of a run
	 * @throws IllegalArgumentException when a node cannot take its inputs, naming the node
	 */
	public Plan plan(final List<Shape> inputShapes) {
		checkCount(inputShapes.size());
		final Map<String, Shape> shapes = new LinkedHashMap<>();
		long live = 0;
		for (int i = 0; i < inputs.size(); i++) {
			shapes.put(inputs.get(i), inputShapes.get(i));
			live += inputShapes.get(i).bytes();
		}
		long peak = live;
		for (int n = 0; n < nodes.size(); n++) {
			final Node node = nodes.get(n);
			final List<Shape> in = new ArrayList<>();
			for (final String r : node.inputs())
				in.add(shapes.get(r));
			final Shape out;
			try {
				out = node.operation().outputShape(in);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("Node \"" + node.name() + "\" (" + node.operation().name() + "): " + e.getMessage(), e);
			}
			shapes.put(node.name(), out);
			live += out.bytes();
			peak = Math.max(peak, live + (long) Math.min(Long.MAX_VALUE / 2, node.operation().workingBytes(in)));
			for (final String freed : freedAfter(n))
				live -= shapes.get(freed).bytes();
		}
		return new Plan(shapes, peak);
	}

	/**
	 * Runs the network on one sample.
	 *
	 * @param inputValues one tensor per input, in {@link #inputs()} order; never changed
	 * @param progress told after each node, asked before each; may be {@code null}
	 * @return the output tensors by name, in {@link #outputs()} order
	 * @throws IllegalArgumentException when a node cannot take its inputs, naming the node
	 * @throws CancellationException when progress asked to stop; nothing is returned
	 */
	public Map<String, FeatureMaps> run(final List<FeatureMaps> inputValues, final Progress progress) {
		final List<Shape> inputShapes = new ArrayList<>();
		for (final FeatureMaps f : inputValues)
			inputShapes.add(f.shape());
		final Plan plan = plan(inputShapes);
		final Map<String, FeatureMaps> live = new HashMap<>();
		for (int i = 0; i < inputs.size(); i++)
			live.put(inputs.get(i), inputValues.get(i));
		for (int n = 0; n < nodes.size(); n++) {
			if (progress != null && progress.cancelled())
				throw new CancellationException("stopped before node " + (n + 1) + " of " + nodes.size() + "; nothing was made");
			final Node node = nodes.get(n);
			final List<FeatureMaps> in = new ArrayList<>();
			for (final String r : node.inputs())
				in.add(live.get(r));
			final Shape shape = plan.shapes().get(node.name());
			final FeatureMaps out = outputs.contains(node.name()) // an output holds arrays of its own, never an input's
				? node.operation().computeNew(in, shape) : node.operation().apply(in, shape);
			live.put(node.name(), out);
			for (final String freed : freedAfter(n))
				live.remove(freed);
			if (progress != null)
				progress.nodeDone(n + 1, nodes.size(), node);
		}
		final Map<String, FeatureMaps> result = new LinkedHashMap<>();
		for (final String o : outputs)
			result.put(o, live.get(o));
		return result;
	}

	/** @return the tensors no longer needed after node {@code n}: read last by it, and no output */
	private List<String> freedAfter(final int n) {
		final List<String> freed = new ArrayList<>();
		for (final String r : new LinkedHashSet<>(nodes.get(n).inputs()))
			if (lastReader.get(r) == n && !outputs.contains(r))
				freed.add(r);
		if (lastReader.get(nodes.get(n).name()) == -1 && !outputs.contains(nodes.get(n).name()))
			freed.add(nodes.get(n).name()); // read by nobody: a dead end
		return freed;
	}

	private void checkCount(final int given) {
		if (given != inputs.size())
			throw new IllegalArgumentException("The network takes " + inputs.size() + " input" + (inputs.size() == 1 ? "" : "s") + " (" +
				String.join(", ", inputs) + "), but was given " + given);
	}
}

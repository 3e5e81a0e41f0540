package io.github.cnnlayers.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A computation graph ({@code GraphProto}): nodes in file order, initializers (the learned weights and constants)
 * by name, and the graph's inputs, outputs and intermediate values with their types. Immutable.
 * {@link #validate()} checks that it can run and gives its nodes in an order that can.
 */
public final class OnnxGraph {

	private final String name;
	private final List<OnnxNode> nodes;
	private final Map<String, OnnxTensor> initializers;
	private final List<OnnxValueInfo> inputs;
	private final List<OnnxValueInfo> outputs;
	private final List<OnnxValueInfo> valueInfo;

	private OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
		List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs, List<OnnxValueInfo> valueInfo)
	{
		this.name = name;
		this.nodes = nodes;
		this.initializers = initializers;
		this.inputs = inputs;
		this.outputs = outputs;
		this.valueInfo = valueInfo;
	}

	/** @return the graph's name; may be empty */
	public String name() {
		return name;
	}

	/** @return the nodes in file order (unmodifiable) */
	public List<OnnxNode> nodes() {
		return nodes;
	}

	/** @return the initializers by name, in file order (unmodifiable) */
	public Map<String, OnnxTensor> initializers() {
		return initializers;
	}

	/**
	 * @return the graph's inputs (unmodifiable); models of IR version 3 and older also list their initializers
	 *         here, so {@link #runtimeInputs()} gives those that must be fed
	 */
	public List<OnnxValueInfo> inputs() {
		return inputs;
	}

	/** @return the inputs that are not initializers: the values that must be given to run the graph */
	public List<OnnxValueInfo> runtimeInputs() {
		List<OnnxValueInfo> fed = new ArrayList<>();
		for (OnnxValueInfo v : inputs)
			if (!initializers.containsKey(v.name())) fed.add(v);
		return Collections.unmodifiableList(fed);
	}

	/** @return the graph's outputs (unmodifiable) */
	public List<OnnxValueInfo> outputs() {
		return outputs;
	}

	/** @return the intermediate values whose types the model gives ({@code value_info}, unmodifiable) */
	public List<OnnxValueInfo> valueInfo() {
		return valueInfo;
	}

	/**
	 * Checks that the graph can run: every value is made once (by one node, or as an input or initializer), every
	 * node input and graph output is made by something, and no node depends on itself through others. Values that
	 * nodes with subgraphs (If, Loop) use from this graph inside their subgraphs are not followed.
	 *
	 * @return the nodes in an order in which each comes after the nodes it reads from (file order where the file
	 *         allows), unmodifiable
	 * @throws OnnxFormatException naming the node and value of the first fault, or the nodes forming a cycle
	 */
	public List<OnnxNode> validate() {
		Set<String> given = new HashSet<>(initializers.keySet());
		for (OnnxValueInfo v : inputs)
			given.add(v.name());
		Map<String, OnnxNode> producers = new HashMap<>();
		for (OnnxNode node : nodes)
			for (String out : node.outputs()) {
				if (out.isEmpty()) continue;
				if (given.contains(out))
					throw new OnnxFormatException(node.describe() + " makes '" + out + "', which is already a graph " +
						(initializers.containsKey(out) ? "initializer" : "input") + "; every value must be made once");
				OnnxNode other = producers.put(out, node);
				if (other != null)
					throw new OnnxFormatException(other.describe() + " and " + node.describe() + " both make '" +
						out + "'; every value must be made once");
			}
		List<List<OnnxNode>> readers = new ArrayList<>();
		int[] waiting = new int[nodes.size()];
		for (int k = 0; k < nodes.size(); k++)
			readers.add(new ArrayList<OnnxNode>());
		for (OnnxNode node : nodes)
			for (String in : node.inputs()) {
				if (in.isEmpty() || given.contains(in)) continue;
				OnnxNode producer = producers.get(in);
				if (producer == null)
					throw new OnnxFormatException(node.describe() + " reads '" + in + "', which no node, input or " +
						"initializer makes (a missing initializer?)");
				readers.get(producer.index()).add(node);
				waiting[node.index()]++;
			}
		Set<String> outputNames = new HashSet<>();
		for (OnnxValueInfo v : outputs) {
			if (!outputNames.add(v.name()))
				throw new OnnxFormatException("the graph lists the output '" + v.name() + "' twice");
			if (!given.contains(v.name()) && !producers.containsKey(v.name()))
				throw new OnnxFormatException("the graph's output '" + v.name() + "' is made by no node, input or " +
					"initializer");
		}
		List<OnnxNode> order = new ArrayList<>();
		PriorityQueue<Integer> ready = new PriorityQueue<>();
		for (OnnxNode node : nodes)
			if (waiting[node.index()] == 0) ready.add(node.index());
		while (!ready.isEmpty()) {
			OnnxNode node = nodes.get(ready.poll());
			order.add(node);
			for (OnnxNode reader : readers.get(node.index()))
				if (--waiting[reader.index()] == 0) ready.add(reader.index());
		}
		if (order.size() < nodes.size()) throw cycle(waiting, producers);
		return Collections.unmodifiableList(order);
	}

	/** Names a cycle among the nodes still waiting for an input: walks from one back through its producers. */
	private OnnxFormatException cycle(int[] waiting, Map<String, OnnxNode> producers) {
		OnnxNode node = null;
		for (OnnxNode n : nodes)
			if (waiting[n.index()] > 0) {
				node = n;
				break;
			}
		List<OnnxNode> path = new ArrayList<>();
		Map<OnnxNode, Integer> seen = new HashMap<>();
		while (!seen.containsKey(node)) {
			seen.put(node, path.size());
			path.add(node);
			OnnxNode next = null;
			for (String in : node.inputs()) {
				OnnxNode p = producers.get(in);
				if (p != null && waiting[p.index()] > 0) {
					next = p;
					break;
				}
			}
			node = next; // a waiting node always has a waiting producer
		}
		List<OnnxNode> loop = new ArrayList<>(path.subList(seen.get(node), path.size()));
		Collections.reverse(loop); // producers first
		StringBuilder text = new StringBuilder();
		for (OnnxNode n : loop)
			text.append(n.describe()).append(" -> ");
		text.append(loop.get(0).describe());
		return new OnnxFormatException("the graph has a cycle, each node reading an output of the one before: " +
			text);
	}

	/** Decodes a {@code GraphProto} without checking it; folder is the model's, for external data. */
	static OnnxGraph decode(ProtoReader r, Path folder) {
		String name = "";
		List<OnnxNode> nodes = new ArrayList<>();
		Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
		List<OnnxValueInfo> inputs = new ArrayList<>();
		List<OnnxValueInfo> outputs = new ArrayList<>();
		List<OnnxValueInfo> valueInfo = new ArrayList<>();
		while (r.next()) {
			switch (r.field()) {
				case 1:
					nodes.add(OnnxNode.decode(r.message("node", "NodeProto"), nodes.size(), folder));
					break;
				case 2:
					name = r.string("name");
					break;
				case 5:
					OnnxTensor t = OnnxTensor.decode(r.message("initializer", "TensorProto"), folder);
					if (initializers.put(t.name(), t) != null)
						throw new OnnxFormatException("the graph has two initializers named '" + t.name() + "'");
					break;
				case 11:
					inputs.add(OnnxValueInfo.decode(r.message("input", "ValueInfoProto")));
					break;
				case 12:
					outputs.add(OnnxValueInfo.decode(r.message("output", "ValueInfoProto")));
					break;
				case 13:
					valueInfo.add(OnnxValueInfo.decode(r.message("value_info", "ValueInfoProto")));
					break;
				case 15:
					throw new OnnxFormatException("at byte " + r.fieldOffset() + ": the graph has a sparse " +
						"initializer, which this reader does not support");
				default:
					r.skip();
			}
		}
		return new OnnxGraph(name, Collections.unmodifiableList(nodes), Collections.unmodifiableMap(initializers),
			Collections.unmodifiableList(inputs), Collections.unmodifiableList(outputs),
			Collections.unmodifiableList(valueInfo));
	}

	/** @return the graph's name and its numbers of nodes and initializers */
	@Override
	public String toString() {
		return "graph '" + name + "': " + nodes.size() + " nodes, " + initializers.size() + " initializers";
	}
}

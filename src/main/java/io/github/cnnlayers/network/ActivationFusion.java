package io.github.cnnlayers.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds each activation into the convolution before it ({@link Operation#followedBy}): a node of one input whose
 * tensor is read by that node alone and is no output becomes part of the node that made it, which then applies it as it
 * writes each output row (while the row is in cache) instead of a pass over a new tensor. The fused node keeps the
 * activation's name, so its readers are unchanged, and the convolution's tensor is gone. The values are the same floats.
 */
final class ActivationFusion {

	private ActivationFusion() {}

	/**
	 * @param nodes a network's nodes, in order
	 * @param outputs its outputs, never fused away
	 * @return the nodes with every such pair fused, in order
	 */
	static List<Network.Node> fuse(final List<Network.Node> nodes, final Collection<String> outputs) {
		final Map<String, Integer> readers = new HashMap<>();
		for (final Network.Node node : nodes)
			for (final String r : node.inputs())
				readers.merge(r, 1, Integer::sum);
		final List<Network.Node> fused = new ArrayList<>(nodes.size());
		final Map<String, Integer> madeAt = new HashMap<>(); // tensor name -> its node's index in fused
		for (final Network.Node node : nodes) {
			final Optional<Network.Node> merged = mergeable(node, readers, outputs, madeAt)
				.flatMap(at -> fused.get(at).operation().followedBy(node.operation())
					.map(op -> new Network.Node(node.name(), op, fused.get(at).inputs())));
			if (merged.isPresent()) {
				final int at = madeAt.remove(node.inputs().get(0));
				fused.set(at, merged.get());
				madeAt.put(node.name(), at);
			}
			else {
				madeAt.put(node.name(), fused.size());
				fused.add(node);
			}
		}
		return fused;
	}

	/** @return where the node making the one tensor {@code node} reads is, when that tensor is read by it alone and no output */
	private static Optional<Integer> mergeable(final Network.Node node, final Map<String, Integer> readers,
		final Collection<String> outputs, final Map<String, Integer> madeAt)
	{
		if (node.inputs().size() != 1)
			return Optional.empty();
		final String read = node.inputs().get(0);
		return readers.get(read) == 1 && !outputs.contains(read) ? Optional.ofNullable(madeAt.get(read)) : Optional.empty();
	}
}

package io.github.cnnlayers.pipeline;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Shape;

/**
 * A pipeline seen as one network, so that it can be fitted, planned and tiled as a model is: its input is the
 * tensor {@code @0}, step N's result the tensor {@code @N} (each step adds its own nodes, {@link Step#addTo}), and
 * its one output the last step's result. Steps that cannot be a part of a network of planes (3D layers, a vector
 * output) make {@link #network} refuse, naming the step.
 */
public final class PipelineNetwork implements NetworkModel {

	private final Pipeline pipeline;
	private final String output;

	/**
	 * @param pipeline the steps
	 */
	public PipelineNetwork(final Pipeline pipeline) {
		this.pipeline = pipeline;
		this.output = Step.tensor(pipeline.steps().get(pipeline.steps().size() - 1).number());
	}

	/** @return "the pipeline of N steps" */
	@Override
	public String source() {
		return "the pipeline of " + pipeline.steps().size() + " step" + (pipeline.steps().size() == 1 ? "" : "s");
	}

	/** @return -1: the steps' own checks name the channels they take */
	@Override
	public int inputChannels() {
		return -1;
	}

	/** @return the last step's result, e.g. {@code "@5"} */
	@Override
	public List<String> outputs() {
		return Collections.singletonList(output);
	}

	/** @return false: a step that makes a vector is refused by {@link #network} */
	@Override
	public boolean isVector(final String name) {
		return false;
	}

	@Override
	public Network network(final Shape input) {
		final Network.Builder builder = Network.builder().input(Step.tensor(0));
		final Map<Integer, Shape> shapes = new HashMap<>();
		shapes.put(0, input);
		for (final Step s : pipeline.steps())
			s.addTo(builder, shapes);
		return builder.output(output).build();
	}

	@Override
	public String describe() {
		final StringBuilder b = new StringBuilder(source() + ", as one network (input @0, step N's result @N, output " + output + ")");
		for (final Step s : pipeline.steps())
			b.append('\n').append(s.number()).append(". ").append(s.label()).append(": ").append(s.describe());
		return b.toString();
	}
}

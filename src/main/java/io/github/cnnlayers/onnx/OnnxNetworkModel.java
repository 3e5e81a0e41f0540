package io.github.cnnlayers.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Shape;

/**
 * An {@code .onnx} model as a {@link NetworkModel}: read once, imported by {@link OnnxNetworks} for each input size
 * asked for. Immutable.
 */
public final class OnnxNetworkModel implements NetworkModel {

	private final String source;
	private final OnnxModel model;

	private OnnxNetworkModel(final String source, final OnnxModel model) {
		this.source = source;
		this.model = model;
		final List<OnnxValueInfo> fed = model.graph().runtimeInputs();
		if (fed.size() != 1)
			throw new IllegalArgumentException(source + " takes " + fed.size() + " inputs; supported: one image input [N, C, H, W], " +
				"every other input an initializer");
	}

	/**
	 * @param file an {@code .onnx} file
	 * @return the model
	 * @throws IOException when the file cannot be read
	 * @throws OnnxFormatException when it is no readable ONNX model
	 * @throws IllegalArgumentException when it has not exactly one input to feed
	 */
	public static OnnxNetworkModel read(final Path file) throws IOException {
		return new OnnxNetworkModel(String.valueOf(file.getFileName()), OnnxModel.read(file));
	}

	/**
	 * @param source a name for messages
	 * @param model a model read already
	 * @return the model
	 * @throws IllegalArgumentException when it has not exactly one input to feed
	 */
	public static OnnxNetworkModel of(final String source, final OnnxModel model) {
		return new OnnxNetworkModel(source, model);
	}

	@Override
	public String source() {
		return source;
	}

	@Override
	public int inputChannels() {
		final OnnxValueInfo in = model.graph().runtimeInputs().get(0);
		if (!in.hasShape() || in.dims().size() < 2 || !in.dims().get(1).isFixed())
			return -1;
		return (int) Math.min(Integer.MAX_VALUE, in.dims().get(1).value());
	}

	/** @return whether the model's input has 5 dims, [N, C, D, H, W] */
	@Override
	public boolean takesVolumes() {
		final OnnxValueInfo in = model.graph().runtimeInputs().get(0);
		return in.hasShape() && in.dims().size() == 5;
	}

	@Override
	public List<String> outputs() {
		final List<String> names = new ArrayList<>();
		for (final OnnxValueInfo o : model.graph().outputs())
			names.add(o.name());
		return Collections.unmodifiableList(names);
	}

	/** @return whether the model declares that output with two dims, [N, K] */
	@Override
	public boolean isVector(final String output) {
		for (final OnnxValueInfo o : model.graph().outputs())
			if (o.name().equals(output))
				return o.hasShape() && o.dims().size() == 2;
		throw new IllegalArgumentException("The model has no output '" + output + "'; its outputs: " + String.join(", ", outputs()));
	}

	@Override
	public Network network(final Shape input) {
		return OnnxNetworks.load(model, input).network();
	}

	/**
	 * @param input the shape of one sample
	 * @return the import for that shape: the network and each output's ONNX dims
	 */
	public OnnxNetwork imported(final Shape input) {
		return OnnxNetworks.load(model, input);
	}

	@Override
	public String describe() {
		final Map<String, Integer> ops = new TreeMap<>();
		for (final OnnxNode n : model.graph().nodes())
			ops.merge(n.opType(), 1, Integer::sum);
		long parameters = 0;
		for (final OnnxTensor t : model.graph().initializers().values())
			parameters += t.elementCount();
		final StringBuilder s = new StringBuilder();
		s.append(source).append(": ONNX, opset ").append(model.opsetVersion("")).append(producer()).append('\n');
		s.append("input: ").append(model.graph().runtimeInputs().get(0)).append('\n');
		for (final OnnxValueInfo o : model.graph().outputs())
			s.append("output: ").append(o).append('\n');
		s.append(model.graph().nodes().size()).append(" nodes ").append(ops).append(", ").append(String.format(java.util.Locale.ROOT,
			"%,d", parameters)).append(" parameters");
		return s.toString();
	}

	private String producer() {
		return model.producerName().isEmpty() ? "" : ", made by " + model.producerName() + " " + model.producerVersion();
	}
}

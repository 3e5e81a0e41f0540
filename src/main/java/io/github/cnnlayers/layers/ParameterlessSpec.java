package io.github.cnnlayers.layers;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.ij.MacroOptions;

/** The spec of a command that makes a new image and has no keys (Softmax, global pooling): its layer is fixed. */
public final class ParameterlessSpec extends SpecBase {

	private final Layer layer;
	private final String describe;

	private ParameterlessSpec(final LayerCommand command, final MacroOptions options, final Layer layer, final String describe) {
		super(command, options);
		this.layer = layer;
		this.describe = describe;
	}

	/**
	 * @param layer the command's layer (without parameters, so one serves every run)
	 * @param describe what it computes, e.g. {@code "over the channels of each pixel"}
	 * @return the command's spec parser
	 */
	static LayerCommand.Parser of(final Layer layer, final String describe) {
		return (command, o) -> new ParameterlessSpec(command, o, layer, describe);
	}

	@Override
	public Layer layer() {
		return layer;
	}

	@Override
	public String describe() {
		return describe;
	}

	/** @return the command's name, e.g. {@code "Softmax"} */
	@Override
	public String caption() {
		return command.commandName();
	}
}

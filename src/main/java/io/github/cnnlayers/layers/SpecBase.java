package io.github.cnnlayers.layers;

import io.github.cnnlayers.ij.MacroOptions;

/** What every spec holds: the command it is a spec of and the options it was parsed from. */
abstract class SpecBase implements LayerSpec {

	/** the command */
	protected final LayerCommand command;
	/** the parsed options */
	protected final MacroOptions options;

	/**
	 * @param command the command it is a spec of
	 * @param options the options it is parsed from
	 */
	SpecBase(final LayerCommand command, final MacroOptions options) {
		this.command = command;
		this.options = options;
	}

	@Override
	public final LayerCommand command() {
		return command;
	}

	@Override
	public final MacroOptions options() {
		return options;
	}
}

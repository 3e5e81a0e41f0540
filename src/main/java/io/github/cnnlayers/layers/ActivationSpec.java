package io.github.cnnlayers.layers;

import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;

/** The options of an in-place activation command, parsed once into its {@link Activation}. */
public final class ActivationSpec extends SpecBase {

	static final Key ALPHA = Key.of("alpha", Key.Kind.NUMBER, "0.01", "Alpha (negative slope)", "any finite number (default 0.01)");

	/** The keys of Leaky ReLU */
	static final List<Key> LEAKY_KEYS = Collections.singletonList(ALPHA);

	static final Key ELU_ALPHA = Key.of("alpha", Key.Kind.NUMBER, "1", "Alpha (f tends to -alpha for x to -inf)",
		"any finite number (default 1)");

	/** The keys of ELU */
	static final List<Key> ELU_KEYS = Collections.singletonList(ELU_ALPHA);

	private final Activation activation;
	private final String describe;
	private final String caption;

	/**
	 * @param command the command
	 * @param o the options
	 * @param activation the function they give
	 * @param describe its definition in words
	 * @param caption its caption
	 */
	private ActivationSpec(final LayerCommand command, final MacroOptions o, final Activation activation, final String describe,
		final String caption)
	{
		super(command, o);
		this.activation = activation;
		this.describe = describe;
		this.caption = caption;
	}

	/**
	 * @param activation the function of a command without keys
	 * @param definition e.g. {@code "f(x) = max(0, x)"}
	 * @param caption e.g. {@code "ReLU"}
	 * @return the command's spec parser
	 */
	static LayerCommand.Parser fixed(final Activation activation, final String definition, final String caption) {
		return (command, o) -> new ActivationSpec(command, o, activation, definition, caption);
	}

	/**
	 * @param command Leaky ReLU
	 * @param o its options
	 * @return its spec
	 * @throws IllegalArgumentException for an alpha that is not a finite 32-bit float
	 */
	static LayerSpec leakyRelu(final LayerCommand command, final MacroOptions o) {
		final double alpha = ALPHA.number(o);
		return new ActivationSpec(command, o, Activation.leakyRelu(alpha),
			"alpha " + NumberText.of(alpha) + ": f(x) = x > 0 ? x : alpha*x", "Leaky ReLU \u03b1=" + NumberText.of(alpha));
	}

	/**
	 * @param command ELU
	 * @param o its options
	 * @return its spec
	 * @throws IllegalArgumentException for an alpha that is not a finite 32-bit float
	 */
	static LayerSpec elu(final LayerCommand command, final MacroOptions o) {
		final double alpha = ELU_ALPHA.number(o);
		return new ActivationSpec(command, o, Activation.elu(alpha),
			"alpha " + NumberText.of(alpha) + ": f(x) = x > 0 ? x : alpha*(e^x - 1)", "ELU \u03b1=" + NumberText.of(alpha));
	}

	@Override
	public Layer layer() {
		return activation;
	}

	/** @return the activation */
	public Activation activation() {
		return activation;
	}

	@Override
	public String describe() {
		return describe;
	}

	@Override
	public String caption() {
		return caption;
	}
}

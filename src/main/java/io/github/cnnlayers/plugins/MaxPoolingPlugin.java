package io.github.cnnlayers.plugins;

import io.github.cnnlayers.core.PoolingMode;

/**
 * Plugins &gt; CNN Layers &gt; Max Pooling...: PyTorch's {@code max_pool2d}; the result keeps the input type.
 * <p>
 * Macro: {@code run("Max Pooling...", "size=2 stride=2 padding=0 ceil stack");}
 */
public class MaxPoolingPlugin extends PoolingPlugin {

	private static String last;

	/** Creates the command. */
	public MaxPoolingPlugin() {
		super(PoolingMode.MAX);
	}

	@Override
	protected String command() {
		return "Max Pooling";
	}

	@Override
	protected String lastOptions() {
		return last;
	}

	@Override
	protected void rememberOptions(final String options) {
		last = options;
	}
}

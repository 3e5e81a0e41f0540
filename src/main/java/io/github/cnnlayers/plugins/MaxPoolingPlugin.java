package io.github.cnnlayers.plugins;

import io.github.cnnlayers.core.PoolingMode;

/**
 * Plugins &gt; CNN Layers &gt; Max Pooling...: PyTorch's {@code max_pool2d}; the result keeps the input type.
 * <p>
 * Macro: {@code run("Max Pooling...", "size=2 stride=2 padding=0 ceil stack");}
 */
public class MaxPoolingPlugin extends PoolingPlugin {

	/** Creates the command. */
	public MaxPoolingPlugin() {
		super(PoolingMode.MAX);
	}

	@Override
	protected String command() {
		return "Max Pooling";
	}
}

package io.github.cnnlayers.plugins;

import io.github.cnnlayers.core.PoolingMode;

/**
 * Plugins &gt; CNN Layers &gt; Average Pooling...: PyTorch's {@code avg_pool2d}, into a 32-bit image.
 * <p>
 * Macro: {@code run("Average Pooling...", "size=2 stride=2 padding=0 ceil count stack");}
 */
public class AveragePoolingPlugin extends PoolingPlugin {

	/** Creates the command. */
	public AveragePoolingPlugin() {
		super(PoolingMode.AVERAGE);
	}

	@Override
	protected String command() {
		return "Average Pooling";
	}
}

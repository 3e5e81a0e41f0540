package io.github.cnnlayers.plugins;

import java.util.Collection;
import java.util.Collections;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.ij.MacroOptions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Plugins &gt; CNN Layers &gt; ReLU: {@code f(x) = max(0, x)} in place (PyTorch {@code relu}).
 * <p>
 * Macro: {@code run("ReLU", "stack");}
 */
public class ReluPlugin extends ActivationPlugin {

	@Override
	protected String command() {
		return "ReLU";
	}

	@Override
	protected Collection<String> keys() {
		return Collections.emptyList();
	}

	@Override
	protected void apply(final RandomAccessibleInterval<FloatType> pixels, final double zero, final MacroOptions o) {
		Activation.relu(pixels, zero);
	}
}

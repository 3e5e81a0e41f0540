package io.github.cnnlayers.plugins;

import java.util.Collection;
import java.util.Collections;

import ij.gui.GenericDialog;
import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.ij.MacroOptions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Plugins &gt; CNN Layers &gt; Leaky ReLU...: {@code f(x) = x} for {@code x > 0}, {@code alpha * x}
 * otherwise, in place (PyTorch {@code leaky_relu}, {@code alpha} = {@code negative_slope}, default 0.01).
 * <p>
 * Macro: {@code run("Leaky ReLU...", "alpha=0.01 stack");}
 */
public class LeakyReluPlugin extends ActivationPlugin {

	/** PyTorch's default negative slope. */
	public static final double DEFAULT_ALPHA = 0.01;

	@Override
	protected String command() {
		return "Leaky ReLU";
	}

	@Override
	protected Collection<String> keys() {
		return Collections.singletonList("alpha");
	}

	@Override
	protected void check(final MacroOptions o) {
		Activation.checkAlpha(alpha(o));
	}

	/** @return the alpha of the options (default 0.01) */
	static double alpha(final MacroOptions o) {
		return o.number("alpha", DEFAULT_ALPHA, "any finite number (default 0.01)");
	}

	@Override
	protected void apply(final RandomAccessibleInterval<FloatType> pixels, final double zero, final MacroOptions o) {
		Activation.leakyRelu(pixels, alpha(o), zero);
	}

	@Override
	protected void addFields(final GenericDialog gd, final MacroOptions lastOptions) {
		gd.addNumericField("Alpha (negative slope)", alpha(lastOptions), 4);
	}

	@Override
	protected String readFields(final GenericDialog gd) {
		final double a = gd.getNextNumber();
		return "alpha=" + (Double.isNaN(a) ? "invalid" : Double.toString(a));
	}
}

package io.github.cnnlayers.plugins;

import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * How the options of the pooling commands become a {@link Pool2D}: {@code size} (default 2),
 * {@code stride} (default: the size), {@code padding} (default 0, at most size/2), {@code ceil};
 * Average Pooling adds {@code count} (padded pixels count in the divisor, PyTorch's {@code count_include_pad}).
 */
final class PoolingOptions {

	private PoolingOptions() {}

	/**
	 * @param mode max, min or average
	 * @param o the options
	 * @return the pooling layer they describe
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	static Pool2D pool2d(final PoolingMode mode, final MacroOptions o) {
		final int size = o.integer("size", 2, "whole numbers >= 1");
		final int stride = o.integer("stride", size, "whole numbers >= 1 (default: the size)");
		final int padding = o.integer("padding", 0, "whole numbers from 0 to size/2");
		return new Pool2D(mode, size, stride, padding, o.flag("ceil"), mode == PoolingMode.AVERAGE && o.flag("count"));
	}

	/** @return the parameters in effect, e.g. {@code "max, size 2, stride 2, padding 0, floor"} */
	static String describe(final PoolingMode mode, final MacroOptions o) {
		final Pool2D p = pool2d(mode, o);
		return p.mode().label() + ", size " + p.size() + ", stride " + p.stride() + ", padding " + p.padding() + ", " +
			(p.ceil() ? "ceil" : "floor") +
			(p.mode() == PoolingMode.AVERAGE ? p.countIncludePad() ? ", padded pixels counted" : ", padded pixels not counted" : "");
	}

	/** @return a caption for pictures, e.g. {@code "Max Pooling 2x2"} */
	static String caption(final String name, final PoolingMode mode, final MacroOptions o) {
		final Pool2D p = pool2d(mode, o);
		return name + " " + p.size() + "x" + p.size() + (p.stride() != p.size() ? ", stride " + p.stride() : "");
	}
}

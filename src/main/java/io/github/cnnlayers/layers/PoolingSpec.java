package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The options of the pooling commands, parsed once: {@code size} (default 2), {@code stride} (default: the
 * size), {@code padding} (default 0, at most size/2), {@code ceil}; Average Pooling adds {@code count}
 * (padded pixels count in the divisor, PyTorch's {@code count_include_pad}).
 */
public final class PoolingSpec extends SpecBase {

	static final Key SIZE = Key.of("size", Key.Kind.INTEGER, "2", "Size", "whole numbers >= 1");
	static final Key STRIDE = Key.of("stride", Key.Kind.INTEGER, null, "Stride", "whole numbers >= 1 (default: the size)");
	static final Key PADDING = Key.of("padding", Key.Kind.INTEGER, "0", "Padding", "whole numbers from 0 to size/2");
	static final Key CEIL = Key.of("ceil", Key.Kind.FLAG, "false", "Ceil mode (keep a last partial window)", "a flag");
	static final Key COUNT = Key.of("count", Key.Kind.FLAG, "false", "Count padded pixels in the average (PyTorch default)", "a flag")
		.dialogDefault("true");

	/** The keys of max and min pooling */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(SIZE, STRIDE, PADDING, CEIL));
	/** The keys of average pooling */
	static final List<Key> AVERAGE_KEYS = Collections.unmodifiableList(Arrays.asList(SIZE, STRIDE, PADDING, CEIL, COUNT));

	private final Pool2D pool;

	/**
	 * @param command the pooling command; its mode decides the reduction
	 * @param mode max, min or average
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	PoolingSpec(final LayerCommand command, final PoolingMode mode, final MacroOptions o) {
		super(command, o);
		final int size = SIZE.integer(o);
		pool = new Pool2D(mode, size, STRIDE.integer(o, size), PADDING.integer(o), CEIL.flag(o), command.keys().contains(COUNT) && COUNT.flag(o));
	}

	@Override
	public Layer layer() {
		return pool;
	}

	/** @return the parameters in effect, e.g. {@code "max, size 2, stride 2, padding 0, floor"} */
	@Override
	public String describe() {
		return pool.mode().label() + ", size " + pool.size() + ", stride " + pool.stride() + ", padding " + pool.padding() + ", " +
			(pool.ceil() ? "ceil" : "floor") +
			(command.keys().contains(COUNT) ? pool.countIncludePad() ? ", padded pixels counted" : ", padded pixels not counted" : "");
	}

	/** @return a caption for pictures, e.g. {@code "Max Pooling 2x2"} */
	@Override
	public String caption() {
		return command.commandName() + " " + pool.size() + "x" + pool.size() + (pool.stride() != pool.size() ? ", stride " + pool.stride() : "");
	}
}

package io.github.cnnlayers.plugins;

import java.awt.AWTEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import ij.gui.GenericDialog;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneOperation;

/**
 * The pooling commands: PyTorch's {@code max_pool2d} / {@code avg_pool2d} on every plane, into a new
 * image. Keys: {@code size} (default 2), {@code stride} (default: the size), {@code padding} (default 0,
 * at most size/2), {@code ceil} (flag); Average Pooling adds {@code count} (flag: padded pixels count
 * in the divisor, PyTorch's {@code count_include_pad}).
 */
public abstract class PoolingPlugin extends NewImageLayerPlugin {

	private final PoolingMode mode;

	/** @param mode max or average */
	protected PoolingPlugin(final PoolingMode mode) {
		this.mode = mode;
	}

	@Override
	protected Collection<String> keys() {
		final List<String> keys = new ArrayList<>(MacroOptions.keys("size", "stride", "padding", "ceil"));
		if (mode == PoolingMode.AVERAGE)
			keys.add("count");
		return keys;
	}

	@Override
	public PlaneOperation operation(final MacroOptions o) {
		return PlaneOperation.of(pool2d(mode, o));
	}

	/**
	 * @param mode max or average
	 * @param o the options
	 * @return the pooling layer they describe
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public static Pool2D pool2d(final PoolingMode mode, final MacroOptions o) {
		final int size = o.integer("size", 2, "whole numbers >= 1");
		final int stride = o.integer("stride", size, "whole numbers >= 1 (default: the size)");
		final int padding = o.integer("padding", 0, "whole numbers from 0 to size/2");
		return new Pool2D(mode, size, stride, padding, o.flag("ceil"), mode == PoolingMode.AVERAGE && o.flag("count"));
	}

	@Override
	protected void addFields(final GenericDialog gd, final MacroOptions last) {
		final int size = last.integer("size", 2, "");
		gd.addNumericField("Size", size, 0, 4, "pixels (window is size x size)");
		gd.addNumericField("Stride", last.integer("stride", size, ""), 0, 4, "pixels");
		gd.addNumericField("Padding", last.integer("padding", 0, ""), 0, 4, "pixels (at most size/2)");
		gd.addCheckbox("Ceil mode (keep a last partial window)", last.flag("ceil"));
		if (mode == PoolingMode.AVERAGE)
			gd.addCheckbox("Count padded pixels in the average (PyTorch default)", last.keys().isEmpty() || last.flag("count"));
	}

	@Override
	protected String readFields(final GenericDialog gd, final AWTEvent e) {
		final StringBuilder sb = new StringBuilder();
		sb.append("size=").append(whole(gd.getNextNumber()));
		sb.append(" stride=").append(whole(gd.getNextNumber()));
		sb.append(" padding=").append(whole(gd.getNextNumber()));
		if (gd.getNextBoolean())
			sb.append(" ceil");
		if (mode == PoolingMode.AVERAGE && gd.getNextBoolean())
			sb.append(" count");
		return sb.toString();
	}

	private static String whole(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
	}
}

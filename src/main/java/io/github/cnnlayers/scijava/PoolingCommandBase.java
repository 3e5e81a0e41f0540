package io.github.cnnlayers.scijava;

import org.scijava.plugin.Parameter;

/**
 * The parameters the pooling commands share, with the defaults of the macro keys: size 2, stride the
 * size (0 means that), padding 0, ceil and stack off.
 */
public abstract class PoolingCommandBase extends LayerCommandBase {

	/** Window size K (window K x K). */
	@Parameter(label = "Size", persist = false, description = "Window size, a whole number >= 1 (window is size x size)")
	private double size = 2;

	/** Step between windows; 0 means the size. */
	@Parameter(label = "Stride", persist = false, description = "Whole number >= 1; 0 means the size (the default)")
	private double stride;

	/** Padding P on each side, 0 &lt;= P &lt;= size/2. */
	@Parameter(label = "Padding", persist = false, description = "Whole number from 0 to size/2")
	private double padding;

	/** Ceil mode: keep a last partial window. */
	@Parameter(label = "Ceil mode", persist = false, description = "Round the output size up, keeping a last partial window")
	private boolean ceil;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only (a composite in Composite mode: all)")
	private boolean stack;
}

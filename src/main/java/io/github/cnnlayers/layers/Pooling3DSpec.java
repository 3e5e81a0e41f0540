package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.core.Pool3D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The options of the 3D pooling commands ({@code max_pool3d}, {@code avg_pool3d}, min = {@code -max_pool3d(-x)}),
 * parsed once: {@code size} (default 2), {@code stride} (default: the size), {@code padding} (default 0, at most
 * size/2), each one number or three in z y x order; {@code ceil}; Average Pooling 3D adds {@code count}.
 */
public final class Pooling3DSpec extends VolumeSpec {

	static final Key SIZE = Key.of("size", Key.Kind.TEXT, "2", "Size (z y x, or one for all)", "a whole number >= 1");
	static final Key STRIDE = Key.of("stride", Key.Kind.TEXT, null, "Stride (z y x, or one for all)",
		"a whole number >= 1 (default: the size)");
	static final Key PADDING = Key.of("padding", Key.Kind.TEXT, "0", "Padding (z y x, or one for all)",
		"a whole number from 0 to size/2");

	/** The keys of max and min pooling */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(SIZE, STRIDE, PADDING, PoolingSpec.CEIL));
	/** The keys of average pooling */
	static final List<Key> AVERAGE_KEYS = Collections.unmodifiableList(Arrays.asList(SIZE, STRIDE, PADDING, PoolingSpec.CEIL,
		PoolingSpec.COUNT));

	private final Pool3D pool;

	/**
	 * @param command the pooling command
	 * @param mode max, min or average
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	Pooling3DSpec(final LayerCommand command, final PoolingMode mode, final MacroOptions o) {
		super(command, o);
		final PerAxis3D size = SIZE.perAxis(o);
		try {
			pool = new Pool3D(mode, size, STRIDE.perAxis(o, size), PADDING.perAxis(o), PoolingSpec.CEIL.flag(o),
				command.keys().contains(PoolingSpec.COUNT) && PoolingSpec.COUNT.flag(o));
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
	}

	@Override
	Layer3D volumeLayer() {
		return pool;
	}

	@Override
	VoxelGrid grid() {
		return VoxelGrid.window(pool.size(), pool.stride(), pool.padding());
	}

	/** @return the parameters in effect, e.g. {@code "max, size 1 2 2, stride 1 2 2, padding 0, floor"} */
	@Override
	public String describe() {
		return pool.mode().label() + ", size " + pool.size() + ", stride " + pool.stride() + ", padding " + pool.padding() + ", " +
			(pool.ceil() ? "ceil" : "floor") + (command.keys().contains(PoolingSpec.COUNT) ? pool.countIncludePad() ?
				", padded voxels counted" : ", padded voxels not counted" : "");
	}

	/** @return a caption for pictures, e.g. {@code "Max Pooling 3D 1x2x2"} */
	@Override
	public String caption() {
		return command.commandName() + " " + pool.size().z + "x" + pool.size().y + "x" + pool.size().x;
	}
}

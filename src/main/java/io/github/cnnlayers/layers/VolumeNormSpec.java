package io.github.cnnlayers.layers;

import io.github.cnnlayers.core.GlobalPooling3D;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.GroupNorm3D;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The options of the volume-wide norms and global poolings (Group Norm 3D..., Instance Norm 3D..., Global Average
 * Pooling 3D, Global Max Pooling 3D): the keys of their 2D commands, the statistics taken over the whole volume
 * (D x H x W) of a sample, as PyTorch's {@code group_norm}, {@code instance_norm} and
 * {@code adaptive_avg_pool3d} / {@code adaptive_max_pool3d(x, 1)} do on 5-D tensors.
 */
public final class VolumeNormSpec extends VolumeSpec {

	private final Layer3D layer;
	private final VoxelGrid grid;
	private final String description;

	private VolumeNormSpec(final LayerCommand command, final MacroOptions o, final Layer3D layer, final VoxelGrid grid,
		final String description)
	{
		super(command, o);
		this.layer = layer;
		this.grid = grid;
		this.description = description;
	}

	/** @return Group Norm over volumes, with Group Norm's keys */
	static VolumeNormSpec group(final LayerCommand command, final MacroOptions o) {
		final GroupNormSpec plane = GroupNormSpec.group(command, o);
		return new VolumeNormSpec(command, o, new GroupNorm3D(plane.norm()), VoxelGrid.same(), plane.describe() + ", over D x H x W");
	}

	/** @return Instance Norm over volumes, with Instance Norm's keys */
	static VolumeNormSpec instance(final LayerCommand command, final MacroOptions o) {
		final GroupNormSpec plane = GroupNormSpec.instance(command, o);
		return new VolumeNormSpec(command, o, new GroupNorm3D(plane.norm()), VoxelGrid.same(), plane.describe() + ", over D x H x W");
	}

	/**
	 * @param mode average or max
	 * @return a parser of global pooling over each volume, to one voxel
	 */
	static LayerCommand.Parser globalPooling(final GlobalPoolingMode mode) {
		return (c, o) -> new VolumeNormSpec(c, o, new GlobalPooling3D(mode), VoxelGrid.whole(), "the " + mode.name()
			.toLowerCase(java.util.Locale.ROOT) + " of each volume, 1 x 1 x 1");
	}

	@Override
	Layer3D volumeLayer() {
		return layer;
	}

	@Override
	VoxelGrid grid() {
		return grid;
	}

	@Override
	public String describe() {
		return description;
	}

	@Override
	public String caption() {
		return command.commandName();
	}
}

package io.github.cnnlayers.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * A per-voxel plane layer (batch norm, an activation, a softmax or reduction across channels: a {@link Layer}
 * whose receptive field is one pixel and whose planes keep their size) applied to volumes, plane after plane: on
 * a volume it computes what PyTorch's 5-D form computes ({@code batch_norm} in eval mode on [N, C, D, H, W],
 * {@code relu}, ...), since each voxel's output depends on that voxel's channels alone. Immutable and thread-safe
 * when the plane layer is.
 */
public final class Pointwise3D implements Layer3D {

	private final Layer plane;

	/**
	 * @param plane a per-pixel layer that keeps the plane's size
	 * @throws IllegalArgumentException when the layer looks beyond one pixel
	 */
	public Pointwise3D(final Layer plane) {
		if (plane == null)
			throw new IllegalArgumentException("Pointwise3D needs a per-pixel layer");
		if (plane.receptiveField() != ReceptiveField.POINT)
			throw new IllegalArgumentException(plane + " looks beyond one pixel, so it cannot run plane by plane on a volume; " +
				"allowed: per-pixel layers (batch norm, activations, channel softmax or reduction)");
		this.plane = plane;
	}

	/** @return the per-pixel layer applied to every plane */
	public Layer plane() {
		return plane;
	}

	/**
	 * @return the input size
	 * @throws IllegalArgumentException when the plane layer changes a plane's size
	 */
	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		final long[] out = plane.outputSize(width, height);
		if (out[0] != width || out[1] != height)
			throw new IllegalArgumentException(plane + " turns a " + width + " x " + height + " plane into " + out[0] + " x " + out[1] +
				", so it cannot run plane by plane on a volume; allowed: per-pixel layers that keep the size");
		return new long[] { width, height, depth };
	}

	/** @return {@link ReceptiveField#POINT}: each output voxel from its own input voxel */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	@Override
	public int outputChannels(final int inputChannels) {
		return plane.outputChannels(inputChannels);
	}

	@Override
	public boolean keepsType() {
		return plane.keepsType();
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		VolumeRows.checkSameSize(inputs, "input");
		final RandomAccessibleInterval<S> first = inputs.get(0);
		final long[] size = outputSize(first.dimension(0), first.dimension(1), first.dimension(2));
		if (outputs.size() != outputChannels(inputs.size()))
			throw new IllegalArgumentException("Expected " + outputChannels(inputs.size()) + " output volumes, got " + outputs.size());
		VolumeRows.checkTargets(outputs, size);
		for (long z = 0; z < size[2]; z++) {
			final List<RandomAccessibleInterval<S>> in = new ArrayList<>();
			for (final RandomAccessibleInterval<S> v : inputs)
				in.add(Views.hyperSlice(v, 2, v.min(2) + z));
			final List<RandomAccessibleInterval<T>> out = new ArrayList<>();
			for (final RandomAccessibleInterval<T> v : outputs)
				out.add(Views.hyperSlice(v, 2, v.min(2) + z));
			plane.compute(in, out);
		}
	}

	@Override
	public String toString() {
		return plane + " per voxel";
	}
}

package io.github.cnnlayers.core;

import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * A one-channel 3D layer applied to every channel on its own (a typed kernel on a multi-channel volume): C volumes
 * in, C out, each channel's output the layer's output of that channel.
 */
public final class ChannelWise3D implements Layer3D {

	private final Layer3D single;

	/** @param single a layer of one input and one output channel */
	public ChannelWise3D(final Layer3D single) {
		if (single.outputChannels(1) != 1)
			throw new IllegalArgumentException("A channel-wise layer needs a layer of one channel in and one out");
		this.single = single;
	}

	/** @return the one-channel layer */
	public Layer3D single() {
		return single;
	}

	/** @return the one-channel layer's field */
	@Override
	public ReceptiveField receptiveField() {
		return single.receptiveField();
	}

	/** @return the one-channel layer's block */
	@Override
	public int outputBlock() {
		return single.outputBlock();
	}

	@Override
	public long[] outputSize(final long width, final long height, final long depth) {
		return single.outputSize(width, height, depth);
	}

	@Override
	public boolean keepsType() {
		return single.keepsType();
	}

	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final List<? extends RandomAccessibleInterval<S>> inputs,
		final List<? extends RandomAccessibleInterval<T>> outputs)
	{
		if (inputs.size() != outputs.size())
			throw new IllegalArgumentException(inputs.size() + " input volumes but " + outputs.size() + " outputs; a channel-wise " +
				"layer gives one output per input channel");
		for (int c = 0; c < inputs.size(); c++)
			single.compute(Collections.singletonList(inputs.get(c)), Collections.singletonList(outputs.get(c)));
	}
}

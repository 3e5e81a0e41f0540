package io.github.cnnlayers.keras;

import java.util.List;

/**
 * Where a Keras model keeps the channels of an image tensor: {@code channels_last} ([N, H, W, C], Keras's default)
 * or {@code channels_first} ([N, C, H, W]). The network always holds C planes per sample; the format says which
 * Keras axis is the channel axis and how an input shape and a flattened vector are ordered.
 */
enum DataFormat {

	/** [N, H, W, C]. */
	CHANNELS_LAST("channels_last", 3) {
		@Override
		int flatIndex(int c, int y, int x, int channels, int height, int width) {
			return (y * width + x) * channels + c;
		}
	},
	/** [N, C, H, W]. */
	CHANNELS_FIRST("channels_first", 1) {
		@Override
		int flatIndex(int c, int y, int x, int channels, int height, int width) {
			return (c * height + y) * width + x;
		}
	};

	private final String label;
	private final int channelAxis;

	DataFormat(String label, int channelAxis) {
		this.label = label;
		this.channelAxis = channelAxis;
	}

	/** The format a config value names: {@code channels_last}, {@code channels_first}, or null for the default. */
	static DataFormat of(String value, String where) {
		if (value == null) return CHANNELS_LAST;
		for (DataFormat f : values())
			if (f.label.equals(value)) return f;
		throw new IllegalArgumentException(where + ": data_format '" + value + "' is not supported; supported: " +
			"channels_last, channels_first");
	}

	/** The Keras name. */
	String label() {
		return label;
	}

	/** Whether a Keras axis (negative counts from the end) of a tensor of this rank (2, 4 or 5) is its channel axis. */
	boolean isChannelAxis(int axis, int rank) {
		int a = axis < 0 ? axis + rank : axis;
		return a == channelAxis(rank);
	}

	/** The Keras axis of channels in a tensor of this rank: 1 for a vector, else by the format (last or 1). */
	int channelAxis(int rank) {
		return rank == 2 ? 1 : channelAxis == 1 ? 1 : rank - 1;
	}

	/**
	 * The declared {C, H, W, D} of a rank-4 batch shape ({@code [None, H, W, C]} or {@code [None, C, H, W]}; D 1) or
	 * a rank-5 one ({@code [None, D, H, W, C]} or {@code [None, C, D, H, W]}), each 0 where the shape says None.
	 */
	long[] channelsHeightWidthDepth(List<?> batchShape) {
		int rank = batchShape.size();
		int first = this == CHANNELS_LAST ? 1 : 2; // the first spatial axis
		int[] axes = { channelAxis(rank), rank == 5 ? first + 1 : first, rank == 5 ? first + 2 : first + 1, rank == 5 ? first : -1 };
		long[] d = new long[4];
		for (int i = 0; i < 4; i++) {
			Object v = axes[i] < 0 ? Long.valueOf(1) : batchShape.get(axes[i]);
			d[i] = v instanceof Long ? (Long) v : 0;
		}
		return d;
	}

	/** The position of value (c, y, x) of a C x H x W tensor in Keras's flattened order of this format. */
	abstract int flatIndex(int c, int y, int x, int channels, int height, int width);

	@Override
	public String toString() {
		return label;
	}
}

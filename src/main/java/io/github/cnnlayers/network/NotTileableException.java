package io.github.cnnlayers.network;

/**
 * Thrown when a network cannot be cut into tiles whose results equal the whole image's: a node whose every
 * output pixel depends on the whole image (global pooling, statistics per sample such as Group or Instance
 * Norm), a scale that is no whole number of pixels, or a model that takes only one size. The message names the
 * node and why.
 */
public final class NotTileableException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** @param message what cannot be tiled and why, naming the node */
	public NotTileableException(final String message) {
		super(message);
	}
}

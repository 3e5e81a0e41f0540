package io.github.cnnlayers.network;

import java.util.List;

/**
 * A trained network read from a model file (ONNX, Keras), ready to be built for an input of a concrete size:
 * what it is (for a dialog), its input's channels, its outputs, and its {@link Network} for a given input
 * shape (shape computations of the file are evaluated for that shape).
 */
public interface NetworkModel {

	/** @return where it came from, e.g. "unet.onnx" */
	String source();

	/** @return the number of channels its input takes, or -1 when the file does not fix it */
	int inputChannels();

	/** @return its output names, in the file's order */
	List<String> outputs();

	/**
	 * @param output one of {@link #outputs()}
	 * @return whether that output is a vector per sample (shape [N, K]: a classifier's scores), which fills
	 *         a table rather than an image
	 */
	boolean isVector(String output);

	/**
	 * @param input the shape of one sample
	 * @return the network for inputs of that shape, its outputs named as {@link #outputs()}
	 * @throws IllegalArgumentException when the model cannot take that shape or holds something unsupported,
	 *         naming the node and the reason
	 */
	Network network(Shape input);

	/**
	 * @return whether its input is volumes (a 3D network, [N, C, D, H, W]): it then takes the {@link Shape#volume} of
	 *         an image's z-stack, each t one sample
	 */
	default boolean takesVolumes() {
		return false;
	}

	/** @return a few lines on what it is: inputs and outputs with shapes, layers, parameters */
	String describe();
}

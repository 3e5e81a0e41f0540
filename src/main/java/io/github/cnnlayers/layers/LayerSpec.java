package io.github.cnnlayers.layers;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The checked parameters of one layer, parsed once from a command's options, with the layer they build
 * (built once: a learned layer has read its weight file when the spec exists). The description, caption and
 * note come from the spec, never from parsing the options again.
 */
public interface LayerSpec {

	/** @return the command it is a spec of */
	LayerCommand command();

	/** @return the options it was parsed from (with {@code stack} and {@code slice}) */
	MacroOptions options();

	/** @return the layer, built once */
	Layer layer();

	/** @return the parameters in effect, defaults filled in, e.g. {@code "max, size 2, stride 2, padding 0, floor"} */
	String describe();

	/** @return a short caption for pictures, e.g. {@code "Conv2D edge 3x3"} or {@code "Leaky ReLU \u03b1=0.1"} */
	String caption();

	/** @return a status note after a successful run (a kernel that could not be normalized), or {@code null} */
	default String note() {
		return null;
	}
}

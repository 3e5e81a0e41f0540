package io.github.cnnlayers.layers;

import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.PlaneLayer;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneRunner;

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

	/**
	 * Runs the layer on an image into a new image (a plane layer over the planes, a 3D layer over the volumes).
	 *
	 * @param image the source, never changed
	 * @param allPlanes every plane of a stack; else the current one (a 3D layer always takes the whole volume)
	 * @param progress told as the work proceeds; may be {@code null}
	 * @param cancelled asked between parts of the work; may be {@code null}
	 * @return the new image, not shown, or {@code null} when cancelled
	 * @throws IllegalArgumentException when the parameters do not fit the image
	 */
	default ImagePlus makeNew(final ImagePlus image, final boolean allPlanes, final PlaneRunner.Progress progress,
		final BooleanSupplier cancelled)
	{
		return PlaneRunner.run(image, allPlanes, layer(), command().titleSuffix(), progress, cancelled);
	}

	/**
	 * @return whether the user chooses between the current plane and every plane of a stack (ImageJ's "Process
	 *         all slices?"); a 3D layer always takes the whole volume
	 */
	default boolean choosesPlanes() {
		return true;
	}

	/**
	 * @param image the image the layer is to run on
	 * @return the output it would make, for a dialog's status line, e.g. {@code "Output: 128 x 128 x 1 per plane, 8-bit"}
	 * @throws IllegalArgumentException when the parameters do not fit the image
	 */
	default String outputText(final ImagePlus image) {
		final Layer layer = layer();
		final long[] size = layer.outputSize(image.getWidth(), image.getHeight());
		if (layer instanceof PlaneLayer) {
			final int planes = image.getBitDepth() == 24 && !layer.keepsType() ? 3 : 1;
			return "Output: " + size[0] + " \u00d7 " + size[1] + " \u00d7 " + planes + " per plane, " +
				(layer.keepsType() ? image.getBitDepth() == 24 ? "RGB" : image.getBitDepth() + "-bit" : "32-bit");
		}
		final int cin = PlaneRunner.channels(image);
		return "Output: " + cin + " \u2192 " + layer.outputChannels(cin) + " channels, " + size[0] + " \u00d7 " + size[1] + ", 32-bit";
	}
}

package io.github.cnnlayers.layers;

import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneRunner;
import io.github.cnnlayers.ij.VolumeRunner;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The spec of a 3D command (Conv3D, the 3D poolings, Upsample 3D, ...): its {@link Layer3D} runs on the volumes of
 * an image (Z the depth, C the channels, every T a sample), always the whole image ({@code stack} is accepted and
 * changes nothing). It has no plane {@link Layer}.
 */
abstract class VolumeSpec extends SpecBase {

	/**
	 * @param command the command it is a spec of
	 * @param options the options it is parsed from
	 */
	VolumeSpec(final LayerCommand command, final MacroOptions options) {
		super(command, options);
	}

	/** @return the 3D layer, built once */
	abstract Layer3D volumeLayer();

	/** @return where its output voxels lie in its input, for the result's calibration */
	abstract VoxelGrid grid();

	/** @throws UnsupportedOperationException always: a 3D command runs a {@link Layer3D} ({@link #makeNew}) */
	@Override
	public final Layer layer() {
		throw new UnsupportedOperationException(command.commandName() + " is a 3D layer; it has no plane layer");
	}

	/** @return false: a 3D layer always takes the whole volume */
	@Override
	public final boolean choosesPlanes() {
		return false;
	}

	/** Runs the 3D layer on every volume of {@code image}; {@code allPlanes} changes nothing. */
	@Override
	public final ImagePlus makeNew(final ImagePlus image, final boolean allPlanes, final PlaneRunner.Progress progress,
		final BooleanSupplier cancelled)
	{
		try {
			return VolumeRunner.run(image, volumeLayer(), grid(), command.titleSuffix(), progress, cancelled);
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
	}

	/** @return e.g. {@code "Output: 1 -> 8 channels, 64 x 64 x 16 per sample, 32-bit"} */
	@Override
	public final String outputText(final ImagePlus image) {
		final Layer3D layer = volumeLayer();
		try {
			final long[] size = layer.outputSize(image.getWidth(), image.getHeight(), image.getNSlices());
			final int cin = PlaneRunner.channels(image);
			final boolean keeps = layer.keepsType() && image.getBitDepth() != 24 && !image.getCalibration().isSigned16Bit();
			return "Output: " + cin + " \u2192 " + layer.outputChannels(cin) + " channels, " + size[0] + " \u00d7 " + size[1] +
				" \u00d7 " + size[2] + " per sample, " + (keeps ? image.getBitDepth() + "-bit" : "32-bit");
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
	}

	/**
	 * Prefixes a core layer's message with the command's name.
	 *
	 * @param e the core's exception
	 * @return an exception whose message starts with the command's name
	 */
	final IllegalArgumentException named(final IllegalArgumentException e) {
		final String name = command.commandName();
		return new IllegalArgumentException(e.getMessage().startsWith(name) ? e.getMessage() : name + ": " + e.getMessage(), e);
	}
}

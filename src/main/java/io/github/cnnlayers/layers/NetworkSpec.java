package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.NetworkImages;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.SizeFit;
import io.github.cnnlayers.network.Tiling;

/**
 * The options of {@code run("Run Network...", "model=[/path/unet.onnx] output=[name] tile=0 stack")}, parsed
 * once: the model (read once per file version), the output to show, the tiling. Its keys and defaults are
 * written here once.
 */
public final class NetworkSpec {

	/** The command's name in messages */
	static final String NAME = "Run Network";

	/** The model file */
	public static final Key MODEL = Key.of("model", Key.Kind.TEXT, "", "Model", "an .onnx, .h5 or .keras file").namingFile();
	/** The output to show; empty: the model's first */
	public static final Key OUTPUT = Key.of("output", Key.Kind.TEXT, "", "Output", "one of the model's output names (default: the first)");
	/** How the image is cut into tiles */
	public static final Key TILE = Key.of("tile", Key.Kind.TEXT, "auto", "Tile", Tiling.ALLOWED);

	/** The keys, in dialog order */
	public static final List<Key> KEYS = java.util.Collections.unmodifiableList(Arrays.asList(MODEL, OUTPUT, TILE));

	private final MacroOptions options;
	private final NetworkModel model;
	private final String output;
	private final Tiling tiling;

	private NetworkSpec(final MacroOptions options, final NetworkModel model, final String output, final Tiling tiling) {
		this.options = options;
		this.model = model;
		this.output = output;
		this.tiling = tiling;
	}

	/**
	 * @param options the options in macro syntax
	 * @return them parsed, unchecked
	 * @throws IllegalArgumentException for an unknown or repeated key
	 */
	public static MacroOptions parseOptions(final String options) {
		final List<String> allowed = new java.util.ArrayList<>();
		for (final Key k : KEYS)
			allowed.add(k.name());
		allowed.add("stack");
		allowed.add("slice");
		return MacroOptions.parseLayer(NAME, options, allowed);
	}

	/**
	 * @param options the options in macro syntax
	 * @return the checked spec, its model read
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public static NetworkSpec parse(final String options) {
		final MacroOptions o = parseOptions(options);
		final String file = MODEL.text(o).trim();
		if (file.isEmpty())
			throw new IllegalArgumentException(NAME + " needs model=[file]: " + MODEL.allowed());
		final Tiling tiling;
		try {
			tiling = Tiling.parse(TILE.text(o));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
		}
		final NetworkModel model = WeightCache.model(file, NAME, ModelFormat::read);
		final String out = OUTPUT.text(o).trim().isEmpty() ? model.outputs().get(0) : OUTPUT.text(o).trim();
		if (!model.outputs().contains(out))
			throw new IllegalArgumentException(NAME + ": output=" + out + " is not an output of " + model.source() + "; allowed: " +
				String.join(", ", model.outputs()));
		o.flag("stack");
		o.flag("slice");
		return new NetworkSpec(o, model, out, tiling);
	}

	/** @return the options it was parsed from */
	public MacroOptions options() {
		return options;
	}

	/** @return the model */
	public NetworkModel model() {
		return model;
	}

	/** @return the output to show */
	public String output() {
		return output;
	}

	/** @return how the image is cut into tiles */
	public Tiling tiling() {
		return tiling;
	}

	/**
	 * @param imp the image it would run on
	 * @return what the model is, and what it makes of this image (or why it cannot); for a 3D network, of the
	 *         image's volume (Z as depth, C x D x H x W)
	 */
	public String describe(final ImagePlus imp) {
		final boolean volumes = model.takesVolumes();
		final Shape in = volumes ? NetworkImages.volumeShape(imp) : NetworkImages.sampleShape(imp);
		final String what = volumes ? "This image's volume (Z as depth, C x D x H x W): " : "This image: ";
		String fits;
		try {
			final SizeFit fit = SizeFit.of(model, in);
			final Shape out = fit.plan().shapes().get(output);
			final Shape run = fit.input();
			fits = what + in + " -> " + output + " " + fit.kept(out) + (fit.padded() ? " (padded to " + run.width() + " x " +
				run.height() + (volumes ? " x " + run.depth() : "") + ", cropped back)" : "");
		}
		catch (final IllegalArgumentException e) {
			fits = what + e.getMessage();
		}
		return model.describe() + "\n" + fits;
	}

	/** @return the outputs of the model, for a dialog */
	public List<String> outputs() {
		return model.outputs();
	}
}

package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.Upsample;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The options of {@code run("Upsample...", ...)}, parsed once: PyTorch's {@code interpolate(x, scale_factor=scale,
 * mode, align_corners)} with one scale for both axes, mode nearest or bilinear (any case), and the flag
 * {@code align_corners} (bilinear only, as in PyTorch).
 */
public final class UpsampleSpec extends SpecBase {

	static final Key SCALE = Key.of("scale", Key.Kind.NUMBER, "2", "Scale",
		"a number > 0 (2 doubles the width and height, 0.5 halves them)");
	static final Key MODE = Key.choice("mode", Interpolation.NEAREST.label(), "Mode",
		Arrays.stream(Interpolation.values()).map(Interpolation::label).toArray(String[]::new));
	static final Key ALIGN_CORNERS = Key.of("align_corners", Key.Kind.FLAG, "false", "Align_corners (bilinear: corner pixels kept)",
		"a flag, with mode bilinear");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(SCALE, MODE, ALIGN_CORNERS));

	private final double scale;
	private final Interpolation mode;
	private final boolean alignCorners;
	private final Upsample layer;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	UpsampleSpec(final MacroOptions o) {
		super(LayerCommand.UPSAMPLE, o);
		try {
			scale = SCALE.number(o);
			mode = Interpolation.fromLabel(MODE.text(o));
			alignCorners = ALIGN_CORNERS.flag(o);
			layer = Upsample.pytorch(scale, scale, mode, alignCorners);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(e.getMessage().startsWith("Upsample") ? e.getMessage() : "Upsample: " + e.getMessage(), e);
		}
	}

	@Override
	public Layer layer() {
		return layer;
	}

	/** @return the parameters in effect, e.g. {@code "scale 2, bilinear, align_corners"} */
	@Override
	public String describe() {
		return "scale " + NumberText.of(scale) + ", " + mode.label() + (alignCorners ? ", align_corners" : "");
	}

	/** @return a caption for pictures, e.g. {@code "Upsample x2 nearest"} */
	@Override
	public String caption() {
		return "Upsample \u00d7" + NumberText.of(scale) + " " + mode.label();
	}
}

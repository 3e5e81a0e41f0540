package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The options of {@code run("Pad...", ...)}, parsed once: PyTorch's {@code F.pad(x, (left, right, top, bottom),
 * mode, value)} with a padding per side (negative crops), mode zero, constant, reflect, replicate or circular (any
 * case), and the fill value of mode constant.
 */
public final class PadSpec extends SpecBase {

	private static final String SIDE = "whole numbers (negative: pixels cropped)";

	static final Key TOP = Key.of("top", Key.Kind.INTEGER, "1", "Top", SIDE);
	static final Key BOTTOM = Key.of("bottom", Key.Kind.INTEGER, "1", "Bottom", SIDE);
	static final Key LEFT = Key.of("left", Key.Kind.INTEGER, "1", "Left", SIDE);
	static final Key RIGHT = Key.of("right", Key.Kind.INTEGER, "1", "Right", SIDE);
	static final Key MODE = Key.choice("mode", PadMode.ZERO.label(), "Mode",
		Arrays.stream(PadMode.values()).map(PadMode::label).toArray(String[]::new));
	static final Key VALUE = Key.of("value", Key.Kind.NUMBER, "0", "Value (mode constant)", "any finite number with mode constant, else 0");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(TOP, BOTTOM, LEFT, RIGHT, MODE, VALUE));

	private final Pad layer;
	private final int[] sides;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	PadSpec(final MacroOptions o) {
		super(LayerCommand.PAD, o);
		sides = new int[] { TOP.integer(o), BOTTOM.integer(o), LEFT.integer(o), RIGHT.integer(o) };
		try {
			layer = Pad.of(PadMode.fromLabel(MODE.text(o)), sides[0], sides[1], sides[2], sides[3], VALUE.number(o));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("Pad: " + e.getMessage(), e);
		}
	}

	@Override
	public Layer layer() {
		return layer;
	}

	/** @return the parameters in effect, e.g. {@code "top 1, bottom 1, left 2, right 2, reflect"} */
	@Override
	public String describe() {
		return "top " + sides[0] + ", bottom " + sides[1] + ", left " + sides[2] + ", right " + sides[3] + ", " + layer.mode().label() +
			(layer.mode().takesValue() ? " " + NumberText.of(layer.value()) : "");
	}

	/** @return a caption for pictures, e.g. {@code "Pad reflect 1,1,2,2"} */
	@Override
	public String caption() {
		return "Pad " + layer.mode().label() + " " + sides[0] + "," + sides[1] + "," + sides[2] + "," + sides[3];
	}
}

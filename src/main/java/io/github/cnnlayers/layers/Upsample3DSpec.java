package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.Upsample3D;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The options of {@code run("Upsample 3D...", ...)}, parsed once: PyTorch's {@code interpolate(x,
 * scale_factor=(sz, sy, sx), mode, align_corners)} on volumes; {@code scale} one number or three in z y x order,
 * mode nearest or trilinear (any case), the flag {@code align_corners} (trilinear only).
 */
public final class Upsample3DSpec extends VolumeSpec {

	/** The interpolations of volumes, by their 3D names. */
	enum Mode {
		/** the nearest voxel (keeps the type) */
		NEAREST("nearest", Interpolation.NEAREST),
		/** linear along each of the three axes (32-bit) */
		TRILINEAR("trilinear", Interpolation.BILINEAR);

		private final String label;
		private final Interpolation interpolation;

		Mode(final String label, final Interpolation interpolation) {
			this.label = label;
			this.interpolation = interpolation;
		}

		/** @return the macro value */
		String label() {
			return label;
		}

		/**
		 * @param text a macro value, any case
		 * @return its mode
		 * @throws IllegalArgumentException naming the allowed values
		 */
		static Mode fromLabel(final String text) {
			for (final Mode m : values())
				if (m.label.equals(text.trim().toLowerCase(Locale.ROOT)))
					return m;
			throw new IllegalArgumentException("mode=" + text + " is not allowed; allowed: nearest, trilinear");
		}
	}

	static final Key SCALE = Key.of("scale", Key.Kind.TEXT, "2", "Scale (z y x, or one for all)",
		"a number > 0 (2 doubles the axis, 0.5 halves it)");
	static final Key MODE = Key.choice("mode", Mode.NEAREST.label(), "Mode", Arrays.stream(Mode.values()).map(Mode::label)
		.toArray(String[]::new));
	static final Key ALIGN_CORNERS = Key.of("align_corners", Key.Kind.FLAG, "false", "Align_corners (trilinear: corner voxels kept)",
		"a flag, with mode trilinear");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(SCALE, MODE, ALIGN_CORNERS));

	private final double[] scale;
	private final Mode mode;
	private final boolean alignCorners;
	private final Upsample3D layer;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	Upsample3DSpec(final MacroOptions o) {
		super(LayerCommand.UPSAMPLE_3D, o);
		scale = SCALE.perAxisNumbers(o);
		try {
			mode = Mode.fromLabel(MODE.text(o));
			alignCorners = ALIGN_CORNERS.flag(o);
			if (alignCorners && mode == Mode.NEAREST)
				throw new IllegalArgumentException("align_corners is not allowed with mode nearest (as in PyTorch); allowed: " +
					"align_corners with mode trilinear");
			layer = Upsample3D.pytorch(scale[0], scale[1], scale[2], mode.interpolation, alignCorners);
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
	}

	@Override
	Layer3D volumeLayer() {
		return layer;
	}

	@Override
	VoxelGrid grid() {
		return VoxelGrid.resampled(layer.transform(), scale);
	}

	private String scaleText() {
		return scale[0] == scale[1] && scale[1] == scale[2] ? NumberText.of(scale[0]) :
			NumberText.of(scale[0]) + " " + NumberText.of(scale[1]) + " " + NumberText.of(scale[2]);
	}

	/** @return the parameters in effect, e.g. {@code "scale 1 2 2, trilinear, align_corners"} */
	@Override
	public String describe() {
		return "scale " + scaleText() + ", " + mode.label() + (alignCorners ? ", align_corners" : "");
	}

	/** @return a caption for pictures, e.g. {@code "Upsample 3D x1 2 2 trilinear"} */
	@Override
	public String caption() {
		return "Upsample 3D \u00d7" + scaleText() + " " + mode.label();
	}
}

package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.TextWidget;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * Conv2D for scripts: PyTorch's {@code conv2d} on the input's planes, into a new 32-bit image titled
 * {@code &lt;title&gt;-conv2d}. The parameters are the keys of {@code run("Conv2D...", ...)}, with the same
 * defaults: kernel the edge detector, preset custom (another preset replaces the kernel), no file,
 * stride 1, padding "same", border zero, dilation 1, bias 0, normalize and stack off.
 * <p>
 * Groovy: {@code command.run(Conv2DCommand, true, "input", imp, "preset", "edge").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Conv2D",
	description = "CNN Layers: PyTorch conv2d into a new 32-bit image (the ImageJ 1.x command Conv2D... for scripts)")
public class Conv2DCommand extends LayerCommandBase {

	/** The kernel text: one row per line (or {@code \n}), values separated by spaces or commas; odd sizes. */
	@Parameter(label = "Kernel", style = TextWidget.AREA_STYLE, required = false, persist = false,
		description = "One row per line, values separated by spaces; odd width and height. Ignored unless preset is custom")
	private String kernel = "-1 -1 -1\n-1 8 -1\n-1 -1 -1";

	/** A named kernel; anything but "custom" replaces {@link #kernel}. Same labels as {@code KernelPreset}. */
	@Parameter(label = "Preset", required = false, persist = false, choices = { "custom", "identity", "box blur",
		"gaussian 3x3", "gaussian 5x5", "sharpen", "edge", "sobel x", "sobel y", "prewitt x", "prewitt y", "emboss", "sobel xy",
		"gabor 4 angles" },
		description = "A named kernel; anything but custom replaces the kernel text")
	private String preset = "custom";

	/** A kernel text file, used instead of {@link #kernel} (a preset other than custom still wins). */
	@Parameter(label = "Kernel file", required = false, persist = false,
		description = "A kernel text file (one row per line), used instead of the kernel text")
	private String file;

	/** Step between output pixels, both axes. */
	@Parameter(label = "Stride", persist = false, description = "Whole number >= 1")
	private double stride = 1;

	/** Padding: one whole number for both axes, "x,y", or "same". */
	@Parameter(label = "Padding", required = false, persist = false,
		description = "A whole number >= 0 (both axes), two as \"x,y\", or \"same\" (keeps the size at stride 1)")
	private String padding = "same";

	/** What the padded pixels hold. */
	@Parameter(label = "Border", required = false, persist = false,
		choices = { "zero", "replicate", "reflect", "circular" },
		description = "What padded pixels hold: zero, replicate, reflect or circular (PyTorch padding_mode)")
	private String border = "zero";

	/** Spacing between kernel taps. */
	@Parameter(label = "Dilation", persist = false, description = "Whole number >= 1")
	private double dilation = 1;

	/** Added to every output pixel. */
	@Parameter(label = "Bias", persist = false, description = "Any finite number")
	private double bias = 0;

	/** Divide the kernel by its sum (a kernel summing to 0 is used as is). */
	@Parameter(label = "Normalize kernel", persist = false, description = "Divide the kernel by its sum (unless it sums to 0)")
	private boolean normalize;

	/** A weight file: PyTorch .npy/.npz/.safetensors or Keras .h5/.keras; with it, the layer convolves over channels. */
	@Parameter(label = "Weights", required = false, persist = false,
		description = "A weight file (.npy, .npz, .safetensors, .h5, .keras); with it the kernel is not used")
	private String weights;

	/** The tensor (PyTorch) or layer (Keras) name in the weight file. */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The tensor or layer name in the weight file")
	private String tensor;

	/** A .npy file of C_out biases, instead of a bias in the weight file. */
	@Parameter(label = "Biases", required = false, persist = false, description = "A .npy file of C_out biases")
	private String biases;

	/** Groups, as in PyTorch: C_in and C_out divisible by it. */
	@Parameter(label = "Groups", persist = false, description = "Whole number >= 1 dividing C_in and C_out")
	private double groups = 1;

	/** Every plane of a stack; else only the current plane. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every plane of a stack or hyperstack; else the current plane only (a composite in Composite mode: all)")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.CONV2D;
	}
}

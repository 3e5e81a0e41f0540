package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch conv3d with learned weights (32-bit) into a new image titled &lt;title&gt;-conv3d for scripts (see {@link LayerCommandBase}); Z is the depth, every T a
 * sample, and each size, stride, padding, dilation or scale is one number or three in z y x order ("1 2 2").
 * <p>
 * Groovy: {@code command.run(Conv3DCommand, true, "input", imp, "weights", "/path/m.safetensors", "tensor", "enc.0", "padding", "1").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "Conv3D",
	description = "CNN Layers: PyTorch conv3d with learned weights (32-bit) into a new image titled <title>-conv3d (the ImageJ 1.x command Conv3D for scripts)")
public class Conv3DCommand extends LayerCommandBase {

	/** A .npy, .npz, .safetensors or Keras .h5 file: PyTorch's Conv3d layout [C_out, C_in/groups, kd, kh, kw] or a Keras Conv3D layer */
	@Parameter(label = "Weights", required = false, persist = false, description = "A .npy, .npz, .safetensors or Keras .h5 file: PyTorch's Conv3d layout [C_out, C_in/groups, kd, kh, kw] or a Keras Conv3D layer")
	private String weights;

	/** The tensor or layer name in the weight file (empty: the file's only tensor) */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The tensor or layer name in the weight file (empty: the file's only tensor)")
	private String tensor;

	/** A .npy file of C_out values (optional) */
	@Parameter(label = "Biases", required = false, persist = false, description = "A .npy file of C_out values (optional)")
	private String biases;

	/** One whole number >= 1, or three in z y x order */
	@Parameter(label = "Stride", persist = false, description = "One whole number >= 1, or three in z y x order")
	private String stride = "1";

	/** One whole number >= 0, or three in z y x order */
	@Parameter(label = "Padding", persist = false, description = "One whole number >= 0, or three in z y x order")
	private String padding = "0";

	/** One whole number >= 1, or three in z y x order */
	@Parameter(label = "Dilation", persist = false, description = "One whole number >= 1, or three in z y x order")
	private String dilation = "1";

	/** Whole number >= 1 dividing C_in and C_out */
	@Parameter(label = "Groups", persist = false, description = "Whole number >= 1 dividing C_in and C_out")
	private double groups = 1;

	/** What the padded voxels hold */
	@Parameter(label = "Border", choices = { "zero", "replicate", "reflect", "circular" }, persist = false, description = "What the padded voxels hold")
	private String border = "zero";

	/** A typed kernel instead of weights: rows of numbers, one row per line, the planes (z) separated by a blank line. */
	@Parameter(label = "Kernel", required = false, persist = false, description = "A typed kernel instead of weights: rows of numbers, one row per line, the planes (z) separated by a blank line")
	private String kernel;

	/** A named kernel instead of weights. */
	@Parameter(label = "Preset", choices = { "custom", "sobel x", "sobel y", "sobel z", "laplacian", "mean 3x3x3" }, persist = false, description = "A named 3D kernel (custom: the kernel text)")
	private String preset = "custom";

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false, description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.CONV3D;
	}
}

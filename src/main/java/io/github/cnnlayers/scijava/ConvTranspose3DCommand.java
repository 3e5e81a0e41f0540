package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch conv_transpose3d with learned weights (32-bit) into a new image titled &lt;title&gt;-convtranspose3d for scripts (see {@link LayerCommandBase}); Z is the depth, every T a
 * sample, and each size, stride, padding, dilation or scale is one number or three in z y x order ("1 2 2").
 * <p>
 * Groovy: {@code command.run(ConvTranspose3DCommand, true, "input", imp, "weights", "/path/m.safetensors", "tensor", "up.0", "stride", "2").get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "ConvTranspose3D",
	description = "CNN Layers: PyTorch conv_transpose3d with learned weights (32-bit) into a new image titled <title>-convtranspose3d (the ImageJ 1.x command ConvTranspose3D for scripts)")
public class ConvTranspose3DCommand extends LayerCommandBase {

	/** A .npy, .npz or .safetensors file of PyTorch's ConvTranspose3d layout [C_in, C_out/groups, kd, kh, kw] */
	@Parameter(label = "Weights", required = false, persist = false, description = "A .npy, .npz or .safetensors file of PyTorch's ConvTranspose3d layout [C_in, C_out/groups, kd, kh, kw]")
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

	/** One whole number >= 0, or three in z y x order; smaller than the stride or the dilation */
	@Parameter(label = "Output padding", persist = false, description = "One whole number >= 0, or three in z y x order; smaller than the stride or the dilation")
	private String output_padding = "0";

	/** One whole number >= 1, or three in z y x order */
	@Parameter(label = "Dilation", persist = false, description = "One whole number >= 1, or three in z y x order")
	private String dilation = "1";

	/** Whole number >= 1 dividing C_in and C_out */
	@Parameter(label = "Groups", persist = false, description = "Whole number >= 1 dividing C_in and C_out")
	private double groups = 1;

	/** Accepted and ignored: a 3D layer always takes every plane. */
	@Parameter(label = "All planes (stack)", persist = false, description = "Accepted; a 3D layer always processes the whole image")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.CONV_TRANSPOSE3D;
	}
}

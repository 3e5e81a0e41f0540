package io.github.cnnlayers.scijava;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.cnnlayers.layers.LayerCommand;

/**
 * PyTorch conv_transpose2d with learned weights (32-bit) into a new image titled &lt;title&gt;-convtranspose2d for scripts (see {@link LayerCommandBase}).
 * <p>
 * Groovy: {@code command.run(ConvTranspose2DCommand, true, "input", imp, "stack", true).get().getOutput("result")}
 */
@Plugin(type = Command.class, headless = true, visible = false, label = "ConvTranspose2D",
	description = "CNN Layers: PyTorch conv_transpose2d with learned weights (32-bit) into a new image titled <title>-convtranspose2d (the ImageJ 1.x command ConvTranspose2D for scripts)")
public class ConvTranspose2DCommand extends LayerCommandBase {

	/** The weight file. */
	@Parameter(label = "Weights", required = false, persist = false, description = "A .npy, .npz or .safetensors file of PyTorch's ConvTranspose2d layout [C_in, C_out/groups, kh, kw]")
	private String weights;

	/** The tensor or layer name in the file. */
	@Parameter(label = "Tensor", required = false, persist = false, description = "The tensor or layer name in the file (NAME or NAME.weight, with NAME.bias)")
	private String tensor;

	/** A bias file. */
	@Parameter(label = "Biases", required = false, persist = false, description = "A .npy file of C_out values, optional")
	private String biases;

	/** The stride. */
	@Parameter(label = "Stride", persist = false, description = "A whole number >= 1")
	private double stride = 1;

	/** Padding P: the output is cropped by P on each side. */
	@Parameter(label = "Padding", persist = false, description = "A whole number >= 0")
	private double padding = 0;

	/** Added to one side of the output. */
	@Parameter(label = "Output padding", persist = false, description = "A whole number >= 0, smaller than the stride or the dilation")
	private double output_padding = 0;

	/** The dilation. */
	@Parameter(label = "Dilation", persist = false, description = "A whole number >= 1")
	private double dilation = 1;

	/** The groups. */
	@Parameter(label = "Groups", persist = false, description = "A whole number >= 1 dividing C_in")
	private double groups = 1;

	/** Every (z, t) of a hyperstack; else only the current one. */
	@Parameter(label = "All planes (stack)", persist = false,
		description = "Every (z, t) of a hyperstack; else the current one only")
	private boolean stack;

	@Override
	protected LayerCommand layer() {
		return LayerCommand.CONV_TRANSPOSE2D;
	}
}

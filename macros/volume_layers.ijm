// CNN Layers: a 3D encoder-decoder step on a z-stack, layer by layer (Z is the depth, C the channels).
//
//   Conv3D              learned weights enc.0 ([C_out, C_in, kd, kh, kw], PyTorch's Conv3d), padding 0 1 1
//   Max Pooling 3D      1 x 2 x 2 windows: halves width and height, keeps the depth (anisotropic voxels)
//   Upsample 3D         trilinear x (1, 2, 2): back to the conv's size
//   ConvTranspose3D     learned weights up.0 ([C_in, C_out, kd, kh, kw]), stride 1 2 2: doubles width and height
//
// Argument (ImageJ -batch volume_layers.ijm "in=/a/stack.tif weights=/a/m.safetensors out=/a/result.tif"):
// opens `in`, reads `weights` (a .safetensors or .npz state_dict holding enc.0 and up.0) and saves the result
// as `out`. Without an argument it runs on the active hyperstack and asks for the weight file.
// Every step prints its title, size and voxel size: pooling doubles the voxel width and height, upsampling halves
// them again.

arg = getArgument();
input = ""; weights = ""; output = "";
parts = split(arg, " ");
for (i = 0; i < parts.length; i++) {
	if (startsWith(parts[i], "in=")) input = substring(parts[i], 3);
	if (startsWith(parts[i], "weights=")) weights = substring(parts[i], 8);
	if (startsWith(parts[i], "out=")) output = substring(parts[i], 4);
}
if (input != "")
	open(input);
if (nImages == 0)
	exit("Open a z-stack (channels = the network's input channels) first");
if (weights == "")
	weights = File.openDialog("Weights with enc.0 and up.0 (.safetensors, .npz)");

function report() {
	getDimensions(w, h, c, z, t);
	getVoxelSize(vw, vh, vd, unit);
	print(getTitle() + ": " + w + " x " + h + " x " + z + ", " + c + " channels, voxel " + vw + " x " + vh + " x " + vd + " " + unit);
}

report();
run("Conv3D...", "weights=[" + weights + "] tensor=enc.0 stride=1 padding=[0 1 1] dilation=1 groups=1 border=zero");
report();
run("Max Pooling 3D...", "size=[1 2 2] stride=[1 2 2] padding=0");
report();
run("Upsample 3D...", "scale=[1 2 2] mode=trilinear");
report();
run("ConvTranspose3D...", "weights=[" + weights + "] tensor=up.0 stride=[1 2 2] padding=0 output_padding=0");
report();
if (output != "")
	saveAs("Tiff", output);

// CNN Layers: one decoder step of a U-Net-style network, layer by layer, on the active image.
//
//   Pad            reflect 1 pixel on every side (so that the convolution below keeps the size)
//   Conv2D         the edge kernel, no padding of its own
//   Instance Norm  every channel to mean 0, variance 1
//   GELU           the activation of modern networks
//   Upsample       bilinear x2 (PyTorch's interpolate), the decoder's way up
//   Global Average Pooling  the mean of the result, printed
//
// With no image open, it opens the embedded sample cell.png. Given a folder as argument
// (ImageJ -batch decoder_block.ijm /path/to/folder), it saves the upsampled map there as <title>_decoder.tif.
// Headless twin: --step 'Pad... mode=reflect' --step 'Conv2D... preset=edge padding=0' --step 'Instance Norm...'
// --step GELU --step 'Upsample... scale=2 mode=bilinear'.

if (nImages == 0)
	sample = call("io.github.cnnlayers.pipeline.Samples.open", "cell");
base = getTitle();
dot = lastIndexOf(base, ".");
if (dot > 0)
	base = substring(base, 0, dot);
base = replace(base, " ", "_");

run("Pad...", "top=1 bottom=1 left=1 right=1 mode=reflect stack");
padded = getImageID();
run("Conv2D...", "preset=edge padding=0 stack");
selectImage(padded);
close();
selectImage(base + "-pad-conv2d");
run("Instance Norm...", "eps=1e-5 stack");
run("GELU", "stack");
run("Upsample...", "scale=2 mode=bilinear stack");
rename(base + "_decoder");
decoder = getImageID();
print("decoder_block: " + getTitle() + " " + getWidth() + "x" + getHeight() + " " + bitDepth() + "-bit");

run("Global Average Pooling", "stack");
print("decoder_block: mean " + d2s(getPixel(0, 0), 6));
close();

outDir = getArgument();
if (outDir != "") {
	if (!endsWith(outDir, "/") && !endsWith(outDir, File.separator))
		outDir = outDir + File.separator;
	File.makeDirectory(outDir);
	selectImage(decoder);
	saveAs("Tiff", outDir + base + "_decoder.tif");
	print("decoder_block: saved " + outDir + base + "_decoder.tif");
}

// CNN Layers: a trained network on the active image, whole and in tiles.
//
//   Run Network...  tile=0    the whole image at once
//   Run Network...  tile=128  tiles of about 128 x 128 pixels, planned from the network's graph: the result
//                             equals the whole image's bit for bit (the macro prints the largest difference: 0)
//
// The model is the main job's U-Net (models/cell_unet.onnx in the CNN Layers jar, trained by
// src/main/python/make_cell_unet.py to segment the cell in the sample cell.png): one probability per pixel.
// Point "model" at your own .onnx, Keras .h5 or .keras file to run your network; tile=auto (the default) tiles
// only when the whole image does not fit in memory. With no image open, it opens the embedded sample cell.png.
// Given a folder as argument (ImageJ -batch run_network.ijm /path/to/folder), it saves the result there as
// <title>_network.tif.

setBatchMode(true);
if (nImages == 0)
	sample = call("io.github.cnnlayers.pipeline.Samples.open", "cell");
source = getImageID();
base = getTitle();
dot = lastIndexOf(base, ".");
if (dot > 0)
	base = substring(base, 0, dot);
base = replace(base, " ", "_");
model = call("io.github.cnnlayers.pipeline.Samples.model", "cell_unet");

run("Run Network...", "model=[" + model + "] tile=0");
rename(base + "_whole");
selectImage(source);
run("Run Network...", "model=[" + model + "] tile=128");
rename(base + "_network");
tiledID = getImageID();

imageCalculator("Difference create 32-bit", base + "_whole", base + "_network");
getStatistics(area, mean, min, max);
close();
getDimensions(w, h, c, z, t);
print("run_network: " + base + "_network " + w + "x" + h + " " + bitDepth() + "-bit; whole vs tiles of 128: largest difference " + max);

outDir = getArgument();
if (outDir != "") {
	if (!endsWith(outDir, "/") && !endsWith(outDir, File.separator))
		outDir = outDir + File.separator;
	File.makeDirectory(outDir);
	selectImage(tiledID);
	saveAs("Tiff", outDir + base + "_network.tif");
}

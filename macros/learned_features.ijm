// CNN Layers: a small trained-network-style model, layer by layer, on the active image.
//
//   layer 1  Conv2D with weights from a .safetensors file: +Sobel x, -Sobel x, +Sobel y, -Sobel y (4 channels)
//   ReLU     keeps the positive part of each: four feature maps
//   layer 2  a 1x1 Conv2D summing the four channels: |gx| + |gy|, an edge magnitude
//
// The weights ship in the CNN Layers jar (models/learned_edges.safetensors); point "w" at your own
// PyTorch .safetensors / .npz / .npy or Keras .h5 file and change "tensor" to run your network's layers.
// With no image open, it opens the embedded sample cell.png. Given a folder as argument
// (ImageJ -batch learned_features.ijm /path/to/folder), it saves the feature maps and the output there.
// Headless twin: the main job (PipelineRunner) writes the same maps as <input>_learned_...

if (nImages == 0)
	sample = call("io.github.cnnlayers.pipeline.Samples.open", "cell");
w = call("io.github.cnnlayers.pipeline.Samples.model", "learned_edges");
base = getTitle();
dot = lastIndexOf(base, ".");
if (dot > 0)
	base = substring(base, 0, dot);
base = replace(base, " ", "_");

// layer 1: a new 32-bit hyperstack with 4 channels, one per filter
run("Conv2D...", "weights=[" + w + "] tensor=edges.0 padding=1 stack");
run("ReLU", "stack");
rename(base + "_learned_features");
featuresID = getImageID();

// layer 2: the 4 channels summed into 1
run("Conv2D...", "weights=[" + w + "] tensor=edges.2 padding=0 stack");
rename(base + "_learned_edges");
edgesID = getImageID();

outDir = getArgument();
if (outDir != "") {
	if (!endsWith(outDir, "/") && !endsWith(outDir, File.separator))
		outDir = outDir + File.separator;
	File.makeDirectory(outDir);
	ids = newArray(featuresID, edgesID);
	for (i = 0; i < ids.length; i++) {
		selectImage(ids[i]);
		title = getTitle();
		saveAs("Tiff", outDir + title + ".tif");
		rename(title);
	}
}

// report (tests read these lines)
ids = newArray(featuresID, edgesID);
for (i = 0; i < ids.length; i++) {
	selectImage(ids[i]);
	getDimensions(width, height, channels, slices, frames);
	print("learned_features: " + getTitle() + " " + width + "x" + height + " " + channels + " channels " + bitDepth() + "-bit");
}

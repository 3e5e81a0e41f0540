// CNN Layers: the course notes' pipeline on the active image, as four feature maps.
//
//   conv2d                        edge kernel (8-neighbour Laplacian), "same" padding, replicated border
//   conv2d -> ReLU
//   conv2d -> Leaky ReLU (alpha 0.1)
//   conv2d -> Leaky ReLU -> Max Pooling (2x2, stride 2)
//
// With no image open, it opens the embedded sample cell.png (0.107 um/pixel) from the CNN Layers jar.
// Given a folder as argument (ImageJ -batch cnn_pipeline_demo.ijm /path/to/folder), it also saves the four
// feature maps there as 32-bit TIFFs.
// The run(...) lines are what the Macro Recorder writes for Plugins > CNN Layers; change them freely.
// Headless twin of this macro: io.github.cnnlayers.pipeline.PipelineRunner (see the README).

if (nImages == 0)
	sample = call("io.github.cnnlayers.pipeline.Samples.open", "cell");
source = getTitle();
sourceID = getImageID();
base = source;
dot = lastIndexOf(base, ".");
if (dot > 0)
	base = substring(base, 0, dot);
base = replace(base, " ", "_");

// 1. conv2d: a new 32-bit image, the source is left unchanged
run("Conv2D...", "kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] preset=[custom] stride=1 padding=1 border=replicate dilation=1 bias=0 stack");
rename(base + "_conv2d");
convID = getImageID();

// 2. conv2d -> ReLU (in place, so on a copy)
run("Duplicate...", "title=" + base + "_conv2d_relu duplicate");
run("ReLU", "stack");
resetMinAndMax();
reluID = getImageID();

// 3. conv2d -> Leaky ReLU
selectImage(convID);
run("Duplicate...", "title=" + base + "_conv2d_leakyrelu duplicate");
run("Leaky ReLU...", "alpha=0.1 stack");
resetMinAndMax();
leakyID = getImageID();

// 4. conv2d -> Leaky ReLU -> Max Pooling: a new, half-size image
run("Max Pooling...", "size=2 stride=2 padding=0 stack");
rename(base + "_conv2d_leakyrelu_maxpooling");
poolID = getImageID();

// save when a folder is given
outDir = getArgument();
if (outDir != "") {
	if (!endsWith(outDir, "/") && !endsWith(outDir, File.separator))
		outDir = outDir + File.separator;
	File.makeDirectory(outDir);
	maps = newArray(convID, reluID, leakyID, poolID);
	for (i = 0; i < maps.length; i++) {
		selectImage(maps[i]);
		title = getTitle();
		saveAs("Tiff", outDir + title + ".tif");
		rename(title);
	}
}

// report (one line per image; tests read these lines)
ids = newArray(sourceID, convID, reluID, leakyID, poolID);
for (i = 0; i < ids.length; i++) {
	selectImage(ids[i]);
	getPixelSize(unit, pw, ph);
	print("cnn_pipeline_demo: " + getTitle() + " " + getWidth() + "x" + getHeight() + "x" + nSlices + " " + bitDepth() +
		"-bit " + d2s(pw, 4) + " " + unit + "/pixel");
}
if (!is("Batch Mode"))
	run("Tile");

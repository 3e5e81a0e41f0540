// CNN Layers: every kernel preset of Conv2D applied to the current image, as one labelled stack.
//
// Each slice is the 32-bit Conv2D result of one preset ("same" padding, replicated border, stride 1),
// labelled with the preset's name. Works on the current plane; colour images are converted to a 32-bit
// gray copy first. With no image open, it opens the embedded sample cell.png from the CNN Layers jar.
// Given a file path as argument (ImageJ -batch kernel_gallery.ijm /path/to/gallery.tif), it also saves the
// stack there as a TIFF.

presets = newArray("identity", "box blur", "gaussian 3x3", "gaussian 5x5", "sharpen", "edge", "sobel x", "sobel y",
	"prewitt x", "prewitt y", "emboss");

if (nImages == 0)
	sample = call("io.github.cnnlayers.pipeline.Samples.open", "cell");
source = getTitle();
wasBatch = is("Batch Mode");
setBatchMode(true);
run("Duplicate...", "title=kernel_gallery_input");
if (bitDepth() == 24)
	run("32-bit");
inputID = getImageID();
w = getWidth();
h = getHeight();
getPixelSize(unit, pw, ph);

newImage("kernel_gallery", "32-bit black", w, h, presets.length);
galleryID = getImageID();
setVoxelSize(pw, ph, 1, unit);
for (i = 0; i < presets.length; i++) {
	selectImage(inputID);
	run("Conv2D...", "preset=[" + presets[i] + "] stride=1 padding=same border=replicate");
	resultID = getImageID();
	run("Select All");
	run("Copy");
	selectImage(galleryID);
	setSlice(i + 1);
	run("Paste");
	setMetadata("Label", presets[i]);
	selectImage(resultID);
	close();
}
selectImage(inputID);
close();
selectImage(galleryID);
run("Select None");
setSlice(1);
resetMinAndMax();
rename("kernel_gallery of " + source);
setBatchMode(wasBatch);

labels = "";
for (i = 1; i <= nSlices; i++) {
	setSlice(i);
	labels = labels + getInfo("slice.label");
	if (i < nSlices)
		labels = labels + ", ";
}
setSlice(1);
outPath = getArgument();
if (outPath != "") {
	title = getTitle();
	saveAs("Tiff", outPath);
	rename(title);
}
print("kernel_gallery: " + getTitle() + " " + getWidth() + "x" + getHeight() + "x" + nSlices + " " + bitDepth() + "-bit: " + labels);

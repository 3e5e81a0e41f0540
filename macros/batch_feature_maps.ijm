// CNN Layers: feature maps for every image in a folder.
//
// For each image file of the folder (sorted by name): Conv2D -> activation -> pooling, saved as a 32-bit
// TIFF (calibration kept) in the subfolder "feature_maps" beside the images, with a progress line per image.
// The folder is the macro's argument (for example
//   ImageJ -batch batch_feature_maps.ijm /path/to/images
// or runMacro(path, folder)), otherwise chosen in a dialog.
// Adapt the three run(...) lines below: they are the macro lines Plugins > CNN Layers records.
// A file that cannot be read (not an image, a truncated TIFF, too big for the memory left) is reported
// as FAILED with the reason and skipped, as the command-line pipeline does; the others go on.

conv = "preset=[sobel x] stride=1 padding=same border=replicate stack";
activation = "alpha=0.1 stack";
pooling = "size=2 stride=2 padding=0 stack";
outName = "feature_maps";
extensions = newArray(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".pgm", ".fits", ".fit", ".fts", ".dcm");

dir = getArgument();
if (dir == "")
	dir = getDirectory("Choose a folder of images");
if (dir == "")
	exit("No folder chosen");
if (!endsWith(dir, "/") && !endsWith(dir, File.separator))
	dir = dir + File.separator;
if (!File.isDirectory(dir))
	exit("Not a folder: " + dir);

// the image files, sorted
all = getFileList(dir);
Array.sort(all);
images = newArray(0);
for (i = 0; i < all.length; i++) {
	name = all[i];
	if (endsWith(name, "/") || startsWith(name, "."))
		continue;
	lower = toLowerCase(name);
	for (e = 0; e < extensions.length; e++)
		if (endsWith(lower, extensions[e])) {
			images = Array.concat(images, name);
			e = extensions.length;
		}
}
n = images.length;
if (n == 0)
	exit("No image files in " + dir);
out = dir + outName + File.separator;
File.makeDirectory(out);

wasBatch = is("Batch Mode");
setBatchMode(true);
start = getTime();
failed = 0;
for (i = 0; i < n; i++) {
	t0 = getTime();
	// open() would stop the macro on a bad file (an error dialog, or "No Image" at the next line)
	error = call("io.github.cnnlayers.pipeline.MacroFiles.open", dir + images[i]);
	if (error != "") {
		failed++;
		showProgress(i + 1, n);
		print("[" + (i + 1) + "/" + n + "] " + images[i] + " ... FAILED: " + error);
		continue;
	}
	srcID = getImageID();
	w = getWidth();
	h = getHeight();
	base = images[i];
	if (lastIndexOf(base, ".") > 0)
		base = substring(base, 0, lastIndexOf(base, "."));
	run("Conv2D...", conv);
	run("Leaky ReLU...", activation);
	run("Max Pooling...", pooling);
	result = base + "_conv2d_leakyrelu_maxpooling";
	rename(result);
	saveAs("Tiff", out + result + ".tif");
	ow = getWidth();
	oh = getHeight();
	bits = bitDepth();
	run("Close All");
	showProgress(i + 1, n);
	print("[" + (i + 1) + "/" + n + "] " + images[i] + " ... " + w + "x" + h + " -> " + result + ".tif " + ow + "x" + oh +
		" " + bits + "-bit, done in " + (getTime() - t0) + " ms");
}
setBatchMode(wasBatch);
if (failed == 0)
	print("batch_feature_maps: " + n + " images -> " + out + " in " + (getTime() - start) + " ms");
else
	print("batch_feature_maps: " + (n - failed) + " images -> " + out + " in " + (getTime() - start) + " ms; " + failed +
		" of " + n + " images FAILED (see above)");

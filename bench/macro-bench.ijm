// Macro-level benchmark: CNN Layers commands vs the ImageJ built-ins that do the same work, in one ImageJ,
// timed with getTime() around the run(...) call only. Each side works on a fresh duplicate of the same
// image (duplicated before the clock starts, then System.gc() so that no run pays for the garbage of
// earlier ones); results and working copies are closed after the clock stops, on both sides. Same number of threads on both sides (Edit > Options > Memory & Threads).
// Where the semantics are equal the outputs are compared (max |difference| over all planes), so the
// comparison cannot drift to different work. Run by bench/macro-bench, which installs the plugin.
//
// Argument (all optional): "runs=9 warmup=3 threads=1,2 part=all|table|fixed|steady calls=200 gc=1"
// part=steady: Conv2D 3x3, Max Pooling 2x2 and ReLU on 2048^2 8-bit and 32-bit, each with its ImageJ built-in,
// median and max/median of each side over 'runs' timed runs (20 unless given); gc=0 leaves out the
// System.gc() before each timed run, as a user's macro would.

var oursResult = 0;   // the images the first (checked) run of each side made
var theirsResult = 0;

arg = getArgument();
runs = parseInt(option(arg, "runs", "9"));
warmup = parseInt(option(arg, "warmup", "3"));
threadList = split(option(arg, "threads", "1,2"), ",");
part = option(arg, "part", "all");
calls = parseInt(option(arg, "calls", "200"));
gcOption = option(arg, "gc", "1");
gcEachRun = (gcOption == "1");
setBatchMode(true);
originalThreads = parseInt(call("ij.Prefs.getThreads"));

k3 = kernelText(3);
k7 = kernelText(7);
conv3 = "kernel=[" + k3 + "] preset=[custom] stride=1 padding=1 border=replicate dilation=1 bias=0";
conv7 = "kernel=[" + k7 + "] preset=[custom] stride=1 padding=3 border=replicate dilation=1 bias=0";
ijConv3 = "text1=[" + k3 + "]"; // no 'normalize': off
ijConv7 = "text1=[" + k7 + "]";

if (part == "all" || part == "table") {
	newImage("bench-2048", "32-bit random", 2048, 2048, 1);
	single = getImageID();
	newImage("bench-stack", "32-bit random", 1024, 1024, 16);
	stack = getImageID();
	print("");
	print("Macro level, ImageJ " + getVersion() + ", Java " + getInfo("java.version") + ", " + runs + " timed runs after " +
		warmup + " warm-ups, medians; ratio = ours / ImageJ, lower is better.");
	print("");
	print("| case | threads | ours ms | ImageJ ms | ratio | max abs diff |");
	print("|---|---|---|---|---|---|");
	for (t = 0; t < threadList.length; t++) {
		n = parseInt(threadList[t]);
		setThreads(n);
		compare("Conv2D 3x3 vs Convolve, 2048^2", n, single, "Conv2D...", conv3, "Convolve...", ijConv3, true);
		compare("Conv2D 7x7 vs Convolve, 2048^2", n, single, "Conv2D...", conv7, "Convolve...", ijConv7, true);
		compare("Conv2D 3x3 vs Convolve, 16x1024^2", n, stack, "Conv2D...", conv3 + " stack", "Convolve...", ijConv3 + " stack", true);
		compare("Conv2D 7x7 vs Convolve, 16x1024^2", n, stack, "Conv2D...", conv7 + " stack", "Convolve...", ijConv7 + " stack", true);
		compare("ReLU vs Math > Min (0), 2048^2", n, single, "ReLU", "", "Min...", "value=0", true);
		compare("Leaky ReLU (0.01) vs Math > Min (0), 2048^2", n, single, "Leaky ReLU...", "alpha=0.01", "Min...", "value=0", false);
		compare("ReLU vs Math > Min (0), 16x1024^2", n, stack, "ReLU", "stack", "Min...", "value=0 stack", true);
		compare("Max Pooling 2x2 vs Bin (Max), 2048^2", n, single, "Max Pooling...", "size=2 stride=2 padding=0", "Bin...", "x=2 y=2 bin=Max", true);
		compare("Min Pooling 2x2 vs Bin (Min), 2048^2", n, single, "Min Pooling...", "size=2 stride=2 padding=0", "Bin...", "x=2 y=2 bin=Min", true);
		compare("Max Pooling 2x2 vs Bin (Max), 16x1024^2", n, stack, "Max Pooling...", "size=2 stride=2 padding=0 stack", "Bin...", "x=2 y=2 z=1 bin=Max", true);
	}
	closeId(single);
	closeId(stack);
}

if (part == "steady") {
	runsOption = option(arg, "runs", "");
	if (runsOption == "")
		runs = 20;
	print("");
	print("Steadiness, ImageJ " + getVersion() + ", Java " + getInfo("java.version") + ", max heap " + d2s(parseFloat(IJ.maxMemory()) / 1048576, 0) +
		" MB, " + runs + " timed runs after " + warmup + " warm-ups, System.gc() before each: " + gcEachRun +
		"; ms; spread = max / median; ratio = ours / ImageJ (medians).");
	print("");
	print("| case | threads | ours median | ours max/median | ImageJ median | ImageJ max/median | ratio | ours runs |");
	print("|---|---|---|---|---|---|---|---|");
	types = newArray("8-bit", "32-bit");
	for (t = 0; t < threadList.length; t++) {
		n = parseInt(threadList[t]);
		setThreads(n);
		for (k = 0; k < types.length; k++) {
			newImage("bench-2048", types[k] + " random", 2048, 2048, 1);
			img = getImageID();
			steady("Conv2D 3x3 vs Convolve, 2048^2 " + types[k], n, img, "Conv2D...", conv3, "Convolve...", ijConv3);
			steady("Max Pooling 2x2 vs Bin (Max), 2048^2 " + types[k], n, img, "Max Pooling...", "size=2 stride=2 padding=0", "Bin...", "x=2 y=2 bin=Max");
			steady("ReLU vs Min (0), 2048^2 " + types[k], n, img, "ReLU", "", "Min...", "value=0");
			closeId(img);
		}
	}
}

if (part == "all" || part == "fixed") {
	print("");
	print("Fixed cost per call: " + calls + " calls on a 64x64 32-bit image, ms per call (median of 5 batches after 2 warm-up batches).");
	print("");
	print("| command | threads | ms per call |");
	print("|---|---|---|");
	newImage("small", "32-bit random", 64, 64, 1);
	small = getImageID();
	for (t = 0; t < threadList.length; t++) {
		n = parseInt(threadList[t]);
		setThreads(n);
		perCall("ReLU", "", false, small, n);
		perCall("Leaky ReLU...", "alpha=0.01", false, small, n);
		perCall("Min...", "value=0", false, small, n);
		perCall("Abs", "", false, small, n);
		perCall("Conv2D...", conv3, true, small, n);
		perCall("Convolve...", ijConv3, false, small, n);
		perCall("Max Pooling...", "size=2 stride=2 padding=0", true, small, n);
	}
	closeId(small);
}
setThreads(originalThreads);
print("");
print("load: " + exec("cat", "/proc/loadavg"));

// ---------------------------------------------------------------------------------------------------

/** Times ours and ImageJ's on fresh copies of image 'source', prints one table row. */
function compare(name, threads, source, ours, oursOptions, theirs, theirsOptions, sameResult) {
	oursTimes = newArray(runs);
	theirsTimes = newArray(runs);
	// alternate the two sides so that a change of machine load hits both
	for (i = -warmup; i < runs; i++) {
		a = timeRun(source, ours, oursOptions, (i == -warmup), 0);
		b = timeRun(source, theirs, theirsOptions, (i == -warmup), 1);
		if (i == -warmup) {
			diff = "-";
			if (sameResult)
				diff = maxAbsDiff(oursResult, theirsResult);
			closeId(oursResult);
			closeId(theirsResult);
		}
		if (i >= 0) {
			oursTimes[i] = a;
			theirsTimes[i] = b;
		}
	}
	mo = median(oursTimes);
	mt = median(theirsTimes);
	print("| " + name + " | " + threads + " | " + d2s(mo, 1) + " | " + d2s(mt, 1) + " | " + d2s(mo / mt, 2) + " | " + diff + " |");
}

/** Times ours and ImageJ's like compare(), prints medians and max/median of each side and ours' runs. */
function steady(name, threads, source, ours, oursOptions, theirs, theirsOptions) {
	oursTimes = newArray(runs);
	theirsTimes = newArray(runs);
	for (i = -warmup; i < runs; i++) {
		a = timeRun(source, ours, oursOptions, false, 0);
		b = timeRun(source, theirs, theirsOptions, false, 1);
		if (i >= 0) {
			oursTimes[i] = a;
			theirsTimes[i] = b;
		}
	}
	mo = median(oursTimes);
	mt = median(theirsTimes);
	Array.getStatistics(oursTimes, omin, omax);
	Array.getStatistics(theirsTimes, tmin, tmax);
	list = "";
	for (i = 0; i < runs; i++)
		list = list + " " + oursTimes[i];
	print("| " + name + " | " + threads + " | " + d2s(mo, 1) + " | " + d2s(omax / maxOf(mo, 1), 1) + " | " + d2s(mt, 1) + " | " +
		d2s(tmax / maxOf(mt, 1), 1) + " | " + d2s(mo / mt, 2) + " |" + list + " |");
}

/**
 * Runs 'command' on a fresh duplicate of 'source'; returns the ms the run(...) took. With keep, the
 * image the command leaves active is kept (in oursResult for side 0, theirsResult for side 1); else it
 * is closed.
 */
function timeRun(source, command, options, keep, side) {
	selectImage(source);
	run("Select None");
	run("Duplicate...", "title=work duplicate");
	work = getImageID();
	// the garbage of earlier runs (their images, the duplicates) is collected here, before the clock
	// starts, on both sides alike: each run pays only for the collections its own allocations cause
	if (gcEachRun)
		call("java.lang.System.gc");
	t0 = getTime();
	run(command, options);
	elapsed = getTime() - t0;
	result = getImageID();
	if (keep) {
		if (side == 0) oursResult = result; else theirsResult = result;
		if (result != work)
			closeId(work);
	} else {
		if (result != work)
			closeId(result);
		closeId(work);
	}
	return elapsed;
}

/** @return the largest |a - b| over all planes, as text; "size differs" when the images differ in size */
function maxAbsDiff(a, b) {
	selectImage(a);
	wa = getWidth(); ha = getHeight(); na = nSlices;
	selectImage(b);
	if (getWidth() != wa || getHeight() != ha || nSlices != na)
		return "size differs";
	imageCalculator("Difference create 32-bit stack", a, b);
	d = getImageID();
	largest = 0;
	for (z = 1; z <= nSlices; z++) {
		setSlice(z);
		getRawStatistics(count, mean, min, max);
		largest = maxOf(largest, max);
	}
	closeId(d);
	return "" + largest;
}

/** Times 'calls' runs of one command on a small image, in place or (makesImage) closing the image it makes. */
function perCall(command, options, makesImage, image, threads) {
	batches = 5;
	times = newArray(batches);
	for (b = -2; b < batches; b++) {
		selectImage(image);
		t0 = getTime();
		for (c = 0; c < calls; c++) {
			selectImage(image);
			run(command, options);
			if (makesImage)
				close();
		}
		if (b >= 0)
			times[b] = (getTime() - t0) / calls;
	}
	label = command;
	if (options != "" && lengthOf(options) < 40)
		label = command + " " + options;
	else if (options != "")
		label = command + " (3x3)";
	print("| " + label + " | " + threads + " | " + d2s(median(times), 3) + " |");
}

function setThreads(n) {
	run("Memory & Threads...", "parallel=" + n);
	if (parseInt(call("ij.Prefs.getThreads")) != n)
		exit("could not set " + n + " threads");
}

function closeId(id) {
	if (isOpen(id)) {
		selectImage(id);
		close();
	}
}

function median(values) {
	s = Array.copy(values);
	Array.sort(s);
	m = s.length;
	if (m % 2 == 1)
		return s[floor(m / 2)];
	return (s[m / 2 - 1] + s[m / 2]) / 2;
}

/** A sizexsize kernel, neither symmetric nor summing to 0 or 1, so flips and normalizing would show. */
function kernelText(size) {
	text = "";
	for (y = 0; y < size; y++) {
		if (y > 0)
			text = text + "\n";
		for (x = 0; x < size; x++) {
			if (x > 0)
				text = text + " ";
			text = text + d2s(((y * size + x) % 7 - 2.5) / 8 + x * 0.01, 4);
		}
	}
	return text;
}

function option(text, key, fallback) {
	words = split(text, " ");
	for (i = 0; i < words.length; i++)
		if (startsWith(words[i], key + "="))
			return substring(words[i], lengthOf(key) + 1);
	return fallback;
}

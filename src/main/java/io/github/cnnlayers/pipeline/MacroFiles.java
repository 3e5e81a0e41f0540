package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;

import ij.IJ;
import ij.ImagePlus;
import io.github.cnnlayers.ij.ErrorText;

/**
 * Opening image files from a macro the way the command-line pipeline does: a file that cannot be read
 * (not an image, a truncated TIFF, too big for the memory left) gives an error text the macro can
 * print and skip, instead of an ImageJ error dialog that stops the macro (and never closes in a
 * headless {@code -batch} run).
 *
 * <pre>
 * error = call("io.github.cnnlayers.pipeline.MacroFiles.open", path);
 * if (error != "") { print(path + ": " + error); continue; }
 * </pre>
 */
public final class MacroFiles {

	private MacroFiles() {}

	/**
	 * Opens an image file with ImageJ's readers and shows it (in batch mode: makes it the current,
	 * hidden image), as the macro function {@code open(path)} does.
	 *
	 * @param path the file
	 * @return {@code ""} when the image is open, otherwise why it could not be opened (never throws)
	 */
	public static String open(final String path) {
		final ImagePlus imp;
		final boolean redirecting = IJ.redirectingErrorMessages();
		IJ.redirectErrorMessages(true); // ImageJ's reader errors go to the log, not into a dialog
		try {
			imp = ImageFiles.open(new File(path));
		}
		catch (final IOException | RuntimeException | OutOfMemoryError e) {
			return ErrorText.of(e);
		}
		finally {
			IJ.redirectErrorMessages(redirecting);
		}
		imp.show();
		return "";
	}
}

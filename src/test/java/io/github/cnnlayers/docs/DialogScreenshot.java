package io.github.cnnlayers.docs;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import io.github.cnnlayers.pipeline.Samples;

/**
 * Makes the README's dialog screenshot: starts ImageJ with a display (run under {@code xvfb-run}),
 * opens the embedded sample, opens the Conv2D dialog with the Sobel x preset chosen and captures it.
 * Run by {@code docs/make-screenshots}.
 */
public final class DialogScreenshot {

	private DialogScreenshot() {}

	/** @param args the output PNG path */
	public static void main(final String[] args) throws Exception {
		final File out = new File(args.length > 0 ? args[0] : "docs/conv2d-dialog.png");
		new ImageJ(ImageJ.NO_SHOW);
		final ImagePlus cell = Samples.image("cell");
		cell.show();
		IJ.wait(500);
		final Thread command = new Thread(() -> IJ.runPlugIn(cell, "io.github.cnnlayers.plugins.NewImageLayerPlugin", "conv2d"));
		command.start();
		GenericDialog gd = null;
		for (int i = 0; i < 100 && (gd == null || !gd.isShowing()); i++) {
			IJ.wait(100);
			gd = GenericDialog.getInstance();
		}
		if (gd == null)
			throw new IllegalStateException("the Conv2D dialog did not open");
		// events go through the event thread, as a user's clicks do (GenericDialog's field readers are not thread-safe)
		final GenericDialog dialog = gd;
		java.awt.EventQueue.invokeAndWait(() -> {
			final java.awt.Choice preset = (java.awt.Choice) dialog.getChoices().get(0);
			preset.select("sobel x");
			preset.dispatchEvent(new java.awt.event.ItemEvent(preset, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, "sobel x",
				java.awt.event.ItemEvent.SELECTED));
		});
		IJ.wait(1000);
		final Window w = gd;
		final Rectangle r = w.getBounds();
		final BufferedImage shot = new Robot().createScreenCapture(r);
		ImageIO.write(shot, "png", out);
		System.out.println("wrote " + out + " (" + r.width + "x" + r.height + ")");
		// the dialog's checks: a bad stride shows its message in place of the output size and disables OK
		final java.awt.TextField stride = (java.awt.TextField) gd.getNumericFields().get(0);
		java.awt.EventQueue.invokeAndWait(() -> {
			stride.setText("0");
			stride.dispatchEvent(new java.awt.event.TextEvent(stride, java.awt.event.TextEvent.TEXT_VALUE_CHANGED));
		});
		IJ.wait(500);
		System.out.println("stride 0 -> message: " + ((java.awt.Label) gd.getMessage()).getText() + "; OK enabled: " +
			gd.getButtons()[0].isEnabled());
		java.awt.EventQueue.invokeAndWait(() -> {
			stride.setText("2");
			stride.dispatchEvent(new java.awt.event.TextEvent(stride, java.awt.event.TextEvent.TEXT_VALUE_CHANGED));
		});
		IJ.wait(500);
		System.out.println("stride 2 -> message: " + ((java.awt.Label) gd.getMessage()).getText());
		// preview opens a separate window with the current plane's result; Cancel closes it and makes nothing
		final java.awt.Checkbox preview = gd.getPreviewCheckbox();
		java.awt.EventQueue.invokeAndWait(() -> {
			preview.setState(true);
			preview.dispatchEvent(new java.awt.event.ItemEvent(preview, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, preview,
				java.awt.event.ItemEvent.SELECTED));
		});
		IJ.wait(2000);
		System.out.println("with preview, windows: " + String.join(", ", ij.WindowManager.getImageTitles()));
		java.awt.EventQueue.invokeAndWait(() -> dialog.getButtons()[1].dispatchEvent(
			new java.awt.event.ActionEvent(dialog.getButtons()[1], java.awt.event.ActionEvent.ACTION_PERFORMED, "Cancel")));
		command.join(10000);
		IJ.wait(500);
		System.out.println("after Cancel, windows: " + String.join(", ", ij.WindowManager.getImageTitles()));
		System.exit(0);
	}
}

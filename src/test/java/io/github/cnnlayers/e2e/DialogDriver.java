package io.github.cnnlayers.e2e;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.TextEvent;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.YesNoCancelDialog;
import ij.plugin.frame.Recorder;

/**
 * Drives the Conv2D dialog of a real ImageJ with a display (run under Xvfb by {@link DialogIT}) the way
 * a user would — menu command, preset, a bad then a good stride, preview, Cancel, then OK and "Process
 * all images? Yes" with the Recorder open — and prints what it saw, one {@code key: value} line each.
 */
public final class DialogDriver {

	private DialogDriver() {}

	/** @param args unused */
	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		final Recorder recorder = new Recorder();
		final ImagePlus imp = IJ.createImage("ramp", "32-bit ramp", 64, 48, 3);
		imp.show();
		IJ.wait(500);

		// 1. open, preview, bad stride, Cancel
		GenericDialog gd = open();
		final GenericDialog first = gd;
		onEdt(() -> {
			final TextField stride = (TextField) first.getNumericFields().get(0);
			stride.setText("0");
			stride.dispatchEvent(new TextEvent(stride, TextEvent.TEXT_VALUE_CHANGED));
		});
		waitFor(() -> ((Label) first.getMessage()).getText().startsWith("Stride"));
		System.out.println("bad stride message: " + ((Label) gd.getMessage()).getText());
		System.out.println("bad stride OK enabled: " + gd.getButtons()[0].isEnabled());
		onEdt(() -> {
			final TextField stride = (TextField) first.getNumericFields().get(0);
			stride.setText("1");
			stride.dispatchEvent(new TextEvent(stride, TextEvent.TEXT_VALUE_CHANGED));
		});
		waitFor(() -> ((Label) first.getMessage()).getText().startsWith("Output"));
		IJ.wait(300);
		onEdt(() -> {
			final Checkbox preview = first.getPreviewCheckbox();
			preview.setState(true);
			preview.dispatchEvent(new ItemEvent(preview, ItemEvent.ITEM_STATE_CHANGED, preview, ItemEvent.SELECTED));
		});
		waitFor(() -> String.join(", ", WindowManager.getImageTitles()).contains("(preview)"));
		System.out.println("preview windows: " + String.join(", ", WindowManager.getImageTitles()));
		onEdt(() -> press(first.getButtons()[1]));
		waitFor(() -> WindowManager.getImageCount() == 1 && GenericDialog.getInstance() == null);
		IJ.wait(500);
		System.out.println("after cancel windows: " + String.join(", ", WindowManager.getImageTitles()));

		// 2. preset, stride 2, OK, process all slices: recorded
		gd = open();
		final GenericDialog second = gd;
		onEdt(() -> {
			final Choice preset = (Choice) second.getChoices().get(0);
			preset.select("gaussian 3x3");
			preset.dispatchEvent(new ItemEvent(preset, ItemEvent.ITEM_STATE_CHANGED, "gaussian 3x3", ItemEvent.SELECTED));
			final TextField stride = (TextField) second.getNumericFields().get(0);
			stride.setText("2");
			stride.dispatchEvent(new TextEvent(stride, TextEvent.TEXT_VALUE_CHANGED));
		});
		waitFor(() -> ((Label) second.getMessage()).getText().contains("32 \u00d7 24"));
		System.out.println("kernel text: " + second.getTextArea1().getText().replace("\n", "|"));
		onEdt(() -> press(second.getButtons()[0]));
		for (int i = 0; i < 100; i++) {
			IJ.wait(100);
			for (final Window w : Window.getWindows())
				if (w.isShowing() && w instanceof YesNoCancelDialog) {
					onEdt(() -> click(w, "Yes"));
					i = 100;
				}
		}
		waitFor(() -> WindowManager.getCurrentImage().getTitle().endsWith("-conv2d"));
		final ImagePlus result = WindowManager.getCurrentImage();
		System.out.println("result: " + result.getTitle() + " " + result.getWidth() + "x" + result.getHeight() + "x" +
			result.getStackSize() + " " + result.getBitDepth() + "-bit");
		for (final String line : recorder.getText().split("\n"))
			if (line.startsWith("run("))
				System.out.println("recorded: " + line);
		System.out.flush();
		System.exit(0);
	}

	/** Selects the source image and runs the menu command as a menu click does; returns its dialog. */
	private static GenericDialog open() {
		IJ.selectWindow("ramp");
		IJ.doCommand("Conv2D...");
		GenericDialog gd = null;
		for (int i = 0; i < 100 && (gd == null || !gd.isShowing()); i++) {
			IJ.wait(100);
			gd = GenericDialog.getInstance();
		}
		if (gd == null || !gd.isShowing())
			throw new IllegalStateException("the Conv2D dialog did not open");
		return gd;
	}

	/** Polls {@code condition} for up to 15 s (the test then checks the outcome either way). */
	private static void waitFor(final java.util.function.BooleanSupplier condition) {
		for (int i = 0; i < 150 && !condition.getAsBoolean(); i++)
			IJ.wait(100);
	}

	private static void onEdt(final Runnable r) throws Exception {
		EventQueue.invokeAndWait(r);
	}

	private static void press(final Button b) {
		b.dispatchEvent(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel()));
	}

	private static void click(final Container c, final String label) {
		for (final Component k : c.getComponents()) {
			if (k instanceof Button && ((Button) k).getLabel().trim().startsWith(label))
				press((Button) k);
			else if (k instanceof Container)
				click((Container) k, label);
		}
	}
}

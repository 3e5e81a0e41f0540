package io.github.cnnlayers.e2e;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextArea;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import ij.IJ;

/**
 * Runs macro files one after the other as {@code ImageJ -batch} does ({@code IJ.runMacroFile}, no ImageJ
 * window), and reports every dialog that opens — a macro error opens a modal one, which a user sees and
 * which would block {@code -batch} under Xvfb forever — as {@code dialog: TITLE | TEXT}, then presses its
 * OK, again every second while it still shows. Prints {@code macro: FILE} before and {@code returned: FILE} after
 * each macro.
 */
public final class MacroErrorDriver {

	private MacroErrorDriver() {}

	/** @param args macro files */
	public static void main(final String[] args) throws Exception {
		final Set<Window> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		final Thread watcher = new Thread(() -> {
			while (true) {
				try {
					Thread.sleep(100);
					for (final Window w : Window.getWindows()) {
						if (!(w instanceof Dialog) || !w.isShowing())
							continue;
						if (seen.add(w)) {
							Thread.sleep(300); // let it lay out
							final StringBuilder text = new StringBuilder();
							collect(w, text);
							System.out.println("dialog: " + ((Dialog) w).getTitle() + " | " + text.toString().trim());
						}
						else { // still showing a second after it was pressed: the press came too early (seen once with
							// both cores busy: ImageJ then waited on the dialog until the test's watchdog fired)
							Thread.sleep(1000);
							if (!w.isShowing())
								continue;
							System.out.println("dialog still showing, pressed again: " + ((Dialog) w).getTitle());
						}
						EventQueue.invokeLater(() -> {
							if (w.isShowing() && !press(w, "OK"))
								w.dispose();
						});
					}
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		}, "dialog watcher");
		watcher.setDaemon(true);
		watcher.start();
		for (final String file : args) {
			System.out.println("macro: " + file);
			IJ.runMacroFile(file, null);
			System.out.println("returned: " + file);
		}
		System.out.flush();
		System.exit(0);
	}

	/** Appends the text of every label, ImageJ multi-line label and text area, separated by spaces. */
	private static void collect(final Component c, final StringBuilder text) {
		if (c instanceof Label)
			text.append(((Label) c).getText()).append(' ');
		else if (c instanceof TextArea)
			text.append(((TextArea) c).getText().replace('\n', ' ')).append(' ');
		else if (c.getClass().getName().equals("ij.gui.MultiLineLabel")) {
			try {
				final Field lines = c.getClass().getDeclaredField("lines");
				lines.setAccessible(true);
				for (final String line : (String[]) lines.get(c))
					if (line != null)
						text.append(line).append(' ');
			}
			catch (final ReflectiveOperationException e) {
				text.append("(unreadable ").append(c.getClass().getName()).append(") ");
			}
		}
		if (c instanceof Container)
			for (final Component k : ((Container) c).getComponents())
				collect(k, text);
	}

	private static boolean press(final Container c, final String label) {
		for (final Component k : c.getComponents()) {
			if (k instanceof Button && ((Button) k).getLabel().trim().equals(label)) {
				k.dispatchEvent(new ActionEvent(k, ActionEvent.ACTION_PERFORMED, label));
				return true;
			}
			if (k instanceof Container && press((Container) k, label))
				return true;
		}
		return false;
	}
}

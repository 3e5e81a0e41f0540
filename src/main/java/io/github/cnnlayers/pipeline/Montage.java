package io.github.cnnlayers.pipeline;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * A row of labelled panels in one RGB picture (the source and the feature maps side by side), drawn
 * with ImageJ processors only, so it works headless. Panels are scaled to one common height: the
 * smallest panel's height, at least 256 pixels (or the tallest panel's height if smaller) and at
 * most 512; enlarging uses nearest neighbour so pooled pixels stay visible, reducing averages.
 */
public final class Montage {

	private static final int MARGIN = 10;
	private static final int GAP = 10;
	private static final int FONT_SIZE = 14;
	private static final int LINE = FONT_SIZE + 4;

	private final List<ImageProcessor> pictures = new ArrayList<>();
	private final List<String[]> labels = new ArrayList<>();
	private String warning;

	/**
	 * Adds a panel.
	 *
	 * @param picture an 8-bit or RGB picture (see {@link ScreenView}); not changed
	 * @param labelLines the label, one string per line, drawn above the picture
	 * @return this
	 */
	public Montage add(final ImageProcessor picture, final String... labelLines) {
		pictures.add(picture);
		labels.add(labelLines);
		return this;
	}

	/** @return why the labels could not be drawn by the last {@link #build()} (no fonts), or {@code null} */
	public String warning() {
		return warning;
	}

	/**
	 * @return the montage: white background, black labels above each panel
	 * @throws IllegalStateException when there is no panel
	 */
	public ColorProcessor build() {
		if (pictures.isEmpty())
			throw new IllegalStateException("A montage needs at least one panel");
		final int height = commonHeight();
		final int n = pictures.size();
		final ImageProcessor[] scaled = new ImageProcessor[n];
		final int[] slot = new int[n];
		int lines = 0;
		for (final String[] l : labels)
			lines = Math.max(lines, l.length);
		final ColorProcessor measure = new ColorProcessor(1, 1);
		final boolean fonts = setFont(measure);
		int width = 2 * MARGIN + GAP * (n - 1);
		for (int i = 0; i < n; i++) {
			final ImageProcessor p = pictures.get(i);
			final int w = Math.max(1, (int) Math.round(p.getWidth() * (double) height / p.getHeight()));
			final ImageProcessor copy = p.duplicate();
			copy.setInterpolationMethod(height > p.getHeight() ? ImageProcessor.NONE : ImageProcessor.BILINEAR);
			scaled[i] = copy.resize(w, height, height < p.getHeight()).convertToRGB();
			slot[i] = w;
			if (fonts)
				for (final String s : labels.get(i))
					slot[i] = Math.max(slot[i], measure.getStringWidth(s));
			width += slot[i];
		}
		final int top = MARGIN + lines * LINE + 4;
		final ColorProcessor montage = new ColorProcessor(width, top + height + MARGIN);
		montage.setColor(Color.white);
		montage.fill();
		final boolean labelled = fonts && setFont(montage);
		montage.setColor(Color.black);
		int x = MARGIN;
		for (int i = 0; i < n; i++) {
			montage.insert(scaled[i], x + (slot[i] - scaled[i].getWidth()) / 2, top);
			if (labelled) {
				final String[] l = labels.get(i);
				for (int j = 0; j < l.length; j++)
					montage.drawString(l[j], x, MARGIN + (j + 1) * LINE);
			}
			x += slot[i] + GAP;
		}
		return montage;
	}

	/** Sets the label font; on a machine without fonts, records a warning instead of failing. */
	private boolean setFont(final ImageProcessor ip) {
		try {
			ip.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
			ip.setAntialiasedText(true);
			ip.getStringWidth("Ag");
			warning = null;
			return true;
		}
		catch (final Throwable t) { // no fonts in a minimal JRE: "Probable fatal error: No fonts found" and friends
			warning = "montage labels left out: Java found no usable font (" + t + "); install a font package such as fonts-dejavu";
			return false;
		}
	}

	private int commonHeight() {
		int min = Integer.MAX_VALUE;
		int max = 0;
		for (final ImageProcessor p : pictures) {
			min = Math.min(min, p.getHeight());
			max = Math.max(max, p.getHeight());
		}
		return Math.max(Math.min(256, max), Math.min(min, 512));
	}
}

package io.github.cnnlayers.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.measure.Calibration;

class ResultImagesTest {

	@Test
	void titleDropsTheImageExtension() {
		assertEquals("cell-conv2d", ResultImages.title("cell.png", "conv2d"));
		assertEquals("stack.1-maxpool", ResultImages.title("stack.1.tif", "maxpool"));
		assertEquals("Untitled-conv2d", ResultImages.title("Untitled", "conv2d"));
	}

	@Test
	void outputPixelsSitAtTheCentreOfTheirReceptiveField() {
		final Calibration in = new Calibration();
		in.pixelWidth = 0.107;
		in.pixelHeight = 0.2;
		in.setUnit("um");
		in.xOrigin = 3;
		in.yOrigin = -1;
		// 3x3 kernel, padding 0, stride 2: output pixel i has its centre on input pixel 2i + 1
		final Calibration out = ResultImages.calibration(in, 2, 2, 1, 1, false);
		assertEquals(0.214, out.pixelWidth, 1e-12);
		assertEquals(0.4, out.pixelHeight, 1e-12);
		assertEquals("µm", out.getUnit());
		for (int i = 0; i < 5; i++) {
			assertEquals(in.getX(2 * i + 1), out.getX(i), 1e-12);
			assertEquals(in.getY(2 * i + 1), out.getY(i), 1e-12);
		}
		// 2x2 pooling, stride 2: output i covers input 2i and 2i+1, centre 2i + 0.5
		final Calibration pool = ResultImages.calibration(in, 2, 2, 0.5, 0.5, true);
		assertEquals(in.getX(2 * 3 + 0.5), pool.getX(3), 1e-12);
	}
}

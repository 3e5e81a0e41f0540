package io.github.cnnlayers.core;

import static io.github.cnnlayers.core.NewLayerFixtures.cases;
import static io.github.cnnlayers.core.NewLayerFixtures.flatten;
import static io.github.cnnlayers.core.NewLayerFixtures.planes;
import static io.github.cnnlayers.core.NewLayerFixtures.values;
import static io.github.cnnlayers.core.NewLayerFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Pad against PyTorch's {@code F.pad} (fixtures pad_cases.txt: every mode, unequal sides, negative pads
 * (crops) in every mode, 1 x 1 images, NaN/inf copied by reflection): exact, bit for bit.
 */
class PadTest {

	@Test
	void equalsPyTorchExactlyOnEveryFixtureCase() throws IOException {
		for (final Map<String, String> c : cases("pad")) {
			final String id = c.get("id");
			final int h = Integer.parseInt(c.get("h"));
			final int w = Integer.parseInt(c.get("w"));
			final Pad pad = Pad.of(PadMode.fromLabel(c.get("mode")), Integer.parseInt(c.get("top")), Integer.parseInt(c.get("bottom")),
				Integer.parseInt(c.get("left")), Integer.parseInt(c.get("right")), Double.parseDouble(c.get("value")));
			final long[] size = pad.outputSize(w, h);
			final List<ArrayImg<FloatType, FloatArray>> out = zeros(2, size[0], size[1]);
			pad.compute(planes(values(id + "_input"), 2, h, w), out);
			assertArrayEquals(values(id + "_output"), flatten(out), id + " " + pad);
		}
	}

	@Test
	void zeroModeOnAnIntegerImageKeepsItsType() {
		final Pad pad = Pad.of(PadMode.ZERO, 1, 0, 0, 1, 0);
		final byte[] out = new byte[6];
		pad.compute(ArrayImgs.unsignedBytes(new byte[] { 5, (byte) 250 }, 2, 1), ArrayImgs.unsignedBytes(out, 3, 2));
		assertArrayEquals(new byte[] { 0, 0, 0, 5, (byte) 250, 0 }, out);
		assertEquals(true, pad.keepsType());
		assertEquals(false, Pad.of(PadMode.CONSTANT, 1, 1, 1, 1, 0.5).keepsType());
	}

	@Test
	void refusesWhatPyTorchRefusesNamingTheRule() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pad.of(PadMode.REFLECT, 0, 0, 3, 0, 0).outputSize(3, 3));
		assertEquals("Pad mode reflect needs padding < the image width: left 3 with width 3; allowed: 0 to 2, or another mode",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Pad.of(PadMode.CIRCULAR, 0, 5, 0, 0, 0).outputSize(3, 4));
		assertEquals("Pad mode circular needs padding <= the image height: bottom 5 with height 4; allowed: 0 to 4, or another mode",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Pad.of(PadMode.REFLECT, 0, 0, 0, 0, 1.5));
		assertEquals("Value 1.5 is not allowed with pad mode reflect: only mode constant fills with a value; allowed: value 0, or mode constant",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Pad.of(PadMode.ZERO, -2, -1, 0, 0, 0).outputSize(5, 3));
		assertEquals("Padding top -2 and bottom -1 crop the whole image height 3; allowed: negative paddings (crops) that leave at least 1 pixel",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PadMode.fromLabel("mirror"));
		assertEquals("Unknown pad mode \"mirror\"; allowed: zero, constant, reflect, replicate, circular", e.getMessage());
		// reflect on a cropped image: the crop counts (3 - 1 = 2 columns left, so padding 2 is too much)
		assertThrows(IllegalArgumentException.class, () -> Pad.of(PadMode.REFLECT, 0, 0, -1, 2, 0).outputSize(3, 3));
	}
}

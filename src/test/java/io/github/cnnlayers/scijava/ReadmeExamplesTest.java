package io.github.cnnlayers.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandModule;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

import ij.ImagePlus;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * The calls of the README's Groovy and PyImageJ examples, exactly as the scripting languages make
 * them (Groovy: Integer, BigDecimal and null values; PyImageJ: a java.util.Map by class name), checked
 * against the same chain run through the ImageJ 1.x plugins, as a macro would.
 */
class ReadmeExamplesTest extends CommandTestBase {

	private static final float[] PIXELS = { 3, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, -8, 9, 7, -9, 3, 2, 3, 8, -4 };

	/** A 2-plane 5x4 stack, like a small image opened as {@code imp}. */
	private static ImagePlus image() {
		return floatStack("cell.png", 5, 4, 2, PIXELS);
	}

	/** The README chain as a macro: Conv2D edge (replicate border), ReLU, 2x2 max pooling, all planes. */
	private static ImagePlus macroChain(final ImagePlus imp) {
		final ImagePlus edges = LayerCommand.CONV2D.makeNew(imp, "preset=edge border=replicate stack");
		LayerCommand.RELU.applyInPlace(edges, "stack");
		return LayerCommand.MAX_POOLING.makeNew(edges, "size=2 stack");
	}

	@Test
	void groovyExample() throws Exception {
		final ImagePlus imp = image();
		final Snapshot before = new Snapshot(imp);

		// def conv = command.run(Conv2DCommand, true,
		// "input", imp, "preset", "edge", "kernel", null, "file", null, "stride", 1, "padding", "same",
		// "border", "replicate", "dilation", 1, "bias", 0.0, "normalize", false, "weights", null, "tensor", null,
		// "biases", null, "groups", 1, "stack", true).get()
		final CommandModule conv = command.run(Conv2DCommand.class, true,
			"input", imp, "preset", "edge", "kernel", null, "file", null, "stride", 1, "padding", "same",
			"border", "replicate", "dilation", 1, "bias", new BigDecimal("0.0"), "normalize", false, "weights", null, "tensor", null,
			"biases", null, "groups", 1, "stack", true).get();
		assertFalse(conv.isCanceled());
		// every input is given, so Fiji's GUI would not ask for any in a dialog
		assertAllInputsResolved(conv);
		final ImagePlus edges = (ImagePlus) conv.getOutput("result");

		// def relu = command.run(ReluCommand, false, "input", edges, "stack", true).get().getOutput("result")
		final ImagePlus relu = (ImagePlus) command.run(ReluCommand.class, false, "input", edges, "stack", true).get()
			.getOutput("result");
		// def pooled = command.run(MaxPoolingCommand, false, "input", relu, "size", 2, "stack", true).get().getOutput("result")
		final ImagePlus pooled = (ImagePlus) command.run(MaxPoolingCommand.class, false, "input", relu, "size", 2,
			"stack", true).get().getOutput("result");

		final ImagePlus expected = macroChain(imp);
		assertEquals("cell-conv2d-relu-maxpool", pooled.getTitle());
		assertEquals(2, pooled.getStackSize());
		assertEquals(2, pooled.getWidth());
		assertEquals(2, pooled.getHeight());
		for (int p = 1; p <= 2; p++)
			assertArrayEquals(plane(expected, p), plane(pooled, p), 0, "plane " + p);
		before.assertUnchanged();
	}

	@Test
	void groovyErrorCheck() throws Exception {
		// def module = command.run(Conv2DCommand, true, "input", imp, "kernel", "1 1\n1 1").get()
		// if (module.isCanceled()) throw new IllegalArgumentException(module.getCancelReason())
		final CommandModule module = command.run(Conv2DCommand.class, true, "input", image(), "kernel", "1 1\n1 1").get();
		assertTrue(module.isCanceled());
		assertEquals("Kernel size 2x2 has an even side (width 2); allowed: odd widths and heights 1, 3, 5, 7, ... " +
			"(rectangular such as 3x5 is fine)", module.getCancelReason());
	}

	@Test
	void groovyDecimalsAreBigDecimals() throws Exception {
		// "alpha", 0.1 in Groovy is a BigDecimal
		final ImagePlus out = result(LeakyReluCommand.class, "input", floats("g", 2, 1, -10, 10), "alpha",
			new BigDecimal("0.1"));
		assertArrayEquals(new float[] { -1, 10 }, plane(out, 1), 1e-6f);
	}

	@Test
	void pythonExample() throws Exception {
		final ImagePlus imp = image();
		final Snapshot before = new Snapshot(imp);
		// edges = layer("Conv2DCommand", input=imp, preset="edge", border="replicate", stack=True)
		final ImagePlus edges = layer("Conv2DCommand", map("input", imp, "preset", "edge", "border", "replicate",
			"stack", true));
		// relu = layer("ReluCommand", input=edges, stack=True)
		final ImagePlus relu = layer("ReluCommand", map("input", edges, "stack", true));
		// pooled = layer("MaxPoolingCommand", input=relu, size=2, stack=True)
		final ImagePlus pooled = layer("MaxPoolingCommand", map("input", relu, "size", 2, "stack", true));
		final ImagePlus expected = macroChain(imp);
		for (int p = 1; p <= 2; p++)
			assertArrayEquals(plane(expected, p), plane(pooled, p), 0, "plane " + p);
		before.assertUnchanged();
	}

	/**
	 * The README's Python helper: module = ij.command().run("io.github.cnnlayers.scijava." + name, True,
	 * ij.py.to_java(params)).get(); raise on cancel; return module.getOutput("result").
	 */
	private static ImagePlus layer(final String name, final Map<String, Object> params) throws Exception {
		final Module module = command.run("io.github.cnnlayers.scijava." + name, true, params).get();
		assertTrue(module instanceof CommandModule);
		if (((CommandModule) module).isCanceled())
			throw new IllegalArgumentException(((CommandModule) module).getCancelReason());
		return (ImagePlus) module.getOutput("result");
	}

	/** What ij.py.to_java(dict) gives: a LinkedHashMap with Integer, Boolean, String and Java values. */
	private static Map<String, Object> map(final Object... keyValues) {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			m.put((String) keyValues[i], keyValues[i + 1]);
		return m;
	}

	private static void assertAllInputsResolved(final Module module) {
		for (final ModuleItem<?> item : module.getInfo().inputs())
			assertTrue(module.isInputResolved(item.getName()), item.getName() + " resolved");
	}
}

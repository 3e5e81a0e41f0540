package io.github.cnnlayers.ij;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Tiling;
import io.github.cnnlayers.network.UNets;

/**
 * Run Network over a virtual stack (a folder of TIFF planes, read by ImageJ one plane at a time), in a JVM of its own
 * with a small heap ({@link VirtualStackHeapTest}) or as the measurement of issue 18's 2048 x 2048 x 100 stack:
 * {@code write DIR SIDE PLANES BITS} writes the planes; {@code run DIR DEPTH FEATURES TILE [RESULT]} runs a U-Net of one
 * output channel over them, prints the note, seconds and the most heap seen in use, and writes the result's floats
 * (big-endian) to RESULT when given.
 */
public final class VirtualStackHeapMain {

	private VirtualStackHeapMain() {}

	/** @return plane {@code z}'s value at (x, y): a smooth pattern with a texture, different per plane, 0 to 255 */
	static int value(final int z, final int x, final int y) {
		return (int) (128 + 100 * Math.sin(x * 0.05 + z) * Math.cos(y * 0.03 - z * 0.5) + (x * 31 + y * 17 + z * 7) % 23);
	}

	/** @return plane {@code z} (from 0) of the stack, 8- or 32-bit */
	static ImageProcessor plane(final int z, final int side, final int bits) {
		final ImageProcessor ip = bits == 8 ? new ByteProcessor(side, side) : new FloatProcessor(side, side);
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++)
				ip.setf(x, y, value(z, x, y));
		return ip;
	}

	/** Writes the planes as TIFF files p0000.tif, p0001.tif, ... into {@code dir} */
	static void write(final File dir, final int side, final int planes, final int bits) {
		dir.mkdirs();
		for (int z = 0; z < planes; z++)
			if (!new FileSaver(new ImagePlus("p", plane(z, side, bits))).saveAsTiff(new File(dir, name(z)).getPath()))
				throw new IllegalStateException("cannot write " + name(z));
	}

	private static String name(final int z) {
		return String.format("p%04d.tif", z);
	}

	/** @return the folder's planes as an ImageJ virtual stack */
	static ImagePlus open(final File dir) {
		final String[] names = dir.list((d, n) -> n.endsWith(".tif"));
		java.util.Arrays.sort(names);
		final ImagePlus first = ij.IJ.openImage(new File(dir, names[0]).getPath());
		final VirtualStack stack = new VirtualStack(first.getWidth(), first.getHeight(), null, dir.getPath() + File.separator);
		for (final String n : names)
			stack.addSlice(n);
		return new ImagePlus("virtual", stack);
	}

	/** @return the network: a U-Net of one input and one output channel, bilinear upsampling */
	static NetworkModel model(final int depth, final int features) {
		return UNets.model(depth, features, 1, 1, UNets.Up.BILINEAR, BorderMode.ZERO);
	}

	/**
	 * @param args as the class says
	 * @throws IOException when the result cannot be written
	 */
	public static void main(final String[] args) throws IOException {
		final File dir = new File(args[1]);
		if (args[0].equals("write")) {
			write(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			System.exit(0);
		}
		final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		final AtomicLong peak = new AtomicLong();
		final Thread watch = new Thread(() -> {
			while (true) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		});
		watch.setDaemon(true);
		watch.start();
		final ImagePlus imp = open(dir);
		System.out.println("VIRTUAL: " + imp.getStack().isVirtual() + ", " + imp.getStackSize() + " planes of " + imp.getWidth() + " x " +
			imp.getHeight() + ", " + imp.getBitDepth() + "-bit");
		final long start = System.nanoTime();
		final ModelRunner.Result r;
		try {
			r = ModelRunner.run(imp, model(Integer.parseInt(args[2]), Integer.parseInt(args[3])), "out", true, Tiling.parse(args[4]), null,
				null);
		}
		catch (final IllegalArgumentException e) {
			System.out.println("REFUSED: " + e.getMessage());
			System.exit(0);
			return;
		}
		System.out.println("DONE: " + r.image().getStackSize() + " planes in " + String.format("%.1f", (System.nanoTime() - start) / 1e9) +
			" s; " + r.note());
		System.out.println("PEAK HEAP: " + (peak.get() >> 20) + " MB of " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
		if (args.length > 5)
			try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new FileOutputStream(args[5])))) {
				for (int c = 1; c <= r.image().getStackSize(); c++)
					for (final float v : (float[]) r.image().getStack().getPixels(c))
						out.writeFloat(v);
			}
		System.exit(0);
	}
}

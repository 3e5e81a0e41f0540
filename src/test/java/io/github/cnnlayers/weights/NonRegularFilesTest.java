package io.github.cnnlayers.weights;

import static io.github.cnnlayers.weights.Fixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * A weight path that is not a regular file: a real FIFO (made with {@code mkfifo}) would block its reader in the
 * open until a writer comes, i.e. forever. Every reader of every format, and a bias file, refuses it at once;
 * a preemptive timeout makes a hang a failure instead of a stuck build.
 */
class NonRegularFilesTest {

	@TempDir
	Path dir;

	private Path fifo(String name) throws IOException, InterruptedException {
		Path p = dir.resolve(name);
		Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
		assertEquals(0, mk.waitFor(), "mkfifo " + p);
		return p;
	}

	/** Frees a reader that a failed run left blocked in its open: a writer that opens and closes at once. */
	private static void releaseBlockedReader(Path fifo) {
		Thread t = new Thread(() -> {
			try {
				new FileOutputStream(fifo.toFile()).close();
			}
			catch (IOException e) {
				// nobody was waiting
			}
		});
		t.setDaemon(true);
		t.start();
	}

	private static void refusedAtOnce(Executable call, Path fifo) {
		IllegalArgumentException e;
		try {
			e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalArgumentException.class, call),
				"reading " + fifo + " hangs");
		}
		catch (AssertionFailedError hung) {
			releaseBlockedReader(fifo);
			throw hung;
		}
		assertTrue(e.getMessage().contains(fifo + " is not a regular file (it is a FIFO, socket or device)"),
			e.getMessage());
	}

	@Test
	void aFifoOfEveryFormatIsRefusedByEveryReaderWithoutWaiting() throws Exception {
		for (String ext : new String[] { ".npy", ".npz", ".safetensors", ".h5", ".keras" }) {
			Path f = fifo("weights" + ext);
			refusedAtOnce(() -> WeightFile.list(f), f);
			refusedAtOnce(() -> WeightFile.read(f, null), f);
			refusedAtOnce(() -> WeightFile.convolution(f, null, null), f);
			refusedAtOnce(() -> WeightFile.batchNorm(f, null), f);
		}
	}

	@Test
	void aFifoAsBiasFileIsRefusedWithoutWaiting() throws Exception {
		Path bias = fifo("bias.npy");
		refusedAtOnce(() -> WeightFile.convolution(path("readers/npy_2d.npy"), null, bias), bias);
	}

	@Test
	void aFolderIsNotARegularFile() throws IOException {
		Path folder = java.nio.file.Files.createDirectory(dir.resolve("folder.safetensors"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFile.list(folder));
		assertTrue(e.getMessage().contains(folder + " is not a regular file (it is a folder)"), e.getMessage());
	}
}

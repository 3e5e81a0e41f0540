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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weight path that is not a regular file: a real FIFO (made with {@code mkfifo}) would block its reader in the
 * open until a writer comes, i.e. forever. Every reader of every format, and a bias file, refuses it at once;
 * a preemptive timeout makes a hang a failure instead of a stuck build.
 */
class NonRegularFilesTest {

	@TempDir
	Path dir;

	private final List<Path> fifos = new ArrayList<>();

	private Path fifo(String name) throws IOException, InterruptedException {
		Path p = dir.resolve(name);
		Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
		assertEquals(0, mk.waitFor(), "mkfifo " + p);
		fifos.add(p);
		return p;
	}

	/** Frees a reader that a failing run left blocked in its open: a writer that opens and closes at once. */
	@AfterEach
	void releaseBlockedReaders() throws InterruptedException {
		for (Path p : fifos) {
			Thread t = new Thread(() -> {
				try {
					new FileOutputStream(p.toFile()).close();
				}
				catch (IOException e) {
					// nobody was waiting
				}
			});
			t.setDaemon(true);
			t.start();
			t.join(1000);
		}
	}

	private static void refusedAtOnce(Executable call, Path fifo) {
		IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
			() -> assertThrows(IllegalArgumentException.class, call), "reading " + fifo + " hangs");
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

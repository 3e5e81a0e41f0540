package io.github.cnnlayers.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;

/** One run of {@link PipelineRunner} with its printed output and exit code. */
final class Run {

	final int code;
	final String out;
	final String err;

	private Run(final int code, final String out, final String err) {
		this.code = code;
		this.out = out;
		this.err = err;
	}

	static Run of(final String... args) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final ByteArrayOutputStream e = new ByteArrayOutputStream();
		try (PrintStream po = new PrintStream(o, true, "UTF-8"); PrintStream pe = new PrintStream(e, true, "UTF-8")) {
			final int code = PipelineRunner.run(args, po, pe);
			return new Run(code, new String(o.toByteArray(), "UTF-8"), new String(e.toByteArray(), "UTF-8"));
		}
		catch (final UnsupportedEncodingException ex) {
			throw new AssertionError(ex);
		}
	}

	@Override
	public String toString() {
		return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
	}
}

package io.github.cnnlayers.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON files the fixture scripts write: objects become {@code Map<String, Object>}, arrays
 * {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, strings, booleans and null.
 */
final class FixtureJson {

	private final String text;
	private int pos;

	private FixtureJson(String text) {
		this.text = text;
	}

	/** @return the file's JSON value */
	static Object read(Path file) throws IOException {
		FixtureJson p = new FixtureJson(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		Object v = p.value();
		p.space();
		if (p.pos != p.text.length()) throw new IllegalStateException("text after the JSON value in " + file);
		return v;
	}

	/** @return the object at a key of an object */
	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object o, String key) {
		return (Map<String, Object>) ((Map<String, Object>) o).get(key);
	}

	/** @return the list at a key of an object */
	@SuppressWarnings("unchecked")
	static List<Object> list(Object o, String key) {
		return (List<Object>) ((Map<String, Object>) o).get(key);
	}

	/** @return the value at a key of an object */
	@SuppressWarnings("unchecked")
	static Object get(Object o, String key) {
		return ((Map<String, Object>) o).get(key);
	}

	private Object value() {
		space();
		char c = text.charAt(pos);
		if (c == '{') {
			Map<String, Object> m = new LinkedHashMap<>();
			pos++;
			space();
			if (text.charAt(pos) == '}') {
				pos++;
				return m;
			}
			while (true) {
				space();
				String key = string();
				space();
				expect(':');
				m.put(key, value());
				space();
				if (text.charAt(pos++) == '}') return m;
			}
		}
		if (c == '[') {
			List<Object> l = new ArrayList<>();
			pos++;
			space();
			if (text.charAt(pos) == ']') {
				pos++;
				return l;
			}
			while (true) {
				l.add(value());
				space();
				if (text.charAt(pos++) == ']') return l;
			}
		}
		if (c == '"') return string();
		if (text.startsWith("true", pos)) {
			pos += 4;
			return Boolean.TRUE;
		}
		if (text.startsWith("false", pos)) {
			pos += 5;
			return Boolean.FALSE;
		}
		if (text.startsWith("null", pos)) {
			pos += 4;
			return null;
		}
		int start = pos;
		while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0)
			pos++;
		String number = text.substring(start, pos);
		if (number.isEmpty()) throw new IllegalStateException("unexpected '" + c + "' at " + start);
		if (number.matches("-?\\d+")) return Long.parseLong(number);
		return Double.parseDouble(number);
	}

	private String string() {
		expect('"');
		StringBuilder b = new StringBuilder();
		while (true) {
			char c = text.charAt(pos++);
			if (c == '"') return b.toString();
			if (c != '\\') {
				b.append(c);
				continue;
			}
			char e = text.charAt(pos++);
			switch (e) {
				case 'n':
					b.append('\n');
					break;
				case 't':
					b.append('\t');
					break;
				case 'r':
					b.append('\r');
					break;
				case 'b':
					b.append('\b');
					break;
				case 'f':
					b.append('\f');
					break;
				case 'u':
					b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
					pos += 4;
					break;
				default:
					b.append(e);
			}
		}
	}

	private void expect(char c) {
		if (text.charAt(pos) != c) throw new IllegalStateException("expected '" + c + "' at " + pos);
		pos++;
	}

	private void space() {
		while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
			pos++;
	}
}

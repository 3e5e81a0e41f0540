package io.github.cnnlayers.weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON parser for safetensors headers: objects become {@code LinkedHashMap<String, Object>}, arrays
 * {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, and {@code String},
 * {@code Boolean} or {@code null}.
 */
final class Json {

	private final String text;
	private int pos;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parses one JSON value filling the whole text (surrounding white space allowed).
	 *
	 * @throws IllegalArgumentException naming the position of the first error
	 */
	static Object parse(String text) {
		Json p = new Json(text);
		Object value = p.value(0);
		p.skipSpace();
		if (p.pos != text.length()) throw p.error("unexpected text after the end");
		return value;
	}

	private Object value(int depth) {
		if (depth > 64) throw error("nested too deeply");
		skipSpace();
		if (pos >= text.length()) throw error("unexpected end");
		char c = text.charAt(pos);
		switch (c) {
			case '{': return object(depth);
			case '[': return array(depth);
			case '"': return string();
			case 't': return literal("true", Boolean.TRUE);
			case 'f': return literal("false", Boolean.FALSE);
			case 'n': return literal("null", null);
			default:
				if (c == '-' || (c >= '0' && c <= '9')) return number();
				throw error("unexpected character '" + c + "'");
		}
	}

	private Map<String, Object> object(int depth) {
		Map<String, Object> map = new LinkedHashMap<>();
		pos++; // {
		skipSpace();
		if (peek('}')) return map;
		while (true) {
			skipSpace();
			if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a quoted key");
			String key = string();
			skipSpace();
			expect(':');
			if (map.containsKey(key)) throw error("duplicate key \"" + key + "\"");
			map.put(key, value(depth + 1));
			skipSpace();
			if (peek('}')) return map;
			expect(',');
		}
	}

	private List<Object> array(int depth) {
		List<Object> list = new ArrayList<>();
		pos++; // [
		skipSpace();
		if (peek(']')) return list;
		while (true) {
			list.add(value(depth + 1));
			skipSpace();
			if (peek(']')) return list;
			expect(',');
		}
	}

	private String string() {
		pos++; // opening quote
		StringBuilder sb = new StringBuilder();
		while (true) {
			if (pos >= text.length()) throw error("unterminated string");
			char c = text.charAt(pos++);
			if (c == '"') return sb.toString();
			if (c != '\\') {
				sb.append(c);
				continue;
			}
			if (pos >= text.length()) throw error("unterminated string");
			char e = text.charAt(pos++);
			switch (e) {
				case '"': case '\\': case '/': sb.append(e); break;
				case 'b': sb.append('\b'); break;
				case 'f': sb.append('\f'); break;
				case 'n': sb.append('\n'); break;
				case 'r': sb.append('\r'); break;
				case 't': sb.append('\t'); break;
				case 'u':
					if (pos + 4 > text.length()) throw error("bad \\u escape");
					try {
						sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
					}
					catch (NumberFormatException ex) {
						throw error("bad \\u escape");
					}
					pos += 4;
					break;
				default: throw error("bad escape \\" + e);
			}
		}
	}

	private Object number() {
		int start = pos;
		if (text.charAt(pos) == '-') pos++;
		boolean integer = true;
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c >= '0' && c <= '9') pos++;
			else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
				integer = false;
				pos++;
			}
			else break;
		}
		String s = text.substring(start, pos);
		try {
			return integer ? (Object) Long.valueOf(s) : (Object) Double.valueOf(s);
		}
		catch (NumberFormatException ex) {
			pos = start;
			throw error("bad number '" + s + "'");
		}
	}

	private Object literal(String word, Object value) {
		if (!text.startsWith(word, pos)) throw error("unexpected text");
		pos += word.length();
		return value;
	}

	private boolean peek(char c) {
		if (pos < text.length() && text.charAt(pos) == c) {
			pos++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!peek(c)) throw error("expected '" + c + "'");
	}

	private void skipSpace() {
		while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException("invalid JSON at character " + pos + ": " + what);
	}
}

package dev.descent.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to one JSON object of a header, with errors that name the file and the member's
 * path (for example {@code layers[2].size}).
 */
final class Fields {
    private final Map<String, Object> map;
    private final Path file;
    private final String path;

    Fields(Map<String, Object> map, Path file, String path) {
        this.map = map;
        this.file = file;
        this.path = path;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key) throws ModelFormatException {
        Object value = require(key);
        if (!(value instanceof String s)) {
            throw wrong(key, "a string", value);
        }
        return s;
    }

    long integer(String key) throws ModelFormatException {
        Object value = require(key);
        if (!(value instanceof Long n)) {
            throw wrong(key, "an integer", value);
        }
        return n;
    }

    /** An integer in [min, max]. */
    int integer(String key, int min, int max) throws ModelFormatException {
        long n = integer(key);
        if (n < min || n > max) {
            throw fault(name(key) + " must be in " + min + ".." + max + ", got " + n);
        }
        return (int) n;
    }

    double number(String key) throws ModelFormatException {
        Object value = require(key);
        Double d = Json.toDouble(value);
        if (d == null) {
            throw wrong(key, "a number", value);
        }
        return d;
    }

    boolean bool(String key) throws ModelFormatException {
        Object value = require(key);
        if (!(value instanceof Boolean b)) {
            throw wrong(key, "true or false", value);
        }
        return b;
    }

    Fields object(String key) throws ModelFormatException {
        return asObject(require(key), name(key));
    }

    List<Fields> objects(String key) throws ModelFormatException {
        List<Fields> out = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            out.add(asObject(list.get(i), name(key) + "[" + i + "]"));
        }
        return out;
    }

    List<String> strings(String key) throws ModelFormatException {
        List<String> out = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw fault(name(key) + "[" + i + "] must be a string");
            }
            out.add(s);
        }
        return out;
    }

    long[] integers(String key) throws ModelFormatException {
        List<?> list = list(key);
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n)) {
                throw fault(name(key) + "[" + i + "] must be an integer");
            }
            out[i] = n;
        }
        return out;
    }

    private List<?> list(String key) throws ModelFormatException {
        Object value = require(key);
        if (!(value instanceof List<?> list)) {
            throw wrong(key, "an array", value);
        }
        return list;
    }

    private Fields asObject(Object value, String name) throws ModelFormatException {
        if (!(value instanceof Map<?, ?>)) {
            throw fault(name + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) value;
        return new Fields(inner, file, name);
    }

    private Object require(String key) throws ModelFormatException {
        Object value = map.get(key);
        if (value == null) {
            throw fault("header has no " + name(key));
        }
        return value;
    }

    private ModelFormatException wrong(String key, String expected, Object found) {
        String shown = found instanceof String s ? "\"" + s + "\"" : String.valueOf(found);
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return fault(name(key) + " must be " + expected + ", got " + shown);
    }

    /** The path of this object in the header, for example {@code layers[2]}. */
    String where() {
        return path;
    }

    String name(String key) {
        return path.equals("header") ? key : path + "." + key;
    }

    ModelFormatException fault(String message) {
        return Container.fault(file, message);
    }
}

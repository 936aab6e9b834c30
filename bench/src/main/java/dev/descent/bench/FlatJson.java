package dev.descent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flat JSON objects the two sides of the benchmark print: string, number and boolean
 * fields and arrays of numbers, nothing nested. Enough to read them back; not a JSON library.
 */
final class FlatJson {
    private FlatJson() {}

    /** Writes {@code fields} (String, Number, Boolean or double[] values) as one line. */
    static String write(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof double[] array) {
                out.append('[');
                for (int i = 0; i < array.length; i++) {
                    out.append(i == 0 ? "" : ", ").append(number(array[i]));
                }
                out.append(']');
            } else if (v instanceof Double d) {
                out.append(number(d));
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }

    private static String number(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null";
    }

    /**
     * Reads one line written by {@link #write} or by bench/torch_mlp.py: values become String,
     * Double, Boolean or double[].
     *
     * @throws IllegalArgumentException if the line is not such an object
     */
    static Map<String, Object> read(String line) {
        String s = line.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("expected a JSON object, got: " + line);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        int i = 1;
        while (true) {
            i = skip(s, i);
            if (s.charAt(i) == '}') {
                return fields;
            }
            int keyEnd = s.indexOf('"', i + 1);
            String key = s.substring(i + 1, keyEnd);
            i = skip(s, s.indexOf(':', keyEnd) + 1);
            char c = s.charAt(i);
            int end;
            if (c == '"') {
                end = s.indexOf('"', i + 1);
                fields.put(key, s.substring(i + 1, end));
                end++;
            } else if (c == '[') {
                end = s.indexOf(']', i);
                List<Double> values = new ArrayList<>();
                for (String part : s.substring(i + 1, end).split(",")) {
                    if (!part.isBlank()) {
                        values.add(Double.parseDouble(part.trim()));
                    }
                }
                fields.put(key, values.stream().mapToDouble(Double::doubleValue).toArray());
                end++;
            } else {
                end = i;
                while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != '}') {
                    end++;
                }
                String word = s.substring(i, end).trim();
                fields.put(key, switch (word) {
                    case "true", "false" -> Boolean.valueOf(word);
                    case "null" -> Double.NaN;
                    default -> Double.valueOf(word);
                });
            }
            i = skip(s, end);
            if (s.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}

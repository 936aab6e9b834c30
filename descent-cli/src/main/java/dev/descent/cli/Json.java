package dev.descent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Writes plain Java values as JSON (RFC 8259), on one line: {@link Map} as an object (keys by
 * {@code String.valueOf}, in the map's order), {@link Iterable} and arrays as arrays, {@link
 * CharSequence} and enums as strings, numbers, booleans and {@code null}. Numbers are written
 * exactly, in the form of the traces (0.03125, 1.5e-07, 1e+200; see {@link #number}).
 * Non-finite numbers (NaN, infinities), which JSON cannot hold, are written as {@code null}.
 *
 * <p>Use a {@link java.util.LinkedHashMap} to fix the order of an object's members.
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    /** {@code value} as JSON text. */
    public static String toString(Object value) {
        StringBuilder text = new StringBuilder();
        write(value, text);
        return text.toString();
    }

    /**
     * Appends {@code value} as JSON to {@code out}.
     *
     * @throws IllegalArgumentException if a value of another type is met
     * @throws UncheckedIOException if {@code out} fails
     */
    public static void write(Object value, Appendable out) {
        try {
            writeValue(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(Object value, Appendable out) throws IOException {
        if (value == null || value instanceof Boolean) {
            out.append(String.valueOf(value));
        } else if (value instanceof Number number) {
            out.append(number(number));
        } else if (value instanceof CharSequence || value instanceof Character) {
            writeString(value.toString(), out);
        } else if (value instanceof Enum<?> constant) {
            writeString(constant.name(), out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out);
        } else if (value instanceof Iterable<?> iterable) {
            writeArray(iterable.iterator(), out);
        } else if (value.getClass().isArray()) {
            writeArray(new ArrayIterator(value), out);
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(Map<?, ?> map, Appendable out) throws IOException {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(String.valueOf(entry.getKey()), out);
            out.append(':');
            writeValue(entry.getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(Iterator<?> items, Appendable out) throws IOException {
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeValue(items.next(), out);
        }
        out.append(']');
    }

    /** A JSON number: integers as such, finite doubles in shortest form, others as null. */
    static String number(Number number) {
        if (number instanceof Float f) {
            return Float.isFinite(f) ? decimal(Float.toString(f), f) : "null";
        }
        if (number instanceof Double d) {
            return Double.isFinite(d) ? decimal(Double.toString(d), d) : "null";
        }
        if (number instanceof BigDecimal big) {
            return big.toString();
        }
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger) {
            return number.toString();
        }
        double d = number.doubleValue();
        return Double.isFinite(d) ? decimal(Double.toString(d), d) : "null";
    }

    /**
     * Whole numbers below 1e15 as integers; else the shortest digits that read back exactly
     * (those of Java's {@code javaText}), in the form of the traces ({@link Numbers#format}):
     * plain from 1e-4 to below 1e7, else a mantissa and a signed exponent of at least two
     * digits (1e+200, 1.5e-07), not Java's 1.0E200.
     */
    private static String decimal(String javaText, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = new BigDecimal(javaText).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = shortest.precision() - shortest.scale() - 1;
        String mantissa = digits.length() == 1 ? digits
                : digits.charAt(0) + "." + digits.substring(1);
        return String.format(Locale.ROOT, "%s%se%s%02d", value < 0 ? "-" : "", mantissa,
                exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    /** Writes {@code text} as a JSON string, escaping quotes, backslashes and control codes. */
    static void writeString(String text, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        out.append("\\u")
                                .append(HEX[c >> 12 & 0xf])
                                .append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether {@code text[i]} is half of a surrogate pair without its other half. */
    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /** Iterates over the elements of any array, primitive or not. */
    private static final class ArrayIterator implements Iterator<Object> {
        private final Object array;
        private final int length;
        private int next;

        ArrayIterator(Object array) {
            this.array = array;
            this.length = Array.getLength(array);
        }

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public Object next() {
            return Array.get(array, next++);
        }
    }
}

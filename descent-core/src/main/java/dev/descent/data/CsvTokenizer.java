package dev.descent.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records: fields separated by commas, optionally in double quotes
 * (which may hold commas, line breaks and doubled quotes ""). Records end at LF, CRLF or CR. A
 * leading byte-order mark is dropped. Not thread safe.
 */
final class CsvTokenizer {
    /** One record and the line it starts on (1-based). */
    record Record(List<String> fields, int line) {
        /** Whether the record is an empty or white-space-only line. */
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final Reader in;
    private final String name;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private boolean started;

    CsvTokenizer(Reader in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next record that is not blank, or null at the end of the input. */
    Record nextNonBlank() throws IOException {
        Record record = next();
        while (record != null && record.isBlank()) {
            record = next();
        }
        return record;
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        int start = line;
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.length() == 0) {
                c = readQuoted(field, start);
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                fields.add(field.toString());
                endLine(c);
                return new Record(fields, start);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"') {
                throw new MalformedDataException(name + " line " + line + ": a '\"' inside an"
                        + " unquoted field; quote the whole field and double the quote");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** Reads a quoted field's text after its opening quote; returns the character after it. */
    private int readQuoted(StringBuilder field, int start) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new MalformedDataException(name + " line " + start + ": a quoted field is"
                        + " not closed before the end of the file");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                        throw new MalformedDataException(name + " line " + line + ": '"
                                + (char) after + "' after a closing quote, expected ',' or the"
                                + " end of the line");
                    }
                    return after;
                }
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c != -1) {
            line++;
        }
    }

    private int read() throws IOException {
        // Once the input has ended, keep saying so: position no longer tracks limit then.
        if (limit < 0) {
            return -1;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = -1;
                return -1;
            }
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c != -1) {
            position--;
        }
        return c;
    }
}

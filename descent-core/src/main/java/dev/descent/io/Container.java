package dev.descent.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The byte layout shared by model and checkpoint files (docs/model-format.md): magic, version,
 * header length, data length, a UTF-8 JSON header, little-endian arrays, CRC-32C of everything
 * before it. Reading checks magic, version, the declared sizes against the file length and the
 * checksum before it parses the header or allocates an array.
 */
final class Container {
    /** {@code 0x89 'D' 'S' 'N' 'T' '\r' '\n' 0x1A}: binary, and damaged by text-mode copies. */
    static final byte[] MAGIC = {(byte) 0x89, 'D', 'S', 'N', 'T', '\r', '\n', 0x1A};
    /** The version this code writes. */
    static final int VERSION = 1;
    /** The versions this code reads. */
    static final List<Integer> SUPPORTED_VERSIONS = List.of(1);
    /** Magic (8), version (4), header length (4), data length (8). */
    static final int PREAMBLE = 24;
    /** The CRC-32C at the end. */
    static final int TRAILER = 4;
    /** Largest header accepted: far above any real one, small enough to read whole. */
    static final int MAX_HEADER = 4 << 20;
    /** Largest array: Java arrays hold at most about 2^31 elements. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 16;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final byte[] JAVA_SERIALIZATION = {(byte) 0xAC, (byte) 0xED};

    private Container() {}

    /** Element types of the arrays. */
    enum Type {
        FLOAT32(4), FLOAT64(8), INT32(4), INT64(8);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type parse(String id) {
            for (Type type : values()) {
                if (type.id().equals(id)) {
                    return type;
                }
            }
            return null;
        }
    }

    /** One array of the data section as the header describes it. */
    record ArrayInfo(String name, Type type, int count, long offset) {}

    /** Collects a header and arrays, then writes them atomically. */
    static final class Writer {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<Object> arrays = new ArrayList<>();
        private final List<Type> types = new ArrayList<>();

        void put(String key, Object value) {
            header.put(key, value);
        }

        void add(String name, float[] values) {
            add(name, values, Type.FLOAT32);
        }

        void add(String name, double[] values) {
            add(name, values, Type.FLOAT64);
        }

        void add(String name, int[] values) {
            add(name, values, Type.INT32);
        }

        private void add(String name, Object values, Type type) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("array " + name + " added twice");
            }
            names.add(name);
            arrays.add(values);
            types.add(type);
        }

        /** Writes to a temporary file beside {@code target}, then renames it over the target. */
        void writeAtomically(Path target) throws IOException {
            List<Object> descriptions = new ArrayList<>();
            long dataLength = 0;
            for (int i = 0; i < names.size(); i++) {
                int count = java.lang.reflect.Array.getLength(arrays.get(i));
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("name", names.get(i));
                d.put("type", types.get(i).id());
                d.put("count", count);
                descriptions.add(d);
                dataLength += (long) count * types.get(i).bytes;
            }
            Map<String, Object> full = new LinkedHashMap<>(header);
            full.put("arrays", descriptions);
            byte[] json = Json.write(full).getBytes(StandardCharsets.UTF_8);
            if (json.length > MAX_HEADER) {
                throw new IllegalArgumentException("the model header would have " + json.length
                        + " bytes, more than the format's limit of " + MAX_HEADER);
            }
            long total = dataLength;
            atomically(target, out -> {
                ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
                preamble.put(MAGIC).putInt(VERSION).putInt(json.length).putLong(total);
                out.write(preamble.array());
                out.write(json);
                for (int i = 0; i < arrays.size(); i++) {
                    writeArray(out, arrays.get(i));
                }
            });
        }

        private static void writeArray(OutputStream out, Object array) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            if (array instanceof float[] a) {
                for (float v : a) {
                    flushIfFull(out, buffer, 4);
                    buffer.putFloat(v);
                }
            } else if (array instanceof double[] a) {
                for (double v : a) {
                    flushIfFull(out, buffer, 8);
                    buffer.putDouble(v);
                }
            } else {
                for (int v : (int[]) array) {
                    flushIfFull(out, buffer, 4);
                    buffer.putInt(v);
                }
            }
            out.write(buffer.array(), 0, buffer.position());
        }

        private static void flushIfFull(OutputStream out, ByteBuffer buffer, int next)
                throws IOException {
            if (buffer.remaining() < next) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }

    /** Writes the body, then the CRC-32C of all its bytes, to a temporary file, then renames. */
    private static void atomically(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        // createFile, not createTempFile: the model gets the umask's permissions, not 0600.
        Path temporary = folder.resolve("." + absolute.getFileName() + "."
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(absolute.toString(), null,
                    "is a folder, so no file of that name can be written");
        }
        try {
            Files.createFile(temporary);
        } catch (FileSystemException e) {
            throw TemporaryFile.naming(absolute, temporary, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                CRC32C crc = new CRC32C();
                OutputStream raw = Channels.newOutputStream(channel);
                BufferedOutputStream buffered = new BufferedOutputStream(raw, CHUNK);
                CheckedOutputStream checked = new CheckedOutputStream(buffered, crc);
                body.write(checked);
                checked.flush();
                ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
                trailer.putInt((int) crc.getValue());
                buffered.write(trailer.array());
                buffered.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw TemporaryFile.naming(absolute, temporary, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** An open, verified file: its header and the places of its arrays. */
    static final class Reader implements Closeable {
        private final Path file;
        private final FileChannel channel;
        private final Map<String, Object> header;
        private final Map<String, ArrayInfo> arrays = new LinkedHashMap<>();
        private final long dataStart;

        private Reader(Path file, FileChannel channel, Map<String, Object> header,
                long dataStart) {
            this.file = file;
            this.channel = channel;
            this.header = header;
            this.dataStart = dataStart;
        }

        Map<String, Object> header() {
            return header;
        }

        Path file() {
            return file;
        }

        /** The array called {@code name}, or {@code null}. */
        ArrayInfo array(String name) {
            return arrays.get(name);
        }

        float[] floats(ArrayInfo info) throws IOException {
            float[] out = new float[info.count()];
            read(info, (buffer, from, n) -> buffer.asFloatBuffer().get(out, from, n));
            return out;
        }

        double[] doubles(ArrayInfo info) throws IOException {
            double[] out = new double[info.count()];
            if (info.type() == Type.FLOAT32) {
                read(info, (buffer, from, n) -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = buffer.getFloat(4 * i);
                    }
                });
            } else {
                read(info, (buffer, from, n) -> buffer.asDoubleBuffer().get(out, from, n));
            }
            return out;
        }

        int[] ints(ArrayInfo info) throws IOException {
            int[] out = new int[info.count()];
            read(info, (buffer, from, n) -> buffer.asIntBuffer().get(out, from, n));
            return out;
        }

        private void read(ArrayInfo info, Sink sink) throws IOException {
            int size = info.type().bytes;
            int perChunk = CHUNK / size;
            ByteBuffer buffer = ByteBuffer.allocate(perChunk * size).order(ByteOrder.LITTLE_ENDIAN);
            long position = dataStart + info.offset();
            for (int from = 0; from < info.count(); from += perChunk) {
                int n = Math.min(perChunk, info.count() - from);
                buffer.clear().limit(n * size);
                readFully(channel, buffer, position, file);
                position += (long) n * size;
                buffer.flip();
                sink.take(buffer, from, n);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @FunctionalInterface
    private interface Sink {
        void take(ByteBuffer buffer, int from, int count);
    }

    /**
     * Opens {@code file} and checks it: magic, version, sizes against the file length,
     * checksum, header JSON and the array table. Nothing larger than the header is allocated
     * before all checks pass.
     *
     * @throws ModelFormatException naming the file and the fault
     */
    static Reader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Reader reader = verify(file, channel);
            channel = null;
            return reader;
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private static Reader verify(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
        int got = readUpTo(channel, preamble, 0);
        byte[] start = new byte[Math.min(got, MAGIC.length)];
        preamble.get(0, start);
        if (got >= 2 && start[0] == JAVA_SERIALIZATION[0] && start[1] == JAVA_SERIALIZATION[1]) {
            throw fault(file, "not a valid model file: it is a Java serialization stream, which"
                    + " Descent never reads");
        }
        for (int i = 0; i < start.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw fault(file, "not a valid model file: it does not start with the Descent"
                        + " magic bytes 89 44 53 4E 54 0D 0A 1A");
            }
        }
        if (size < PREAMBLE + TRAILER) {
            throw fault(file, "truncated: " + size + " bytes, but a model file has at least "
                    + (PREAMBLE + TRAILER));
        }
        int version = preamble.getInt(8);
        if (!SUPPORTED_VERSIONS.contains(version)) {
            throw fault(file, "model format version " + Integer.toUnsignedString(version)
                    + " is not supported; this Descent reads version"
                    + (SUPPORTED_VERSIONS.size() > 1 ? "s " : " ")
                    + SUPPORTED_VERSIONS.toString().replaceAll("[\\[\\]]", ""));
        }
        long headerLength = Integer.toUnsignedLong(preamble.getInt(12));
        long dataLength = preamble.getLong(16);
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw fault(file, "header length " + headerLength + " is outside 2.." + MAX_HEADER
                    + " bytes: the file is corrupt");
        }
        if (dataLength < 0) {
            throw fault(file, "data length " + Long.toUnsignedString(dataLength)
                    + " is impossible: the file is corrupt");
        }
        long expected = PREAMBLE + headerLength + TRAILER;
        if (dataLength > Long.MAX_VALUE - expected) {
            throw fault(file, "data length " + dataLength + " is impossible: the file is"
                    + " corrupt");
        }
        expected += dataLength;
        if (size < expected) {
            throw fault(file, "truncated or corrupt: the header declares " + expected
                    + " bytes, the file has " + size);
        }
        if (size > expected) {
            throw fault(file, "corrupt: the header declares " + expected + " bytes, the file"
                    + " has " + size + " (" + (size - expected) + " extra)");
        }
        int stored = storedChecksum(channel, size, file);
        int computed = checksum(channel, size - TRAILER, file);
        if (stored != computed) {
            throw fault(file, String.format("corrupt: checksum mismatch (stored %08x, computed"
                    + " %08x); the file was damaged after it was written", stored, computed));
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, PREAMBLE, file);
        headerBytes.flip();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes).toString();
        } catch (CharacterCodingException e) {
            throw fault(file, "header is not UTF-8 text");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Json.SyntaxException e) {
            throw fault(file, "header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw fault(file, "header must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) parsed;
        Reader reader = new Reader(file, channel, header, PREAMBLE + headerLength);
        readArrayTable(reader, dataLength);
        return reader;
    }

    private static void readArrayTable(Reader reader, long dataLength) throws IOException {
        Fields fields = new Fields(reader.header(), reader.file(), "header");
        long offset = 0;
        for (Fields entry : fields.objects("arrays")) {
            String name = entry.string("name");
            String typeId = entry.string("type");
            Type type = Type.parse(typeId);
            if (type == null) {
                throw fault(reader.file(), "array " + name + " has unknown type \"" + typeId
                        + "\"; expected float32, float64, int32 or int64");
            }
            long count = entry.integer("count");
            if (count < 0 || count > MAX_ELEMENTS) {
                throw fault(reader.file(), "array " + name + " declares " + count
                        + " elements, expected 0.." + MAX_ELEMENTS);
            }
            long bytes = count * type.bytes;
            if (bytes > dataLength - offset) {
                throw fault(reader.file(), "array " + name + " declares " + count + " "
                        + typeId + " values (" + bytes + " bytes) but only "
                        + (dataLength - offset) + " bytes of data remain: the file is corrupt");
            }
            if (reader.arrays.put(name, new ArrayInfo(name, type, (int) count, offset)) != null) {
                throw fault(reader.file(), "array " + name + " appears twice");
            }
            offset += bytes;
        }
        if (offset != dataLength) {
            throw fault(reader.file(), "the arrays take " + offset + " bytes but the data"
                    + " section has " + dataLength + ": the file is corrupt");
        }
    }

    private static int storedChecksum(FileChannel channel, long size, Path file)
            throws IOException {
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, trailer, size - TRAILER, file);
        return trailer.getInt(0);
    }

    private static int checksum(FileChannel channel, long length, Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = 0;
        while (position < length) {
            buffer.clear();
            buffer.limit((int) Math.min(CHUNK, length - position));
            readFully(channel, buffer, position, file);
            buffer.flip();
            position += buffer.remaining();
            crc.update(buffer);
        }
        return (int) crc.getValue();
    }

    private static int readUpTo(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position,
            Path file) throws IOException {
        int want = buffer.remaining();
        if (readUpTo(channel, buffer, position) < want) {
            throw new EOFException(file + ": ended early; was it changed while being read?");
        }
    }

    static ModelFormatException fault(Path file, String message) {
        return new ModelFormatException(file + ": " + message);
    }
}

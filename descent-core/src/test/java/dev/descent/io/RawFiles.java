package dev.descent.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Builds model-format bytes by hand, with a correct checksum, for tests of hostile files. */
final class RawFiles {
    private RawFiles() {}

    /** Magic, version, the given header and data lengths, header, data, CRC-32C. */
    static byte[] build(int version, String header, long declaredDataLength, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer preamble = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(Container.MAGIC).putInt(version).putInt(json.length)
                .putLong(declaredDataLength);
        out.writeBytes(preamble.array());
        out.writeBytes(json);
        out.writeBytes(data);
        return withChecksum(out.toByteArray());
    }

    /** A file whose data length is the real one. */
    static byte[] build(String header, byte[] data) {
        return build(Container.VERSION, header, data.length, data);
    }

    /** {@code body} followed by its CRC-32C, little-endian. */
    static byte[] withChecksum(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer out = ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(body).putInt((int) crc.getValue());
        return out.array();
    }

    /** {@code file} with its trailing checksum recomputed (after an edit of the body). */
    static byte[] rechecksum(byte[] file) {
        byte[] body = new byte[file.length - 4];
        System.arraycopy(file, 0, body, 0, body.length);
        return withChecksum(body);
    }

    /** Little-endian float32 bytes. */
    static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }
}

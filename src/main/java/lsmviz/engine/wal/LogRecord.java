package lsmviz.engine.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.KeyValue;

/**
 * One record of a write-ahead log, as bytes (see {@code package-info.java}): a header (u32
 * payload length, u32 CRC32C of the payload), then the payload: kind, varint key length, varint
 * value length, key, value.
 */
final class LogRecord {
    static final int HEADER = 8; // u32 payload length, u32 crc32c of the payload
    static final byte PUT = 1;
    static final byte DELETE = 2;
    /** Largest payload a record may claim: anything larger is garbage, not a record. */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private LogRecord() {}

    /** A put ({@code value != null}) or a delete, header and payload, ready to write. */
    static ByteBuffer encode(byte[] key, byte[] value) {
        int payload = 1 + varintSize(key.length) + varintSize(value == null ? 0 : value.length) + key.length
                + (value == null ? 0 : value.length);
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload).order(ByteOrder.LITTLE_ENDIAN);
        b.position(HEADER);
        b.put(value == null ? DELETE : PUT);
        putVarint(b, key.length);
        putVarint(b, value == null ? 0 : value.length);
        b.put(key);
        if (value != null) {
            b.put(value);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), HEADER, payload);
        b.putInt(0, payload).putInt(4, (int) crc.getValue());
        b.flip();
        return b;
    }

    /** The record whose payload is {@code all[p, p + len)}, its CRC already checked. */
    static KeyValue decode(Path path, long recordOffset, byte[] all, int p, int len) {
        int end = p + len;
        byte kind = all[p++];
        int[] cursor = {p};
        long keyLen = getVarint(all, cursor, end);
        long valueLen = getVarint(all, cursor, end);
        if ((kind != PUT && kind != DELETE) || keyLen <= 0 || valueLen < 0
                || cursor[0] + keyLen + valueLen != end || (kind == DELETE && valueLen != 0)) {
            throw new CorruptionException(path, recordOffset, "a put or delete record expected, found kind " + kind
                    + " with key length " + keyLen + " and value length " + valueLen + " in a " + len + "-byte payload");
        }
        int k = cursor[0];
        byte[] key = java.util.Arrays.copyOfRange(all, k, k + (int) keyLen);
        if (kind == DELETE) {
            return KeyValue.tombstone(key);
        }
        return new KeyValue(key, java.util.Arrays.copyOfRange(all, k + (int) keyLen, end));
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static void putVarint(ByteBuffer b, int v) {
        while ((v & ~0x7F) != 0) {
            b.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    /** -1 when malformed. */
    private static long getVarint(byte[] a, int[] cursor, int end) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (cursor[0] >= end) {
                return -1;
            }
            byte x = a[cursor[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }
}

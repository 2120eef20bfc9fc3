package lsmviz.engine.sstable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Constants and low-level encoding helpers of the SSTable file format (see package-info). */
final class Format {
    private Format() {}

    static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** "LSMVSST1" in ASCII. */
    static final long MAGIC = 0x4C534D5653535431L;
    static final int VERSION = 1;
    static final int FOOTER_SIZE = 56;

    static final byte KIND_PUT = 1;
    static final byte KIND_TOMBSTONE = 2;

    /** Entry count (u32) + CRC (u32) at the end of every data block. */
    static final int BLOCK_TRAILER = 8;
    /** Smallest possible encoded entry: kind + two one-byte varints. */
    static final int MIN_ENTRY = 3;

    // footer field offsets
    static final int F_BLOOM_OFFSET = 0;
    static final int F_BLOOM_LENGTH = 8;
    static final int F_INDEX_OFFSET = 12;
    static final int F_INDEX_LENGTH = 20;
    static final int F_ENTRIES = 24;
    static final int F_TOMBSTONES = 32;
    static final int F_VERSION = 40;
    static final int F_MAGIC = 44;
    static final int F_CRC = 52;

    static int crc(ByteBuffer m, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(m.slice(off, len));
        return (int) c.getValue();
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static String hex32(int v) {
        return String.format("0x%08x", v);
    }

    static String crcMismatch(String part, int expected, int actual) {
        return part + ": expected crc " + hex32(expected) + " got " + hex32(actual);
    }

    static int varintSize(int v) {
        if ((v & ~0x7F) == 0) {
            return 1;
        }
        if ((v & ~0x3FFF) == 0) {
            return 2;
        }
        if ((v & ~0x1FFFFF) == 0) {
            return 3;
        }
        if ((v & ~0xFFFFFFF) == 0) {
            return 4;
        }
        return 5;
    }

    /**
     * Reads an unsigned LEB128 varint of at most 5 bytes whose value fits a non-negative int,
     * from absolute position {@code pos}, not reading at or past {@code limit}.
     *
     * @return {@code (value << 32) | newPos}, or -1 if the varint is malformed or runs past limit
     */
    static long readVarint(ByteBuffer m, int pos, int limit) {
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (pos >= limit) {
                return -1;
            }
            int b = m.get(pos++) & 0xFF;
            if (shift == 28 && b > 0x07) {
                return -1;
            }
            result |= (b & 0x7F) << shift;
            if (b < 0x80) {
                return ((long) result << 32) | pos;
            }
        }
        return -1;
    }

    /**
     * Unsigned lexicographic comparison of {@code a} with {@code len} bytes of {@code m} at absolute
     * {@code pos}, without allocating. {@code m} must be big-endian.
     */
    static int compareKey(byte[] a, ByteBuffer m, int pos, int len) {
        int n = Math.min(a.length, len);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long x = (long) BE_LONG.get(a, i);
            long y = m.getLong(pos + i);
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; i < n; i++) {
            int x = a[i] & 0xFF;
            int y = m.get(pos + i) & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return Integer.compare(a.length, len);
    }

    /** A growable big-endian byte buffer for building blocks. */
    static final class Sink {
        byte[] buf;
        int size;

        Sink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void reset() {
            size = 0;
        }

        private void ensure(int extra) {
            long need = (long) size + extra;
            if (need > buf.length) {
                if (need > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("block too large: " + need + " bytes");
                }
                buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
            }
        }

        void putByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void putVarint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void putBytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void putInt(int v) {
            ensure(4);
            BE_INT.set(buf, size, v);
            size += 4;
        }

        void putLong(long v) {
            ensure(8);
            BE_LONG.set(buf, size, v);
            size += 8;
        }

        /** Appends the CRC32C of everything written so far. */
        void putCrc() {
            putInt(crc(buf, 0, size));
        }
    }
}

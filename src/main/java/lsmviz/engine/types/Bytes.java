package lsmviz.engine.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Byte-array helpers: the engine's one key order (unsigned lexicographic) and display. */
public final class Bytes {
    private Bytes() {}

    /** Unsigned lexicographic order, the order of every memtable, block and SSTable. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Text for people: the UTF-8 string when the bytes are valid, printable UTF-8, otherwise
     * {@code 0x} and hex. {@code null} shows as {@code null}.
     */
    public static String display(byte[] b) {
        if (b == null) {
            return "null";
        }
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0x20 || x == 0x7F) { // negative bytes are non-ASCII, the rest control characters
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1); // printable ASCII: a plain copy, no decoder
        }
        boolean printable = true;
        for (byte x : b) {
            if (x >= 0 && x < 0x20) {
                printable = false;
                break;
            }
        }
        if (printable) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                // fall through to hex
            }
        }
        return "0x" + hex(b);
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    /** A size for people: "212 B", "212.0 KB", "3.4 MB", "1.20 GB" (binary units). */
    public static String size(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }
}

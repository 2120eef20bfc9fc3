package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lsmviz.engine.Bytes;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.sstable.BlockHandle;
import lsmviz.engine.sstable.SSTableInfo;
import lsmviz.engine.sstable.SSTableReader;

/** {@code dump}: what is on disk, read without opening the engine (nothing is changed). */
final class Dump {
    private Dump() {}

    static int run(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no directory " + dir);
        }
        Manifest.Replay replay = Manifest.read(dir);
        out.println("directory " + dir.toAbsolutePath());
        out.println("manifest: " + replay.records().size() + " records, " + replay.validLength() + " bytes"
                + (replay.tornTail() ? " (torn tail after the last good record: cut at next open)" : ""));
        for (Manifest.Record r : replay.records()) {
            out.println("  @" + r.offset() + " " + r.describe());
        }
        List<Long> live = replay.liveSSTablesOldestFirst();
        out.println("live sstables: " + live.size() + " (newest first)");
        for (int i = live.size() - 1; i >= 0; i--) {
            long id = live.get(i);
            try (SSTableReader r = SSTableReader.open(dir.resolve(LsmEngine.sstableFileName(id)), id)) {
                print(r.info(), out);
            }
        }
        return Main.EXIT_OK;
    }

    private static void print(SSTableInfo t, PrintStream out) {
        out.println("sstable #" + t.id() + " " + t.path().getFileName() + ": " + t.fileSize() + " bytes, "
                + t.entryCount() + " entries (" + t.tombstoneCount() + " tombstones), keys "
                + key(t.minKey()) + " .. " + key(t.maxKey()));
        out.println("  data blocks: " + t.blocks().size());
        for (BlockHandle b : t.blocks()) {
            out.println("    block " + b.blockNo() + " @" + b.offset() + " " + b.length() + " bytes, " + b.entryCount()
                    + " entries, " + key(b.firstKey()) + " .. " + key(b.lastKey()));
        }
        out.println("  bloom: @" + t.bloomOffset() + " " + t.bloomBytes() + " bytes, " + t.bloomBitsPerKey()
                + " bits/key, " + t.bloomHashes() + " hashes");
        out.println("  index: @" + t.indexOffset() + " " + t.indexBytes() + " bytes, " + t.blocks().size() + " entries");
        out.println("  footer: @" + t.footerOffset() + " " + t.footerBytes() + " bytes");
    }

    private static String key(byte[] k) {
        return k == null ? "-" : Bytes.display(k);
    }
}

package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import lsmviz.engine.EngineInspector;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.DirectoryFacts;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/** {@code dump}: what is on disk, read without opening the engine (nothing is changed). */
final class Dump {
    private Dump() {}

    static int run(Path dir, int limit, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no directory " + dir);
        }
        DirectoryFacts.Manifest replay = EngineInspector.readManifest(dir);
        out.println("directory " + dir.toAbsolutePath());
        out.println("manifest: " + replay.records().size() + " records, " + replay.validLength() + " bytes"
                + (replay.tornTail() ? " (torn tail after the last good record: cut at next open)" : ""));
        for (DirectoryFacts.Manifest.Entry r : replay.records()) {
            out.println("  @" + r.offset() + " " + r.description());
        }
        List<Long> live = byLevel(replay);
        out.println("live sstables: " + live.size() + " (L0 newest first, then each level L1, L2 ...)");
        for (long id : live) {
            print(EngineInspector.readSSTable(dir, id), replay.levelOf(id), out);
        }
        List<Path> logs = EngineInspector.logFiles(dir);
        out.println("write-ahead logs: " + logs.size() + " (memtables not yet flushed, oldest first)");
        for (Path log : logs) {
            String name = log.getFileName().toString();
            long id = EngineInspector.memtableIdOf(log);
            if (replay.flushedMemtables().contains(id)) {
                out.println("log " + name + ": memtable #" + id + " is already flushed (the log is removed at next open)");
                continue;
            }
            DirectoryFacts.Log r = EngineInspector.readLog(log);
            out.println("log " + name + ": memtable #" + id + ", " + r.records().size() + " records, " + r.validLength()
                    + " bytes" + (r.tornTail() ? ", torn tail of " + r.tornBytes()
                    + " bytes (a half-written record: cut at next open)" : ""));
            int shown = 0;
            for (KeyValue kv : r.records()) {
                if (limit > 0 && shown == limit) {
                    out.println("    ... " + (r.records().size() - shown) + " more (--limit 0 shows all)");
                    break;
                }
                out.println("    " + (kv.isTombstone() ? "delete " + Bytes.display(kv.key())
                        : "put " + Bytes.display(kv.key()) + "=" + Bytes.display(kv.value())));
                shown++;
            }
        }
        return Main.EXIT_OK;
    }

    /** The live tables as a reader searches them: L0 newest first, then level by level (oldest first within one). */
    private static List<Long> byLevel(DirectoryFacts.Manifest replay) {
        List<Long> newestFirst = new ArrayList<>(replay.liveSSTablesOldestFirst());
        Collections.reverse(newestFirst);
        List<Long> out = new ArrayList<>();
        newestFirst.stream().filter(id -> replay.levelOf(id) == 0).forEach(out::add);
        replay.liveSSTablesOldestFirst().stream().filter(id -> replay.levelOf(id) > 0)
                .sorted(Comparator.comparingInt(replay::levelOf)).forEach(out::add);
        return out;
    }

    private static void print(SSTableInfo t, int level, PrintStream out) {
        out.println("sstable #" + t.id() + " " + t.path().getFileName() + ": " + t.fileSize() + " bytes, "
                + t.entryCount() + " entries (" + t.tombstoneCount() + " tombstones), keys "
                + key(t.minKey()) + " .. " + key(t.maxKey()) + ", level L" + level);
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

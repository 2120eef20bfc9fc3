package lsmviz.engine.state;

import java.util.List;
import java.util.Map;

/**
 * One change to the levels, as the manifest records it: tables added (each at its level), tables
 * removed, and compact pointers moved. A flush is an edit that adds one L0 table; a compaction
 * removes its inputs and adds its outputs; a trivial move removes a table from one level and adds
 * it to the next.
 *
 * @param added    tables that join the levels, each with its level
 * @param removed  ids of tables that leave them
 * @param pointers levels whose compact pointer moves, and its new key
 */
public record Edit(List<Placed> added, List<Long> removed, Map<Integer, Key> pointers) {
    /** A table and the level it goes to. */
    public record Placed(int level, TableMeta table) {}

    public Edit {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        pointers = Map.copyOf(pointers);
    }

    /** A flush: one new L0 table. */
    public static Edit flushed(TableMeta table) {
        return new Edit(List.of(new Placed(0, table)), List.of(), Map.of());
    }
}

package lsmviz.app.session;

import java.util.List;
import lsmviz.app.Format;
import lsmviz.engine.inspect.KeyVersion;
import lsmviz.engine.types.Bytes;

/**
 * What a get that found nothing says about the key: not found at all, or deleted, with where its
 * tombstone is now and why the engine still keeps it. A tombstone must stay while a level below
 * may hold an older value of the key (dropping it would bring that value back); the engine drops
 * it only when a compaction writes it into the bottom level, where nothing older can be.
 */
final class Tombstones {
    private Tombstones() {}

    /** The answer to {@code get key} that returned nothing, given every version the engine still stores. */
    static String answer(String key, List<KeyVersion> versions) {
        if (versions.isEmpty() || !versions.get(0).tombstone()) {
            return "get " + key + " → (not found)"; // a version found after the get (a put since) is not this get's answer
        }
        KeyVersion tomb = versions.get(0);
        String head = "get " + key + " → (deleted): its tombstone is in " + tomb.where();
        KeyVersion older = versions.stream().skip(1).filter(v -> !v.tombstone()).findFirst().orElse(null);
        if (older != null) {
            return head + ", kept because it hides an older value (" + Format.shorten(Bytes.display(older.value()), 20)
                    + ") in " + older.where() + ". A compaction into the bottom level drops both.";
        }
        if (tomb.inMemtable()) {
            return head + ". A flush takes it to L0; compactions carry it down until one into the bottom level drops it.";
        }
        return head + ". No older value is left below it, but only a compaction into the bottom level, where "
                + "nothing older can be, drops a tombstone.";
    }
}

package lsmviz.engine.iterator;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.keysOf;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.toList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;

class MergingIteratorTest {

    /** "k=v" puts and "k=" tombstones (a trailing '=' with nothing after it), already sorted. */
    private static Iterator<KeyValue> source(String... records) {
        List<KeyValue> out = new ArrayList<>();
        for (String r : records) {
            int eq = r.indexOf('=');
            String k = r.substring(0, eq);
            String v = r.substring(eq + 1);
            out.add(v.isEmpty() ? KeyValue.tombstone(b(k)) : new KeyValue(b(k), b(v)));
        }
        return out.iterator();
    }

    private static List<String> render(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> s(kv.key()) + "=" + (kv.isTombstone() ? "<del>" : s(kv.value()))).toList();
    }

    @Test
    void mergesSourcesInKeyOrder() {
        MergingIterator it = new MergingIterator(List.of(source("b=1", "e=1"), source("a=2", "c=2"), source("d=3")));
        assertThat(keysOf(toList(it))).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void newestSourceWinsForTheSameKey() {
        MergingIterator it = new MergingIterator(List.of(
                source("k=newest", "z=new"),
                source("a=mid", "k=mid"),
                source("a=old", "k=old", "z=old")));
        assertThat(render(toList(it))).containsExactly("a=mid", "k=newest", "z=new");
    }

    @Test
    void tombstonesPassThroughUnlessLiveOnly() {
        List<Iterator<KeyValue>> sources = List.of(source("a=", "c=3new"), source("a=1", "b=2", "c=3"));
        assertThat(render(toList(new MergingIterator(sources)))).containsExactly("a=<del>", "b=2", "c=3new");

        Iterator<KeyValue> live = MergingIterator.liveOnly(
                new MergingIterator(List.of(source("a=", "c=3new"), source("a=1", "b=2", "c=3"))));
        assertThat(render(toList(live))).containsExactly("b=2", "c=3new");
    }

    @Test
    void olderValueUnderNewerTombstoneStaysHiddenAndNewerPutOverOlderTombstoneShows() {
        Iterator<KeyValue> live = MergingIterator.liveOnly(new MergingIterator(List.of(
                source("x=back"),
                source("x=", "y="),
                source("x=first", "y=first"))));
        assertThat(render(toList(live))).containsExactly("x=back");
    }

    @Test
    void ordersKeysAsUnsignedBytes() {
        Iterator<KeyValue> a = List.of(new KeyValue(new byte[] {(byte) 0x80}, b("hi"))).iterator();
        Iterator<KeyValue> c = List.of(new KeyValue(new byte[] {0x7f}, b("lo"))).iterator();
        List<KeyValue> out = toList(new MergingIterator(List.of(a, c)));
        assertThat(out).extracting(kv -> s(kv.value())).containsExactly("lo", "hi");
    }

    @Test
    void noSourcesOrEmptySourcesYieldNothingAndNextThrows() {
        MergingIterator none = new MergingIterator(List.of());
        assertThat(none.hasNext()).isFalse();
        assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);

        Iterator<KeyValue> onlyTombstones = MergingIterator.liveOnly(
                new MergingIterator(List.of(source(), source("a=", "b="))));
        assertThat(onlyTombstones.hasNext()).isFalse();
        assertThatThrownBy(onlyTombstones::next).isInstanceOf(NoSuchElementException.class);
    }
}

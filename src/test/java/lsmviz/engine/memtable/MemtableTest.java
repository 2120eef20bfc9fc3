package lsmviz.engine.memtable;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.keysOf;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.toList;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;

class MemtableTest {

    @Test
    void keysAreOrderedAsUnsignedBytes() {
        Memtable m = new Memtable(1);
        m.put(new byte[] {(byte) 0x80}, b("high"));
        m.put(new byte[] {0x7f}, b("low"));
        m.put(new byte[] {(byte) 0xff}, b("top"));
        m.put(new byte[] {0x00}, b("zero"));

        List<KeyValue> all = toList(m.iterator());

        assertThat(all).extracting(kv -> kv.key()[0] & 0xff).containsExactly(0x00, 0x7f, 0x80, 0xff);
        assertThat(m.minKey()).containsExactly(0x00);
        assertThat(m.maxKey()).containsExactly((byte) 0xff);
    }

    @Test
    void shorterKeySortsBeforeItsExtension() {
        Memtable m = new Memtable(1);
        m.put(b("ab"), b("2"));
        m.put(b("a"), b("1"));
        m.put(new byte[] {'a', (byte) 0x80}, b("3"));
        assertThat(toList(m.iterator())).extracting(kv -> s(kv.value())).containsExactly("1", "2", "3");
    }

    @Test
    void getReturnsNewestValueAndNullForAbsentKey() {
        Memtable m = new Memtable(7);
        m.put(b("k"), b("v1"));
        m.put(b("k"), b("v2"));
        assertThat(s(m.get(b("k")).value())).isEqualTo("v2");
        assertThat(m.get(b("other"))).isNull();
        assertThat(m.id()).isEqualTo(7);
    }

    @Test
    void deleteStoresTombstoneThatGetReportsAsDeleted() {
        Memtable m = new Memtable(1);
        m.put(b("k"), b("v"));
        m.put(b("k"), null);

        KeyValue kv = m.get(b("k"));
        assertThat(kv).isNotNull();
        assertThat(kv.isTombstone()).isTrue();
        assertThat(kv.value()).isNull();
        assertThat(m.isEmpty()).isFalse();
    }

    @Test
    void emptyValueIsNotATombstone() {
        Memtable m = new Memtable(1);
        m.put(b("k"), new byte[0]);
        KeyValue kv = m.get(b("k"));
        assertThat(kv.isTombstone()).isFalse();
        assertThat(kv.value()).isEmpty();
        assertThat(toList(m.iterator()).get(0).isTombstone()).isFalse();
    }

    @Test
    void sizeCountsKeyValueAndOverheadIncludingOverwritesWhileEntriesCountDistinctKeys() {
        Memtable m = new Memtable(1);
        assertThat(m.sizeBytes()).isZero();
        assertThat(m.entryCount()).isZero();
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.minKey()).isNull();
        assertThat(m.maxKey()).isNull();

        long after1 = m.put(b("abc"), b("12345"));
        assertThat(after1).isEqualTo(3 + 5 + Memtable.ENTRY_OVERHEAD);
        long after2 = m.put(b("abc"), b("1"));
        assertThat(after2).isEqualTo(after1 + 3 + 1 + Memtable.ENTRY_OVERHEAD);
        long after3 = m.put(b("x"), null);
        assertThat(after3).isEqualTo(after2 + 1 + Memtable.ENTRY_OVERHEAD);

        assertThat(m.sizeBytes()).isEqualTo(after3);
        assertThat(m.entryCount()).isEqualTo(2);
    }

    @Test
    void iteratorRangeIsHalfOpenWithNullBoundsOpen() {
        Memtable m = new Memtable(1);
        for (String k : List.of("a", "b", "c", "d", "e")) {
            m.put(b(k), b(k.toUpperCase()));
        }
        assertThat(keysOf(toList(m.iterator(b("b"), b("d"))))).containsExactly("b", "c");
        assertThat(keysOf(toList(m.iterator(b("bb"), b("dd"))))).containsExactly("c", "d");
        assertThat(keysOf(toList(m.iterator(null, b("c"))))).containsExactly("a", "b");
        assertThat(keysOf(toList(m.iterator(b("d"), null)))).containsExactly("d", "e");
        assertThat(keysOf(toList(m.iterator(null, null)))).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void emptyOrInvertedRangeYieldsNothing() {
        Memtable m = new Memtable(1);
        m.put(b("a"), b("1"));
        m.put(b("b"), b("2"));
        assertThat(toList(m.iterator(b("b"), b("b")))).isEmpty();
        assertThat(toList(m.iterator(b("b"), b("a")))).isEmpty();
        assertThat(toList(m.iterator(b("x"), null))).isEmpty();
    }

    @Test
    void iteratorIncludesTombstonesInKeyOrder() {
        Memtable m = new Memtable(1);
        m.put(b("b"), b("2"));
        m.put(b("a"), null);
        m.put(b("c"), b("3"));
        List<KeyValue> all = toList(m.iterator());
        assertThat(keysOf(all)).containsExactly("a", "b", "c");
        assertThat(all).extracting(KeyValue::isTombstone).containsExactly(true, false, false);
    }
}

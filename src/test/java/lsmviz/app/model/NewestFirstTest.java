package lsmviz.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewestFirstTest {

    @Test
    void snapshotsAreNewestFirstAndNeverChangeAfterwards() {
        NewestFirst<String> list = new NewestFirst<>();
        list.add("a");
        list.add("b");
        List<String> two = list.snapshot();
        for (int i = 0; i < 100; i++) { // grows the backing array several times
            list.add("x" + i);
        }
        assertEquals(List.of("b", "a"), two);
        List<String> all = list.snapshot();
        assertEquals(102, all.size());
        assertEquals("x99", all.get(0));
        assertEquals("a", all.get(101));
        list.clear();
        list.add("c");
        assertEquals(List.of("b", "a"), two);
        assertEquals(102, all.size());
        assertEquals(List.of("c"), list.snapshot());
    }

    @Test
    void snapshotsAreReadOnlyAndBoundsChecked() {
        NewestFirst<String> list = new NewestFirst<>();
        list.add("a");
        List<String> s = list.snapshot();
        assertThrows(UnsupportedOperationException.class, () -> s.add("b"));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(1));
        assertThrows(NullPointerException.class, () -> list.add(null));
    }

    @Test
    void aCopyAndItsOriginalGrowIndependently() {
        NewestFirst<String> list = new NewestFirst<>();
        list.add("a");
        NewestFirst<String> copy = list.copy();
        list.add("from original");
        copy.add("from copy");
        assertEquals(List.of("from original", "a"), list.snapshot());
        assertEquals(List.of("from copy", "a"), copy.snapshot());
    }
}

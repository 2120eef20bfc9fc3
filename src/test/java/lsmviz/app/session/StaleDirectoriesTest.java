package lsmviz.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleDirectoriesTest {
    @TempDir
    Path tmp;

    private Path dir(String name, boolean withLock, Duration age) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("000001.log"), "data");
        if (withLock) {
            Files.createFile(d.resolve("LOCK"));
        }
        Files.setLastModifiedTime(d, FileTime.from(Instant.now().minus(age)));
        return d;
    }

    @Test
    void directoriesNoEngineHoldsAreDeletedTheOthersStay() throws Exception {
        Path crashed = dir("lsmviz-111", true, Duration.ofMinutes(10));
        Path crashedLesson = dir("lsmviz-lesson-why-compaction-777", true, Duration.ofMinutes(10));
        Path justMade = dir("lsmviz-555", true, Duration.ZERO);
        Path noLockRecent = dir("lsmviz-333", false, Duration.ofMinutes(10));
        Path noLockOld = dir("lsmviz-444", false, Duration.ofHours(2));
        Path notOurs = dir("someone-else-999", true, Duration.ofHours(2));
        Path open = tmp.resolve("lsmviz-222");
        try (LsmEngine e = LsmEngine.open(open, Options.defaults().withSyncMode(SyncMode.NONE))) {
            Files.setLastModifiedTime(open, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
            assertThat(StaleDirectories.sweep(tmp)).containsExactlyInAnyOrder(crashed, crashedLesson, noLockOld);
            assertThat(open).as("a running engine's directory stays").exists();
            e.put("k".getBytes(), "v".getBytes()); // and the engine still works: its lock was not disturbed
            assertThat(LsmEngine.isInUse(open)).isTrue();
        }
        assertThat(crashed).doesNotExist();
        assertThat(crashedLesson).doesNotExist();
        assertThat(noLockOld).doesNotExist();
        assertThat(justMade).exists();
        assertThat(noLockRecent).exists();
        assertThat(notOurs).exists();
        assertThat(LsmEngine.isInUse(open)).as("closed: nobody holds it").isFalse();
    }
}

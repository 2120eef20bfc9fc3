package lsmviz.app.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import lsmviz.app.dialogs.Problems.Kind;
import lsmviz.engine.types.CorruptionException;
import org.junit.jupiter.api.Test;

/** Failures are told apart by their type, through the wrappers a future puts around them. */
class ProblemsTest {
    @Test
    void eachKindOfFailureIsKnownByItsType() {
        assertThat(Problems.kind(new CompletionException(new CorruptionException(java.nio.file.Path.of("MANIFEST"), 30, "bad record"))))
                .isEqualTo(Kind.DAMAGED);
        assertThat(Problems.kind(new UncheckedIOException(new AccessDeniedException("/data"))))
                .isEqualTo(Kind.NOT_WRITABLE);
        assertThat(Problems.kind(new FileSystemException("/data/000007.sst", null, "No space left on device")))
                .isEqualTo(Kind.DISK_FULL);
        assertThat(Problems.kind(new IOException("Input/output error"))).isEqualTo(Kind.DISK);
        assertThat(Problems.kind(new IllegalArgumentException("key is empty"))).isEqualTo(Kind.REFUSED);
        assertThat(Problems.kind(new NullPointerException())).isEqualTo(Kind.OTHER);
    }

    @Test
    void theWordsSayWhatHappenedAndWhatToDo() {
        assertThat(Problems.explain(new CorruptionException(java.nio.file.Path.of("MANIFEST"), 30, "bad record")))
                .startsWith("Damaged data: corruption in MANIFEST at offset 30: bad record. Nothing was changed.");
        assertThat(Problems.explain(new AccessDeniedException("/data"))).isEqualTo(
                "Cannot write to /data: choose a directory you may write to.");
        assertThat(Problems.aboutTheDisk(new IllegalStateException("no engine is open"))).isFalse();
        assertThat(Problems.aboutTheDisk(new IOException("Input/output error"))).isTrue();
        assertThat(Problems.heading(new FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("The disk is full");
    }
}

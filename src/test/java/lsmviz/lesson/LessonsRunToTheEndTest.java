package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in lesson runs unattended against the real engine to its end, every expect holding. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LessonsRunToTheEndTest {

    @TempDir
    Path temp;

    static Stream<Lesson> builtInLessons() throws IOException {
        return LessonLibrary.load().lessons().stream();
    }

    @Test
    void theLibraryHasAtLeastFiveLessonsEachWithATitleAndOneLineDescription() throws IOException {
        List<Lesson> lessons = LessonLibrary.load().lessons();
        assertThat(lessons).hasSizeGreaterThanOrEqualTo(5);
        assertThat(lessons).allSatisfy(l -> {
            assertThat(l.title()).isNotBlank();
            assertThat(l.description()).isNotBlank().doesNotContain("\n");
        });
        assertThat(lessons).extracting(Lesson::id).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInLessons")
    void lessonRunsToItsEndWithEveryExpectHolding(Lesson lesson) throws Exception {
        LessonRunner runner = new LessonRunner(lesson, LessonRunner.Settings.defaults()
                .withAutoAdvance(true, 0).withTempParent(temp));
        try {
            runner.start();
            State end = runner.awaitEnd(50, TimeUnit.SECONDS);
            assertThat(end).as("lesson %s ended with: %s", lesson.id(), runner.message()).isEqualTo(State.FINISHED);
            assertThat(runner.message()).isNull();
            assertThat(runner.stepIndex()).isEqualTo(lesson.steps().size() - 1);
            assertThat(runner.engine()).as("the engine stays open at the end, for the class to look at").isNotNull();
        } finally {
            runner.stop();
        }
        assertThat(runner.state()).isEqualTo(State.STOPPED);
        assertThat(runner.message()).as("stopping reported a problem").isNull();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("the lesson's temporary directory is deleted").isEmpty();
        }
    }
}

package lsmviz.app;

import javafx.stage.Stage;
import lsmviz.app.command.Answers;
import lsmviz.app.dialogs.ProblemDialog;
import lsmviz.app.dialogs.Problems;
import lsmviz.app.narration.NarrationViewModel;

/**
 * Where the answers of the window's commands go: the narration says them; a failure is explained
 * there in plain words, and one about the disk (full, read-only, damaged) also opens the problem
 * dialog, which says what to do.
 */
final class WindowAnswers implements Answers {
    private final NarrationViewModel narration;
    private final Stage stage;

    WindowAnswers(NarrationViewModel narration, Stage stage) {
        this.narration = narration;
        this.stage = stage;
    }

    @Override
    public void say(String sentence) {
        narration.say(sentence);
    }

    @Override
    public void fail(Throwable cause) {
        narration.error(Problems.explain(cause));
        if (Problems.aboutTheDisk(cause)) {
            ProblemDialog.show(stage, cause);
        }
    }
}

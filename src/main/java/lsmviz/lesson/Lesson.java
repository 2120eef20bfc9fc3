package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One lesson as read from its JSON file: what it is called, the engine it runs on and the
 * scripted steps ({@link Step}, each kind listed once in {@link StepKind}). Every record checks
 * itself when it is built, and the lesson checks what spans steps, so a lesson that parsed is one
 * the runner can run; the format is described in {@code package-info.java}.
 *
 * @param id          short name, unique in the library ({@code a-z}, digits and {@code -})
 * @param title       what the picker shows in bold
 * @param description one line under the title in the picker
 * @param engine      the options of the fresh engine the lesson opens
 * @param steps       the script, run top to bottom
 */
public record Lesson(String id, String title, String description, EngineSettings engine, List<Step> steps) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public Lesson {
        require("id", id);
        if (!ID.matcher(id).matches()) {
            throw new FieldProblem("id", "id '" + id + "' must be 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        require("title", title);
        require("description", description);
        if (description.contains("\n")) {
            throw new FieldProblem("description", "description must be one line (the picker shows one line per lesson)");
        }
        if (engine == null) {
            throw new FieldProblem("engine", "missing field 'engine' (the engine options)");
        }
        if (steps == null || steps.isEmpty()) {
            throw new FieldProblem("steps", "missing field 'steps' (a lesson has at least one step)");
        }
        steps = List.copyOf(steps);
        checkThreadsAreStartedBeforeJoined(steps);
        checkCostsAreRememberedBeforeUsed(steps);
        checkEachQuestionIsRevealed(steps);
    }

    /** A {@code join} must name a thread that an earlier step starts. */
    private static void checkThreadsAreStartedBeforeJoined(List<Step> steps) {
        Set<String> started = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof ThreadStep.StartThread t) {
                started.add(t.name());
            } else if (s instanceof Operation op && op.thread() != null) {
                started.add(op.thread());
            } else if (s instanceof ThreadStep.Join j && !started.contains(j.thread())) {
                throw new FieldProblem("steps[" + i + "].thread", "steps[" + i + "] joins thread '" + j.thread()
                        + "', which no earlier step starts (start it with startThread or an operation's 'thread')");
            }
        }
    }

    /**
     * A text's {@code {name.cost}} and a {@code cost} check's {@code below} or {@code above} must
     * name costs that an earlier {@code remember} step keeps.
     */
    private static void checkCostsAreRememberedBeforeUsed(List<Step> steps) {
        Set<String> remembered = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String text = s instanceof Step.Say say ? say.text() : s instanceof Step.Pause p ? p.text()
                    : s instanceof Step.Ask a ? a.why() : null;
            String field = s instanceof Step.Ask ? ".why" : ".text";
            for (CostText.Placeholder p : CostText.placeholders("steps[" + i + "]" + field, text)) {
                if (p.remembered() != null && !remembered.contains(p.remembered())) {
                    throw new FieldProblem("steps[" + i + "]" + field, "steps[" + i + "] says " + p.written()
                            + ", but no earlier step remembers costs as '" + p.remembered() + "' (add { \"do\": "
                            + "\"remember\", \"as\": \"" + p.remembered() + "\" } before it)");
                }
            }
            List<Expectation> checks = s instanceof Step.Expect x ? List.of(x.expectation())
                    : s instanceof Step.Ask a ? a.choices().stream().map(Step.Choice::check).toList() : List.of();
            for (int j = 0; j < checks.size(); j++) {
                if (checks.get(j) instanceof Expectation.CostCompared c && !remembered.contains(c.than())) {
                    String f = (s instanceof Step.Ask ? "choices[" + j + "]." : "") + (c.above() ? "above" : "below");
                    throw new FieldProblem("steps[" + i + "]." + f, "steps[" + i + "] compares " + c.cost().json()
                            + " with '" + c.than() + "', but no earlier step remembers costs as '" + c.than()
                            + "' (add { \"do\": \"remember\", \"as\": \"" + c.than() + "\" } before it)");
                }
            }
            if (s instanceof Step.Remember r) {
                remembered.add(r.as());
            }
        }
    }

    /** Each {@code ask} is followed by its {@code reveal} before the next ask and the end; each reveal has an ask. */
    private static void checkEachQuestionIsRevealed(List<Step> steps) {
        int asked = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof Step.Ask) {
                if (asked >= 0) {
                    throw new FieldProblem("steps[" + i + "]", "steps[" + i + "] asks a question while the one of steps["
                            + asked + "] is not revealed yet (add { \"do\": \"reveal\" } between them)");
                }
                asked = i;
            } else if (s instanceof Step.Reveal) {
                if (asked < 0) {
                    throw new FieldProblem("steps[" + i + "]", "steps[" + i + "] reveals an answer, but no question is"
                            + " asked before it (add { \"do\": \"ask\", ... } first)");
                }
                asked = -1;
            }
        }
        if (asked >= 0) {
            throw new FieldProblem("steps[" + asked + "]", "the question of steps[" + asked + "] is never revealed"
                    + " (add { \"do\": \"reveal\" } after the steps that answer it)");
        }
    }

    /** Short label for the picker and logs. */
    @Override
    public String toString() {
        return title;
    }
}

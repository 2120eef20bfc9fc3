package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.checkWait;
import static lsmviz.lesson.FieldChecks.require;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of a lesson's script. The JSON field {@code "do"} names its kind: {@link StepKind}
 * lists the kinds and their names, once. A step's record is its description: its components are
 * the fields a lesson file may give it, and its constructor checks their values, so a step that
 * parsed is one the runner can run.
 *
 * <p>The kinds are grouped by what they act on: the narration and the checks here,
 * {@link Operation} (calls into the engine), {@link EngineStep} (the engine's life),
 * {@link GateStep} (the step gate) and {@link ThreadStep} (lesson threads).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "do")
public sealed interface Step permits Step.Say, Step.Pause, Step.Remember, Step.Expect, Step.Ask, Step.Reveal,
        Operation, EngineStep, GateStep, ThreadStep {

    /** A short human label, such as {@code put 'apple'}: used in step lists and error messages. */
    String label();

    /** Whether the script waits here for the class (Next, or an answer): each such step is a page. */
    default boolean waitsForUser() {
        return this instanceof Pause || this instanceof Ask;
    }

    /** This step's kind: its name in the field {@code "do"}. */
    default StepKind stepKind() {
        return StepKind.of(getClass());
    }

    /**
     * Shows {@code text} as the narration, its placeholders ({@code {writeAmplification}},
     * {@code {leveled.sortedRuns}}: see {@link Cost}) filled in from the engine at that moment.
     */
    record Say(String text) implements Step {
        public Say {
            require("text", text);
            CostText.placeholders("text", text);
        }

        @Override
        public String label() {
            return "say";
        }
    }

    /**
     * Waits for the user (Next); shows {@code text} as the narration first, when given, its
     * placeholders filled in as a {@link Say}'s are.
     */
    record Pause(String text) implements Step {
        public Pause {
            CostText.placeholders("text", text);
        }

        @Override
        public String label() {
            return "pause";
        }
    }

    /**
     * Keeps the engine's costs now (every {@link Cost}, space amplification measured) under the
     * name {@code as}: a later text shows them as {@code {as.writeAmplification}}, a later
     * {@code cost} check compares with them. They outlive a {@link EngineStep.FreshEngine}.
     */
    record Remember(String as) implements Step {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");

        public Remember {
            require("as", as);
            if (!NAME.matcher(as).matches()) {
                throw new FieldProblem("as", "name '" + as
                        + "' must be 1 to 32 letters and digits, starting with a letter (texts write {" + "name.cost})");
            }
            if (Cost.named(as) != null) {
                throw new FieldProblem("as", "name '" + as + "' is a cost's name: {" + as
                        + "} would mean the cost now; choose another");
            }
        }

        @Override
        public String label() {
            return "remember costs as " + as;
        }
    }

    /**
     * An assertion on the engine ({@link Expectation}, one record per {@link Check}). Checked again
     * and again for up to {@code waitMillis} (5 s by default; 0 checks once) until it holds: a
     * failing expect fails the lesson with a message saying what was expected and what was found.
     */
    record Expect(Expectation expectation, long waitMillis) implements Step {
        public Expect {
            if (expectation == null) {
                throw new FieldProblem("check", "missing field 'check'");
            }
            checkWait("waitMillis", waitMillis, 0);
        }

        /** An expect as a lesson file spells it: {@code check} names the kind, the rest are its fields. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Expect fromFile(CheckFields f) {
            return new Expect(Check.parse(f, "waitMillis"), checkWait("waitMillis", f.waitMillis(), 5_000));
        }

        @Override
        public String label() {
            return expectation.label();
        }
    }

    /**
     * Asks the class a multiple-choice question about what the engine will do, and waits for an
     * answer (Next goes on without one). Each choice carries a {@link Check}: the next
     * {@link Reveal} finds the one whose check holds after the steps between ran, and says
     * whether the answer was right, with {@code why} (costs filled in as in a {@link Say}).
     */
    record Ask(String question, List<Choice> choices, String why) implements Step {
        public Ask {
            require("question", question);
            if (choices == null || choices.size() < 2 || choices.size() > 5) {
                throw new FieldProblem("choices", "a question needs 2 to 5 'choices', each { \"text\": ..., \"check\": ... }");
            }
            for (int i = 0; i < choices.size(); i++) {
                if (choices.get(i) == null) {
                    throw new FieldProblem("choices[" + i + "]", "choices[" + i + "] is null");
                }
            }
            choices = List.copyOf(choices);
            CostText.placeholders("why", why);
        }

        /** The choices' texts, in order. */
        public List<String> texts() {
            return choices.stream().map(Choice::text).toList();
        }

        @Override
        public String label() {
            return "ask \"" + question + "\"";
        }
    }

    /**
     * One answer a question offers: its {@code text}, and the check that holds when it is the
     * right one (any check an expect may make, checked once, at the reveal).
     */
    record Choice(String text, Expectation check) {
        public Choice {
            require("text", text);
        }

        /** A choice as a lesson file spells it: {@code text}, then a check's fields. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Choice fromFile(CheckFields f) {
            return new Choice(f.text(), Check.parse(f, "text"));
        }
    }

    /**
     * Checks the last {@link Ask}'s choices against the engine now: exactly one must hold (else
     * the lesson fails, since its question has no single right answer). Tells whether the class's
     * answer was right, and why.
     */
    record Reveal(String note) implements Step {
        @Override
        public String label() {
            return "reveal the answer";
        }
    }
}

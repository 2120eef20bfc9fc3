package lsmviz.lesson;

/**
 * The class's answer to a lesson's question, checked against the engine at the reveal.
 *
 * @param question  the question asked
 * @param right     the choice whose check held (an index into its choices)
 * @param given     the choice the class gave, or -1 when it went on without one
 * @param found     what the engine showed instead of the given choice's check (its problem), or
 *                  null when the answer was right or none was given
 * @param why       the lesson's one line on why, its costs filled in (may be empty)
 */
public record Answer(Step.Ask question, int right, int given, String found, String why) {

    public boolean correct() {
        return given == right;
    }

    /** One or two sentences for the class: right or not, what the engine did, and why. */
    public String feedback() {
        String answer = question.choices().get(right).text();
        String then = why == null || why.isBlank() ? "" : " " + why;
        if (given < 0) {
            return "The answer: " + answer + "." + then;
        }
        if (correct()) {
            return "Right: " + answer + "." + then;
        }
        return "Not quite: the answer was " + answer + " (you said \"" + question.choices().get(given).text() + "\": "
                + found + ")." + then;
    }
}

package lsmviz.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmviz.engine.inspect.LevelsReport;

/**
 * The placeholders of a lesson's text: {@code {writeAmplification}} is the engine's cost now,
 * {@code {leveled.writeAmplification}} the one a {@code remember} step kept under the name
 * {@code leveled}. Only a word in braces (with at most one dot) is a placeholder; any other brace
 * is shown as it is.
 */
final class CostText {
    private CostText() {}

    /** {@code {cost}} or {@code {remembered.cost}}. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)(?:\\.([A-Za-z][A-Za-z0-9]*))?}");

    /** One placeholder of a text. */
    record Placeholder(String remembered, Cost cost, String written) {}

    /**
     * The placeholders of {@code text}, in order.
     *
     * @throws FieldProblem on {@code field} when one names no known cost
     */
    static List<Placeholder> placeholders(String field, String text) {
        List<Placeholder> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String remembered = m.group(2) == null ? null : m.group(1);
            String name = m.group(2) == null ? m.group(1) : m.group(2);
            Cost cost = Cost.named(name);
            if (cost == null) {
                throw new FieldProblem(field, "unknown cost '" + name + "' in " + m.group() + " (known: "
                        + String.join(", ", Cost.names()) + ")");
            }
            out.add(new Placeholder(remembered, cost, m.group()));
        }
        return out;
    }

    /** Whether {@code text} has a placeholder (so showing it reads the engine). */
    static boolean hasPlaceholders(String text) {
        return text != null && PLACEHOLDER.matcher(text).find();
    }

    /**
     * {@code text} with each placeholder replaced by its cost: from {@code now} (the engine's
     * report at this moment), or from the report remembered under its name.
     */
    static String fill(String text, LevelsReport now, Map<String, LevelsReport> remembered) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) == null ? null : m.group(1);
            Cost cost = Cost.named(m.group(2) == null ? m.group(1) : m.group(2));
            LevelsReport from = name == null ? now : remembered.get(name);
            if (from == null) {
                // the library checks that a remember comes first; a run cannot get here
                throw new LessonFailure("no costs were remembered as '" + name + "' before " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(cost.text(from)));
        }
        m.appendTail(out);
        return out.toString();
    }
}

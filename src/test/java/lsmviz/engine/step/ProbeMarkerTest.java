package lsmviz.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every probe point has exactly one marker comment in the engine source, and the next line is the
 * gate call for that very point: the code pane relies on it to highlight the real line.
 */
class ProbeMarkerTest {

    @Test
    void everyProbePointHasOneMarkerFollowedByItsGateCall() throws IOException {
        // the engine's stories: each point is marked in one of them
        List<String> lines = new ArrayList<>();
        for (String file : ProbePoint.sourceFiles()) {
            lines.addAll(Files.readAllLines(Path.of("src/main/java/lsmviz/engine", file)));
        }
        for (ProbePoint p : ProbePoint.values()) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals(p.marker())) {
                    at.add(i);
                }
            }
            assertThat(at).as("markers for %s", p).hasSize(1);
            // the call, with or without what the thread reports before it is shown there
            assertThat(lines.get(at.get(0) + 1).strip()).as("the line after the marker of %s", p)
                    .matches("gate\\.reach\\(ProbePoint\\." + p.name() + "(, [a-z][A-Za-z]*(\\.[a-z][A-Za-z]*\\(\\))?)?\\);");
        }
    }

    @Test
    void everyNarrationIsOneShortLine() {
        for (ProbePoint p : ProbePoint.values()) {
            assertThat(p.narration()).doesNotContain("\n").hasSizeLessThan(120);
        }
    }
}

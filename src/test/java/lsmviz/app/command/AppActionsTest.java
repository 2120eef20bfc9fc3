package lsmviz.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.controlsfx.control.action.Action;
import org.junit.jupiter.api.Test;

/** One table of actions gives the menus and the help; no key does two things. */
@org.junit.jupiter.api.extension.ExtendWith(org.testfx.framework.junit5.ApplicationExtension.class)
class AppActionsTest {
    private final AppActions a = new AppActions();

    @Test
    void theHelpListsEveryActionThatHasAKey() {
        String help = a.helpText();
        for (Action act : a.all()) {
            String key = AppActions.keyOf(act);
            if (key != null) {
                assertThat(help).as(act.getText()).contains(key);
            }
        }
        assertThat(help).contains("Page Down", "Space", "F5", "Freeze the active memtable now");
    }

    @Test
    void noTwoActionsShareAKey() {
        Set<String> keys = new HashSet<>();
        for (Action act : a.all()) {
            String key = AppActions.keyOf(act);
            if (key != null) {
                assertThat(keys.add(key)).as("%s is also the key of another action", key).isTrue();
            }
        }
    }

    @Test
    void everyActionIsInTheMenusOnceWithItsWordsAndKey() {
        List<String> items = new ArrayList<>();
        List<Menu> menus = a.menus(m -> m.getItems().add(new MenuItem("1. A lesson")));
        for (Menu m : menus) {
            for (MenuItem i : m.getItems()) {
                if (!(i instanceof SeparatorMenuItem) && !i.getText().equals("1. A lesson")) {
                    items.add(i.getText());
                    if (i.getAccelerator() != null) {
                        assertThat(a.helpText()).contains(i.getAccelerator().getDisplayText());
                    }
                }
            }
        }
        assertThat(items).containsExactlyElementsOf(a.all().stream().map(Action::getText).toList());
        assertThat(menus).extracting(Menu::getText).containsExactly("_File", "_View", "_Engine", "_Step", "_Lessons",
                "_Help");
    }
}

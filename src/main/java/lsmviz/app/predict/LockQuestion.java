package lsmviz.app.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.event.EngineEvent;

/**
 * A thread is paused holding a lock and others wait for it: when it lets go, who gets it next?
 * Both locks are fair (first come, first served); readers at the head of the state lock's queue
 * share it and get it together, so they are one choice. The first acquisition of the lock that
 * follows says who.
 */
final class LockQuestion {
    private LockQuestion() {}

    /** The question about {@code holder}, or null when it holds no lock that another thread waits for. */
    static Question at(String holder, VisualState s) {
        for (LockVis l : s.locks()) {
            List<WaiterVis> waiting = l.waiters().stream().filter(w -> !w.thread().equals(holder)).toList();
            if (l.heldBy(holder) && !waiting.isEmpty()) {
                return ask(holder, l.name(), queueGroups(waiting));
            }
        }
        return null;
    }

    /** The queue in the groups that get the lock together: a run of readers, or one other waiter. */
    private static List<List<WaiterVis>> queueGroups(List<WaiterVis> waiting) {
        List<List<WaiterVis>> groups = new ArrayList<>();
        for (WaiterVis w : waiting) {
            List<WaiterVis> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && w.mode().equals("read") && last.get(0).mode().equals("read")) {
                last.add(w);
            } else {
                groups.add(new ArrayList<>(List.of(w)));
            }
        }
        return groups;
    }

    private static Question ask(String holder, String lock, List<List<WaiterVis>> groups) {
        List<String> choices = new ArrayList<>();
        for (List<WaiterVis> g : groups) {
            choices.add(g.size() == 1 ? g.get(0).thread() + " (" + wants(g.get(0).mode()) + ")"
                    : names(g) + " together (all waiting to read)");
        }
        int itself = choices.size();
        choices.add(holder + " itself again");
        int notYet = choices.size();
        choices.add("a thread that is not waiting yet");
        boolean[] letGo = new boolean[1];
        return new Question(holder, "When " + holder + " lets go of the " + lock + ", who gets it next?", choices, e -> {
            if (e instanceof EngineEvent.LockReleased r && r.lock().equals(lock) && r.thread().equals(holder)) {
                letGo[0] = true;
            }
            if (!(e instanceof EngineEvent.LockAcquired a) || !a.lock().equals(lock)
                    || a.thread().equals(holder) && !letGo[0]) {
                return Optional.empty(); // not this lock, or a hold the holder takes on top of its own
            }
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).stream().anyMatch(w -> w.thread().equals(a.thread()))) {
                    return Optional.of(new Question.Verdict(i, why(groups, i, a)));
                }
            }
            if (a.thread().equals(holder)) {
                return Optional.of(new Question.Verdict(itself, holder + " took the " + lock + " again (" + a.mode()
                        + ") before anyone waiting: nobody was left in its queue when it asked"));
            }
            return Optional.of(new Question.Verdict(notYet, a.thread() + " got the " + lock + " (" + a.mode()
                    + ") first although it was not waiting then: the queue had emptied by the time it asked"));
        });
    }

    private static String why(List<List<WaiterVis>> groups, int i, EngineEvent.LockAcquired a) {
        List<WaiterVis> g = groups.get(i);
        String why;
        if (i > 0) {
            WaiterVis head = groups.get(0).get(0);
            why = a.thread() + " got it although " + head.thread() + " was ahead of it in the queue ("
                    + wants(head.mode()) + ")";
        } else if (g.size() > 1) {
            why = names(g) + " waited at the head of the queue for the read side: readers share it, so they got it"
                    + " together";
        } else {
            why = a.thread() + " waited longest, for the " + side(a.mode()) + ": the lock is fair, so the head of its"
                    + " queue goes first";
        }
        if (i == 0 && groups.size() > 1) {
            WaiterVis next = groups.get(1).get(0);
            why += "; " + next.thread() + " queued behind for the " + side(next.mode()) + " and waits on";
        }
        return why;
    }

    private static String wants(String mode) {
        return mode.equals("exclusive") ? "waiting" : "waiting to " + mode;
    }

    private static String side(String mode) {
        return mode.equals("exclusive") ? "lock" : mode + " side";
    }

    /** "writer-2, writer-3 and writer-4" */
    private static String names(List<WaiterVis> g) {
        List<String> n = g.stream().map(WaiterVis::thread).toList();
        return String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }
}

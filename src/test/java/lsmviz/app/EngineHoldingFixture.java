package lsmviz.app;

import lsmviz.engine.LsmEngine;

/** Stands in for a view that holds the engine itself: the layering test's rule must catch it. */
public final class EngineHoldingFixture {
    private LsmEngine engine;

    public boolean open() {
        return engine != null && !engine.isClosed();
    }
}

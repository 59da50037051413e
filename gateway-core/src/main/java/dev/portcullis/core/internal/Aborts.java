package dev.portcullis.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The actions that abort one exchange's upstream work when its client goes away, run exactly once. An action
 * registered after the client went away runs at once. Thread-safe.
 */
public final class Aborts {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean fired;

    /** @param action cancels some upstream work */
    public void add(Runnable action) {
        synchronized (this) {
            if (!fired) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    /** @return whether this call fired the actions (false if they had already been fired) */
    public boolean fire() {
        List<Runnable> toRun;
        synchronized (this) {
            if (fired) {
                return false;
            }
            fired = true;
            toRun = List.copyOf(actions);
        }
        toRun.forEach(Runnable::run);
        return true;
    }

    /** Runs the actions now without marking the client gone: the upstream failed and must be released. */
    public void runWithoutFiring() {
        List<Runnable> toRun;
        synchronized (this) {
            toRun = List.copyOf(actions);
        }
        toRun.forEach(Runnable::run);
    }

    /** @return whether the client went away */
    public synchronized boolean fired() {
        return fired;
    }
}

package dev.portcullis.core.resilience;

import java.time.Duration;
import java.util.Objects;

/** The range checks of the resilience builders; every message names the setting. */
final class Checks {
    private Checks() {
    }

    static int range(int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + ": must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    static Duration duration(Duration value, Duration min, Duration max, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(setting + ": must be from " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    static int[] statuses(int[] statuses, int min, String setting) {
        Objects.requireNonNull(statuses, setting);
        for (int status : statuses) {
            range(status, min, 599, setting);
        }
        return statuses.clone();
    }
}

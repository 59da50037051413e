package dev.portcullis.config.internal.tree;

import java.util.List;

/**
 * A load failed with these findings. The public {@code ConfigException} carries them to the user.
 *
 * <pre>{@code
 * throw new InvalidConfig(List.of(new Finding(location, "pipeline", "missing required setting 'pipeline'")));
 * }</pre>
 */
public final class InvalidConfig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The findings; never empty. */
    private final transient List<Finding> findings;

    /** @param findings what is wrong, at least one */
    public InvalidConfig(List<Finding> findings) {
        super(findings.size() + " problem(s), first: " + findings.get(0).message(), null, false, false);
        this.findings = List.copyOf(findings);
    }

    /** @return the findings in file order */
    public List<Finding> findings() {
        return findings;
    }
}

package dev.portcullis.config;

import java.util.List;

/**
 * A configuration file is wrong; {@link #problems()} lists every problem found, in file order, and the message
 * prints them one per line. Nothing was built: no stage, no connection, no thread.
 *
 * <pre>{@code
 * try {
 *     GatewayConfig config = GatewayConfig.loader().load(Path.of("gateway.yaml"));
 * } catch (ConfigException e) {
 *     e.problems().forEach(System.err::println);   // gateway.yaml:7:5: routes[0].upstreams: missing ...
 * }
 * }</pre>
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems; never empty. */
    private final transient List<ConfigProblem> problems;

    /** @param problems what is wrong, at least one */
    public ConfigException(List<ConfigProblem> problems) {
        super(format(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in file order */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        text.append(" in ").append(problems.get(0).file()).append(':');
        problems.forEach(problem -> text.append("\n  ").append(problem));
        return text.toString();
    }
}

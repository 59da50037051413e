package dev.portcullis.launcher;

/**
 * A command-line argument is missing or wrong; the message names the option. The launcher prints it and exits
 * with status 2.
 *
 * <pre>{@code
 * throw new UsageException("--port", "must be a number from 0 to 65535, was 'eighty'");
 * }</pre>
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param option the option at fault, e.g. {@code --port}
     * @param problem what is wrong with it
     */
    public UsageException(String option, String problem) {
        super(option + ": " + problem);
    }
}

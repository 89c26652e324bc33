package dev.citadel.cli.topology;

/** A topology file that cannot be used; the message names the file and the offending key. */
public final class TopologyException extends RuntimeException {

    public TopologyException(String message) {
        super(message);
    }

    public TopologyException(String message, Throwable cause) {
        super(message, cause);
    }
}

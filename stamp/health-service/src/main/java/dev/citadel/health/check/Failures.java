package dev.citadel.health.check;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One-line summaries of failures for the health JSON: the root-most useful message, never a stack trace. */
public final class Failures {

    private static final int MAX = 240;

    private Failures() {
    }

    public static String summary(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s+", " ");
        String line = t.getClass().getSimpleName() + message;
        return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
    }
}

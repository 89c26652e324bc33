package dev.citadel.cli.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Expand/contract: while both units run, the old one reads and writes the schema the new one migrated, so a release
 * may only add (tables, columns, indexes, table options). Anything that removes or reinterprets what the old unit
 * uses — dropping or renaming a table, column, index or type, changing a column's type, truncating — is refused
 * before any traffic moves; such a change ships as the "contract" half of a later release, once no unit needs it.
 */
public final class SchemaCompatibility {

    private static final List<Pattern> BREAKING = List.of(
            Pattern.compile("^DROP\\s+(TABLE|KEYSPACE|INDEX|TYPE|MATERIALIZED\\s+VIEW|FUNCTION|AGGREGATE)\\b"),
            Pattern.compile("^TRUNCATE\\b"),
            Pattern.compile("^ALTER\\s+(TABLE|TYPE)\\s+\\S+\\s+(DROP|RENAME)\\b"),
            Pattern.compile("^ALTER\\s+(TABLE|TYPE)\\s+\\S+\\s+ALTER\\s+\\S+\\s+TYPE\\b"));

    private SchemaCompatibility() {}

    /** Each statement that the running unit could not live with, with why; empty when all only expand. */
    public static List<String> breakingStatements(List<String> statements) {
        List<String> breaking = new ArrayList<>();
        for (String statement : statements) {
            String s = statement.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            for (Pattern p : BREAKING) {
                if (p.matcher(s).find()) {
                    breaking.add("not backward compatible (the running unit still uses what it removes or changes): "
                            + statement.strip());
                    break;
                }
            }
        }
        return breaking;
    }
}

package dev.citadel.catalog.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Keyspace DDL and the argument checks that make it safe to splice names into CQL. */
final class Keyspaces {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
  private static final Pattern DC_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private Keyspaces() {}

  static String checkName(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + IDENTIFIER + ", was " + name);
    }
    return name;
  }

  static Map<String, Integer> checkReplication(Map<String, Integer> replication) {
    if (replication == null || replication.isEmpty()) {
      throw new IllegalArgumentException("replication must name at least one data centre");
    }
    replication.forEach((dc, rf) -> {
      if (!DC_NAME.matcher(dc).matches() || rf == null || rf < 1 || rf > 9) {
        throw new IllegalArgumentException("bad replication entry " + dc + ":" + rf);
      }
    });
    return new TreeMap<>(replication);
  }

  static List<Migration> checkOrder(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be V1, V2, ... without gaps");
      }
    }
    return List.copyOf(migrations);
  }

  static String createKeyspace(String keyspace, Map<String, Integer> replication) {
    return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replicationMap(replication)
        + " AND durable_writes = true";
  }

  static String alterKeyspace(String keyspace, Map<String, Integer> replication) {
    return "ALTER KEYSPACE " + keyspace + " WITH replication = " + replicationMap(replication);
  }

  static String replicationMap(Map<String, Integer> replication) {
    return new TreeMap<>(replication).entrySet().stream()
        .map(e -> "'" + e.getKey() + "': " + e.getValue())
        .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
  }

  /** Compares the driver's metadata map (strings, class name fully qualified) with the wanted one. */
  static boolean sameReplication(Map<String, String> actual, Map<String, Integer> wanted) {
    if (actual == null || !String.valueOf(actual.get("class")).endsWith("NetworkTopologyStrategy")) {
      return false;
    }
    Map<String, String> dcs = new TreeMap<>(actual);
    dcs.remove("class");
    Map<String, String> want = new TreeMap<>();
    wanted.forEach((dc, rf) -> want.put(dc, Integer.toString(rf)));
    return dcs.equals(want);
  }
}

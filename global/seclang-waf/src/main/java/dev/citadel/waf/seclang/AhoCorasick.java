package dev.citadel.waf.seclang;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;

/**
 * A case-insensitive (ASCII) Aho–Corasick automaton over byte strings, for {@code @pm} and {@code @pmFromFile}.
 * Built once at load into flat arrays (a dense 256-way transition table per state), then read-only: safe to share
 * across threads. No well-kept Aho–Corasick library resolves offline here, hence this small one.
 */
final class AhoCorasick {
  private final int[][] next;
  private final int[] out; // index of the shortest phrase ending at a state (via output links), -1 if none
  private final String[] phrases;

  AhoCorasick(Collection<String> words) {
    phrases = words.stream().filter(w -> !w.isEmpty()).map(Transformations::lowercase).distinct()
        .toArray(String[]::new);
    int max = 1;
    for (String p : phrases) {
      max += p.length();
    }
    int[][] go = new int[max][];
    int[] o = new int[max];
    Arrays.fill(o, -1);
    go[0] = new int[256];
    Arrays.fill(go[0], -1);
    int states = 1;
    for (int pi = 0; pi < phrases.length; pi++) {
      String p = phrases[pi];
      int s = 0;
      for (int i = 0; i < p.length(); i++) {
        int c = p.charAt(i) & 0xff;
        if (go[s][c] < 0) {
          go[states] = new int[256];
          Arrays.fill(go[states], -1);
          go[s][c] = states++;
        }
        s = go[s][c];
      }
      if (o[s] < 0) {
        o[s] = pi;
      }
    }
    int[] fail = new int[states];
    ArrayDeque<Integer> q = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      if (go[0][c] < 0) {
        go[0][c] = 0;
      } else {
        fail[go[0][c]] = 0;
        q.add(go[0][c]);
      }
    }
    while (!q.isEmpty()) {
      int s = q.poll();
      if (o[s] < 0 && o[fail[s]] >= 0) {
        o[s] = o[fail[s]];
      }
      for (int c = 0; c < 256; c++) {
        int t = go[s][c];
        if (t < 0) {
          go[s][c] = go[fail[s]][c];
        } else {
          fail[t] = go[fail[s]][c];
          q.add(t);
        }
      }
    }
    next = Arrays.copyOf(go, states);
    out = Arrays.copyOf(o, states);
  }

  /** The first phrase found in {@code text} (as the automaton meets it), or null. */
  String find(String text) {
    int s = 0;
    for (int i = 0; i < text.length(); i++) {
      int c = text.charAt(i) & 0xff;
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      s = next[s][c];
      if (out[s] >= 0) {
        return phrases[out[s]];
      }
    }
    return null;
  }
}

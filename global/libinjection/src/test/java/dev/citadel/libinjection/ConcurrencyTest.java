package dev.citadel.libinjection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The detectors are called from many event-loop threads at once: answers must not depend on interleaving. */
class ConcurrencyTest {

    private static final String[] INPUTS = {
        "1' OR '1'='1", "O'Reilly's book", "1 UNION SELECT a FROM b", "hello world", "<script>alert(1)</script>",
        "<b>bold</b>", "admin'--", "{\"a\":1}", "<img src=x onerror=alert(1)>", "1;DROP TABLE users",
    };

    @Test
    void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
        String[] fingerprints = new String[INPUTS.length];
        boolean[] xss = new boolean[INPUTS.length];
        for (int i = 0; i < INPUTS.length; i++) {
            fingerprints[i] = Libinjection.sqliFingerprint(INPUTS[i]);
            xss[i] = Libinjection.isXss(INPUTS[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int n = 0; n < 5_000; n++) {
                        int i = (n + offset) % INPUTS.length;
                        String fp = Libinjection.sqliFingerprint(INPUTS[i]);
                        boolean same = fp == null ? fingerprints[i] == null : fp.equals(fingerprints[i]);
                        if (!same || Libinjection.isSqli(INPUTS[i]) != (fingerprints[i] != null)
                                || Libinjection.isXss(INPUTS[i]) != xss[i]) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

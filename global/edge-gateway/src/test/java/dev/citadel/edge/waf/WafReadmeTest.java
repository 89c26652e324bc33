package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** STYLE §3: the README's "WAF and rate limits" tables list exactly the keys the config binders accept. */
class WafReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void wafTableListsExactlyTheWafConfigKeys() throws IOException {
        assertThat(rows(section("| `waf.` key", "**OWASP CRS engine**"))).isEqualTo(new TreeSet<>(WafConfig.KEYS));
        assertThat(rows(section("| `waf.crs.` key", "**Rate limits.**"))).isEqualTo(new TreeSet<>(CrsSettings.KEYS));
    }

    @Test
    void rateLimitTableListsExactlyTheRateLimitConfigKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (var c : dev.citadel.edge.ratelimit.RateLimitConfig.class.getRecordComponents()) {
            keys.add(c.getName());
        }
        assertThat(rows(section("| `rateLimit.` key", "**Failure modes.**"))).isEqualTo(keys);
    }

    private static String section(String from, String to) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(from, readme.indexOf("## WAF and rate limits"));
        return readme.substring(start, readme.indexOf(to, start));
    }

    private static Set<String> rows(String table) {
        Set<String> out = new TreeSet<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}

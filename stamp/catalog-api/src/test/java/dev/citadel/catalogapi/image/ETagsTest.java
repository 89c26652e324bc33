package dev.citadel.catalogapi.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void matchesTheSameTagInAListWeaklyOrAStar() {
        assertThat(ETags.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("\"x\", \"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(ETags.matches("*", "\"a\"")).isTrue();
    }

    @Test
    void doesNotMatchOtherTagsOrNoHeader() {
        assertThat(ETags.matches(null, "\"a\"")).isFalse();
        assertThat(ETags.matches("", "\"a\"")).isFalse();
        assertThat(ETags.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(ETags.matches("a", "\"a\"")).isFalse();
    }
}

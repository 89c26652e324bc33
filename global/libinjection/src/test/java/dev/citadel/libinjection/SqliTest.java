package dev.citadel.libinjection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqliTest {

    /** The as-is (ANSI, no quote) fingerprint: what tokenizing and folding make of the input. */
    private static String asIs(String input) {
        return new SqliDetector().fingerprintIn(input, '\0', false);
    }

    @Test
    void dataTablesAreLoadedWhole() {
        assertThat(SqliData.keywordCount()).isEqualTo(985);
        assertThat(SqliData.fingerprintCount()).isEqualTo(8367);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", quoteCharacter = '~', value = {
        // numbers, in their many forms
        "1->1", ".5e10->1", "0x1F->1", "0b101->1", "x'CAFE'->1", "b'0101'->1", "$1,000.00->1", "\\N->1", "1.->1",
        // an E without exponent digits, or 0x without digits, makes a word
        "1.e->n", "1e->n", "0x->n",
        // strings, quoted every way
        "'a'->s", "~\"a\"~->s", "E'a'->s", "N'a'->s", "q'[a]'->s", "U&'a'->s", "$$a$$->s", "$tag$a$tag$->s",
        // words: keywords, functions, types, barewords, variables
        "select->E", "union->U", "union all->U", "order by->B", "sleep->f", "foo->n", "table->n", "1 float->1t",
        "[foo]->n", "`foo`->n", "@v->v", "@@version->v", "null->v", "1 collate utf8_bin->1At",
        // operators, logic operators and punctuation
        "1 and x->1&n", "1 || x->1&n", "1 ?->1?", "x:y->n:n", "1;->1;", "1)->1)",
        // comments; "/*!" (MySQL version comments) and nested "/*" are evil
        "1 -- x->1c", "1 /* x */->1c", "1 /*! x */->X", "1 /* /* x */->X",
        // folding: arithmetic, unary operators, parens, lists, casts, qualified names, backslashes
        "1 + 1 + 1->1", "1 = x->1", "x <=> 1->n", "-1->1", "((1))->1)", "(->", "1,x->1", "a::float->n", "foo.bar->n",
        "select - 1->E1", "select.1->E1", "x)=(y->n", "x)=(y z->nn", "1 in (1)->1", "sin(1)->f(1)", "database(->f(", "user(->n(", "1 \\ x->1n", "1 \\% 1->11",
        // '#' is an operator in ANSI SQL
        "1 # x->1",
    })
    void tokensFoldIntoFingerprints(String input, String fingerprint) {
        assertThat(asIs(input)).isEqualTo(fingerprint == null ? "" : fingerprint);
    }

    @Test
    void quoteContextsReadTheInputAsIfAQuoteCameFirst() {
        SqliDetector detector = new SqliDetector();
        assertThat(detector.fingerprintIn("1' or '1'='1", '\'', false)).isEqualTo("s&sos");
        assertThat(detector.fingerprintIn("1\" or \"1\"=\"1", '"', true)).isEqualTo("s&sos");
        assertThat(detector.fingerprintIn("1' or '1'='1", '\0', false)).isEqualTo("1s1s1");
    }

    @Test
    void mysqlCommentRulesDifferFromAnsi() {
        SqliDetector detector = new SqliDetector();
        // '#' is an operator in ANSI SQL, a comment in MySQL; "--x" the other way round.
        assertThat(detector.fingerprintIn("1 # x", '\0', true)).isEqualTo("1c");
        assertThat(detector.fingerprintIn("1 --x", '\0', false)).isEqualTo("1c");
        assertThat(detector.fingerprintIn("1 --x", '\0', true)).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", quoteCharacter = '~', value = {
        "1' OR '1'='1->s&sos",
        "1 UNION SELECT username, password FROM users->1UEnk",
        "admin'--->sc",
        "1;DROP TABLE users->1;Tnn",
        "1;IF(1=1) WAITFOR DELAY '0:0:5'->1;T(1",
        "1' AND 1=1 --->s&1c",
        "' or 1=1#->s&1c",
        "1 AND SLEEP(5)->1&f(1",
        "1 union select 1->1UE1",
        "1) or (1=1->1)&(1",
        "~\" or \"\"=\"~->s&sos",
        "1/*!union*/select->X",
        "-1839' or '1'='1->s&sos",
        "foo') UNION ALL select NULL --->s)UEv",
        "x' AND 1=(SELECT COUNT(*) FROM tabname); --->s&1o(",
        "1 or sleep(5)#->1&f(1",
    })
    void wellKnownPayloadsAreDetected(String payload, String fingerprint) {
        assertThat(Libinjection.isSqli(payload)).isTrue();
        assertThat(Libinjection.sqliFingerprint(payload)).isEqualTo(fingerprint);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O'Reilly's book", "It's a nice day, isn't it?", "hello world", "{\"a\":1,\"b\":[true,null]}",
        "john.doe@example.com", "https://example.com/a/b?c=d&e=f", "12345", "-1", "3.14159", "1 union",
        "Rock 'n' roll", "select a shirt from the catalog", "2026-12-07T05:22:18Z", "+49 30 1234567",
        "The price is $5.00 -- a bargain", "C:\\Program Files\\App", "it was 5 o'clock",
        "a-b-c--d", "SGVsbG8gV29ybGQ=", "order 66", "",
    })
    void benignInputIsNotSqli(String input) {
        assertThat(Libinjection.isSqli(input)).as(input).isFalse();
        assertThat(Libinjection.sqliFingerprint(input)).isNull();
    }

    @Test
    void falsePositiveFiltersClearShortMatches() {
        // "1c" with a '#' comment is too common in text.
        assertThat(Libinjection.isSqli("1 # foo")).isFalse();
        assertThat(Libinjection.isSqli("1234 --")).isTrue();
        // "nc": a word then a '--' comment is text, a /* comment is not.
        assertThat(Libinjection.isSqli("foo -- bar")).isFalse();
        // "sos" needs the strings to be unbalanced the way an injection leaves them.
        assertThat(Libinjection.isSqli("'a' + 'b'")).isFalse();
        // SQL Server's sp_password hides a statement from its audit log.
        assertThat(Libinjection.isSqli("foo -- sp_password")).isTrue();
    }

    @Test
    void longAndOddInputsDoNotBreakTheTokenizer() {
        String longWord = "a".repeat(10_000);
        assertThat(Libinjection.isSqli(longWord)).isFalse();
        assertThat(Libinjection.isSqli("'" + longWord)).isFalse();
        assertThat(Libinjection.isSqli("1 union select " + longWord)).isTrue();
        for (String odd : new String[] {"$", "$$", "$a", "$a$", "$a$x", "q'", "q'(", "N'", "@", "@@", "@`", "\\",
            "/*", "/*!", "-", "--", "0x", "1e", "1.e", "[", "`", "{", "{``", "\u0000", "\u00a0", "\uffff"}) {
            Libinjection.isSqli(odd);
            Libinjection.isSqli("1 " + odd + " 1");
        }
    }

    @Test
    void nullInputIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> Libinjection.isSqli(null));
    }
}

package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransformationTest {

    @Test
    void urlDecodeUndoesDoubleAndTripleEncodingAndPercentU() {
        assertThat(Transformation.URL_DECODE.apply("%25253Cscript%25253E")).isEqualTo("<script>");
        assertThat(Transformation.URL_DECODE.apply("%u0027 or 1=1")).isEqualTo("' or 1=1");
    }

    @Test
    void urlDecodeLeavesPlainPercentSignsAlone() {
        assertThat(Transformation.URL_DECODE.apply("50% off, 100% cotton")).isEqualTo("50% off, 100% cotton");
    }

    @Test
    void htmlEntityDecodeHandlesNamedDecimalHexAndMissingSemicolons() {
        assertThat(Transformation.HTML_ENTITY_DECODE.apply("&lt;script&gt;&#97;&#x6c;ert&lpar;1&rpar;"))
                .isEqualTo("<script>alert(1)");
        assertThat(Transformation.HTML_ENTITY_DECODE.apply("jav&#x09;ascript&colon;")).isEqualTo("jav\tascript:");
        assertThat(Transformation.HTML_ENTITY_DECODE.apply("&#106avascript")).isEqualTo("javascript");
        assertThat(Transformation.HTML_ENTITY_DECODE.apply("Tom & Jerry &unknown;")).isEqualTo("Tom & Jerry &unknown;");
    }

    @Test
    void nfkcFoldsFullWidthCharacters() {
        assertThat(Transformation.NFKC.apply("＜ｓｃｒｉｐｔ＞")).isEqualTo("<script>");
        assertThat(Transformation.NFKC.apply("Zoë")).isEqualTo("Zoë");
    }

    @Test
    void lowercaseIsLocaleIndependent() {
        assertThat(Transformation.LOWERCASE.apply("UNION SELECT İ")).startsWith("union select ");
    }

    @Test
    void compressWhitespaceFoldsTabsNewlinesAndNoBreakSpaces() {
        assertThat(Transformation.COMPRESS_WHITESPACE.apply("union\t\n\u000b select\u00a0 1")).isEqualTo("union select 1");
    }

    @Test
    void removeSqlCommentsSplitsKeywordsButKeepsMysqlVersionedBodies() {
        assertThat(Transformation.REMOVE_SQL_COMMENTS.apply("union/**/select/*x*/1")).isEqualTo("union select 1");
        assertThat(Transformation.REMOVE_SQL_COMMENTS.apply("/*!50000union*/ select")).isEqualTo(" union  select");
        assertThat(Transformation.REMOVE_SQL_COMMENTS.apply("1 /* unterminated")).isEqualTo("1  ");
    }

    @Test
    void removeNullsDropsNulBytes() {
        assertThat(Transformation.REMOVE_NULLS.apply("pass\0wd")).isEqualTo("passwd");
    }

    @Test
    void normalizePathTurnsBackslashesIntoSlashesAndCollapsesRuns() {
        assertThat(Transformation.NORMALIZE_PATH.apply("..\\..\\\\windows//win.ini")).isEqualTo("../../windows/win.ini");
    }

    @Test
    void cmdLineStripsShellQuotingAndIfs() {
        assertThat(Transformation.CMD_LINE.apply("W'h'O\"am\"i")).isEqualTo("whoami");
        assertThat(Transformation.CMD_LINE.apply("cat${IFS}/etc/passwd")).isEqualTo("cat /etc/passwd");
        assertThat(Transformation.CMD_LINE.apply("a \n  cat\t\t/x")).isEqualTo("a\ncat /x");
    }

    @Test
    void unknownTransformationKeysAreRefused() {
        assertThatThrownBy(() -> Transformation.fromKey("base64")).hasMessageContaining("base64");
    }
}

package dev.citadel.libinjection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.libinjection.Html5Tokenizer.Context;
import dev.citadel.libinjection.Html5Tokenizer.TokenType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XssTest {

    private static List<String> tokens(String input, Context context) {
        Html5Tokenizer h5 = new Html5Tokenizer(input, context);
        List<String> out = new ArrayList<>();
        while (h5.next()) {
            out.add(h5.type() + ":" + input.substring(h5.start(), h5.start() + h5.length()));
        }
        return out;
    }

    @Test
    void tokenizerSplitsTagsAttributesAndText() {
        assertThat(tokens("hi <a href='x' title=y disabled>t</a><br/><!-- c --><!DOCTYPE html>", Context.DATA))
                .containsExactly("DATA_TEXT:hi ", "TAG_NAME_OPEN:a", "ATTR_NAME:href", "ATTR_VALUE:x",
                        "ATTR_NAME:title", "ATTR_VALUE:y", "ATTR_NAME:disabled", "TAG_NAME_CLOSE:>", "DATA_TEXT:t",
                        "TAG_CLOSE:a", "TAG_NAME_OPEN:br", "TAG_NAME_SELFCLOSE:/>", "TAG_COMMENT: c ",
                        "DOCTYPE:DOCTYPE html");
        assertThat(tokens("<![CDATA[x]]><?pi?><%asp%>", Context.DATA))
                .containsExactly("DATA_TEXT:x", "TAG_COMMENT:pi?", "TAG_COMMENT:asp");
    }

    @Test
    void tokenizerCanStartInsideAnAttributeValue() {
        assertThat(tokens("x\" onload=\"y", Context.VALUE_DOUBLE_QUOTE))
                .containsExactly("ATTR_VALUE:x", "ATTR_NAME:onload", "ATTR_VALUE:y");
        assertThat(tokens("x' a=b", Context.VALUE_SINGLE_QUOTE)).containsExactly("ATTR_VALUE:x", "ATTR_NAME:a",
                "ATTR_VALUE:b");
        assertThat(tokens("x` a=b", Context.VALUE_BACK_QUOTE)).containsExactly("ATTR_VALUE:x", "ATTR_NAME:a",
                "ATTR_VALUE:b");
        assertThat(tokens("a=b c", Context.VALUE_NO_QUOTE)).containsExactly("ATTR_NAME:a", "ATTR_VALUE:b",
                "ATTR_NAME:c");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href='  JaVaScRiPt:alert(1)'>x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\">",
        "<a href=vbscript:msgbox(1)>x</a>",
        "<svg/onload=alert(1)>",
        "<svg><animate attributeName=onclick>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<object data=x>",
        "<embed src=x>",
        "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
        "<link rel=stylesheet href=x>",
        "<html xmlns:x=\"http://www.w3.org/1999/xhtml\">",
        "<!DOCTYPE html>",
        "<!--[if IE]><script>alert(1)</script><![endif]-->",
        "<?xml version=\"1.0\"?>",
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
        "<!-- ` -->",
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)",
        "x onclick=alert(1)",
        "<scr\u0000ipt>alert(1)</script>",
        "<IMG SRC=x OnErRoR=alert(1)>",
    })
    void wellKnownPayloadsAreDetected(String payload) {
        assertThat(Libinjection.isXss(payload)).as(payload).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<b>bold</b>",
        "<i>it</i> and <em>em</em>",
        "<a href=\"https://example.com/page?x=1\">link</a>",
        "<img src=\"/images/logo.png\" alt=\"logo\">",
        "<p class=\"note\">hello</p>",
        "O'Reilly's book",
        "hello world",
        "a < b and b > c",
        "{\"a\":\"<\",\"b\":1}",
        "john.doe@example.com",
        "https://example.com/a?b=c&d=e",
        "x=1&y=2",
        "5 > 3",
        "",
        "<",
        "<>",
        "</>",
        "<!---->",
    })
    void benignInputIsNotXss(String input) {
        assertThat(Libinjection.isXss(input)).as(input).isFalse();
    }

    @Test
    void shortOnAttributesAreNotEventHandlers() {
        // libinjection only takes on* names of five characters or more for event handlers.
        assertThat(Libinjection.isXss("<p one=1>")).isFalse();
        assertThat(Libinjection.isXss("<p onxyz=1>")).isTrue();
    }

    @Test
    void anyDataUrlIsDangerousAsIn392() {
        // libinjection 3.9.2 (ModSecurity's) bans every URL starting with "data", images and lookalikes included.
        assertThat(Libinjection.isXss("<img src=\"data:image/png;base64,AAAA\">")).isTrue();
        assertThat(Libinjection.isXss("<a href=\"database.html\">x</a>")).isTrue();
        assertThat(Libinjection.isXss("<a href=\"/database.html\">x</a>")).isFalse();
    }

    @Test
    void truncatedAndOddInputsDoNotBreakTheTokenizer() {
        for (String odd : new String[] {"<", "</", "<!", "<!-", "<!--", "<!--x--", "<![CDATA[", "<?", "<%", "<%x%",
            "<a", "<a ", "<a b", "<a b=", "<a b='", "<a b=\"x", "<a/", "<a b/", "&#", "&#x", "<a href=&#",
            "<a href=&#x", "<a href=&#x6A", "<a href=&#99999999999;", "\u0000", "<\u0000"}) {
            Libinjection.isXss(odd);
            Libinjection.isXss(odd + " x");
        }
    }
}

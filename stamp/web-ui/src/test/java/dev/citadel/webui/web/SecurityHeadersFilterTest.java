package dev.citadel.webui.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class SecurityHeadersFilterTest {

    @Autowired
    MockMvc mvc;

    @Test
    void sendsAStrictSameOriginContentSecurityPolicyOnPagesAndErrors() throws Exception {
        for (String path : new String[] {"/", "/ops.html", "/config.js", "/missing"}) {
            mvc.perform(get(path))
                    .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CSP))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"));
        }
    }

    @Test
    void forbidsInlineScriptFramingAndForeignOrigins() {
        org.assertj.core.api.Assertions.assertThat(SecurityHeadersFilter.CSP)
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }
}

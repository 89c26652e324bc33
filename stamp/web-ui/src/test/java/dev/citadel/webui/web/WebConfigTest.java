package dev.citadel.webui.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.citadel.webui.page.AssetFingerprint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class WebConfigTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AssetFingerprint fingerprint;

    @Test
    void servesFingerprintedAssetsImmutableForAYear() throws Exception {
        mvc.perform(get(fingerprint.urlPrefix() + "/js/shop.js"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                .andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
        mvc.perform(get(fingerprint.urlPrefix() + "/css/site.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    @Test
    void refusesAssetsUnderAnotherFingerprintSoAStaleUrlIsNeverCachedWithNewContent() throws Exception {
        mvc.perform(get("/assets/000000000000/js/shop.js"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void exposesNothingElseFromTheClasspath() throws Exception {
        for (String path : new String[] {"/application.yml", "/web/index.html", "/assets/js/shop.js",
                fingerprint.urlPrefix() + "/../application.yml", "/dev/citadel/webui/WebUiApplication.class"}) {
            mvc.perform(get(path)).andExpect(status().is4xxClientError());
        }
    }

    @Test
    void answersAnUnknownPathWithA404ProblemThatIsNotCached() throws Exception {
        mvc.perform(get("/no/such/page"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/not-found"))
                .andExpect(jsonPath("$.instance").value("/no/such/page"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void answersAWriteWithA405Problem() throws Exception {
        mvc.perform(post("/"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://citadel.dev/problems/method-not-allowed"));
    }
}

package dev.citadel.webui.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@SpringBootTest(properties = "citadel.web-ui.cache.page-max-age=45s")
@AutoConfigureMockMvc
class PageControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AssetFingerprint fingerprint;

    @Test
    void servesTheShopAtTheRootWithAShortPublicMaxAgeAndAnETag() throws Exception {
        MvcResult result = mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andExpect(header().string("Cache-Control", "max-age=45, public"))
                .andExpect(header().exists("ETag"))
                .andReturn();
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains("<html lang=\"en\">", fingerprint.urlPrefix() + "/js/shop.js",
                fingerprint.urlPrefix() + "/css/site.css").doesNotContain(Pages.ASSETS_PLACEHOLDER);
        assertThat(mvc.perform(get("/index.html")).andReturn().getResponse().getContentAsString()).isEqualTo(html);
    }

    @Test
    void servesTheOperationsPageLinkingItsOwnModule() throws Exception {
        String html = mvc.perform(get("/ops.html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=45, public"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains(fingerprint.urlPrefix() + "/js/ops.js").doesNotContain(Pages.ASSETS_PLACEHOLDER);
    }

    @Test
    void answersARevalidationWithTheSameETagWith304() throws Exception {
        String etag = mvc.perform(get("/")).andReturn().getResponse().getHeader("ETag");
        mvc.perform(get("/").header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(content().string(""));
    }
}

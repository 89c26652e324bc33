package dev.citadel.webui.page;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {
        "citadel.web-ui.api-base=/api/2.0",
        "citadel.web-ui.version=1.2.3",
        "citadel.web-ui.region=</script><script>alert(1)</script>"})
@AutoConfigureMockMvc
class ConfigJsControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    AssetFingerprint fingerprint;

    @Test
    void servesTheDeployTimeSettingsAsAnEsModuleWithAShortMaxAge() throws Exception {
        mvc.perform(get("/config.js"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/javascript;charset=UTF-8"))
                .andExpect(header().string("Cache-Control", "max-age=60, public"))
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith("export default Object.freeze({\"apiBase\":\"/api/2.0\","),
                        org.hamcrest.Matchers.containsString("\"version\":\"1.2.3\""),
                        org.hamcrest.Matchers.containsString("\"assets\":\"" + fingerprint.value() + "\""))));
    }

    @Test
    void encodesValuesAsJsonSoAPropertyCannotCloseAScriptOrInjectCode() throws Exception {
        mvc.perform(get("/config.js"))
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("\"region\":\"<\\/script><script>alert(1)<\\/script>\""),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("</script>")))));
    }
}

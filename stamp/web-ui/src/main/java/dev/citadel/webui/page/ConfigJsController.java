package dev.citadel.webui.page;

import dev.citadel.webui.config.WebUiProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /config.js}: the deploy-time settings as an ES module ({@code export default {...}}), so one build of the
 * assets serves every region and API base. The values are JSON-encoded (JSON is valid JavaScript), never spliced into
 * code as text, so a property value cannot inject script.
 */
@RestController
class ConfigJsController {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);

    private final String body;
    private final CacheControl cacheControl;

    ConfigJsController(WebUiProperties properties, AssetFingerprint fingerprint, JsonMapper json) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiBase", properties.apiBase());
        config.put("version", properties.version());
        config.put("region", properties.region());
        config.put("assets", fingerprint.value());
        // "</" and U+2028/9 escaped too: harmless in a module, but keeps the file safe if ever inlined into a page.
        String encoded = json.writeValueAsString(config).replace("</", "<\\/")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        this.body = "export default Object.freeze(" + encoded + ");\n";
        this.cacheControl = CacheControl.maxAge(properties.cache().pageMaxAge()).cachePublic();
    }

    @GetMapping("/config.js")
    ResponseEntity<String> config() {
        return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(cacheControl).body(body);
    }
}

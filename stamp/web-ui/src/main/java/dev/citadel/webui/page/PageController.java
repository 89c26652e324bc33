package dev.citadel.webui.page;

import dev.citadel.webui.config.WebUiProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two pages. Their URLs never change, so they get a short {@code max-age} (the edge revalidates them soon after a
 * deploy) and an ETag (added by the shallow ETag filter) so that revalidation costs a 304.
 */
@RestController
class PageController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final Pages pages;
    private final CacheControl cacheControl;

    PageController(Pages pages, WebUiProperties properties) {
        this.pages = pages;
        this.cacheControl = CacheControl.maxAge(properties.cache().pageMaxAge()).cachePublic();
    }

    @GetMapping({"/", "/index.html"})
    ResponseEntity<String> index() {
        return page("index.html");
    }

    @GetMapping("/ops.html")
    ResponseEntity<String> ops() {
        return page("ops.html");
    }

    private ResponseEntity<String> page(String name) {
        return ResponseEntity.ok().contentType(HTML).cacheControl(cacheControl).body(pages.get(name));
    }
}

package dev.citadel.webui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * web-ui alone on a random port, WITHOUT the API, the health model or the edge status behind it: the pages must
 * still render, be usable from the keyboard, show their error states (the API path answers 404 problem+json here),
 * load every module under the strict CSP, and fit a 375 px phone screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "citadel.web-ui.version=9.9.9-it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserIT {

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = new Browser(1280, 900);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshSession() {
        browser.driver.get(url("/config.js")); // same origin, so storage can be cleared before each test
        browser.script("sessionStorage.clear(); localStorage.clear();");
    }

    @Test
    void theCatalogRendersItsErrorStateAndTheFooterWhenTheApiIsUnreachable() {
        browser.driver.get(url("/"));
        WebElement error = browser.waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .error-state[role=alert]")));
        assertThat(error.getText()).contains("The catalog could not be loaded", "Not Found");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Catalog");
        assertThat(browser.driver.findElement(By.id("app-version")).getText()).isEqualTo("9.9.9-it");
        assertThat(browser.driver.getTitle()).isEqualTo("Catalog – Citadel Catalog");
        assertThat(error.findElement(By.tagName("button")).getText()).isEqualTo("Try again");
        browser.screenshot("web-ui-catalog-error");
        assertNoScriptOrPolicyErrors();
    }

    @Test
    void theShopCanBeUsedWithTheKeyboardAlone() {
        browser.driver.get(url("/"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-state")));
        WebElement body = browser.driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Skip to content");
        // Tab on through the header to the Admin link, then follow it with Enter.
        for (int i = 0; i < 10 && !"Admin".equals(focused().getText()); i++) {
            focused().sendKeys(Keys.TAB);
        }
        assertThat(focused().getText()).isEqualTo("Admin");
        focused().sendKeys(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Admin"));
        assertThat(focused().getAttribute("id")).as("focus moves to the new content").isEqualTo("main");

        focused().sendKeys(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("api-key");
        focused().sendKeys("kb-secret", Keys.ENTER);
        browser.waiting().until(ExpectedConditions.attributeToBe(By.cssSelector(":focus"), "id", "item-name"));
        assertThat(browser.script("return sessionStorage.getItem('citadel.apiKey')")).isEqualTo("kb-secret");
        assertThat(browser.script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#admin-items .error-state")));
        browser.screenshot("web-ui-admin-keyboard");

        browser.driver.findElement(By.id("forget-key")).sendKeys(Keys.ENTER);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertThat(browser.script("return sessionStorage.getItem('citadel.apiKey')")).isNull();
        assertNoScriptOrPolicyErrors();
    }

    @Test
    void everyFieldHasALabelEveryImageAnAltAndThePageALanguage() {
        for (String page : List.of("/#/admin", "/#/item/00000000-0000-0000-0000-000000000001", "/ops.html")) {
            browser.driver.get(url(page));
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
            browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("main .loading")));
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            Object unlabelled = browser.script("return [...document.querySelectorAll('input, textarea, select')]"
                    + ".filter(f => f.type !== 'radio' && !document.querySelector(`label[for='${f.id}']`))"
                    + ".map(f => f.name)");
            assertThat((List<?>) unlabelled).as("fields without a label on " + page).isEmpty();
            Object noAlt = browser.script("return [...document.images].filter(i => !i.hasAttribute('alt')).length");
            assertThat(noAlt).as("images without alt on " + page).isEqualTo(0L);
        }
    }

    @Test
    void theItemPageSaysTheItemCannotBeShown() {
        browser.driver.get(url("/#/item/00000000-0000-0000-0000-000000000001"));
        WebElement heading = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(heading.getText()).isIn("Item not found", "Item unavailable");
        assertThat(browser.driver.findElement(By.cssSelector(".error-state")).isDisplayed()).isTrue();
        browser.screenshot("web-ui-item-error");
    }

    @Test
    void theOperationsPageRefreshesAndShowsWhatItCouldNotRead() {
        browser.driver.get(url("/ops.html"));
        WebElement error = browser.waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ops-error .error-state")));
        assertThat(error.getText()).contains("Edge status unavailable", "Health model unavailable");
        String first = browser.driver.findElement(By.id("updated")).getAttribute("datetime");
        browser.waiting().until(d -> !first.equals(d.findElement(By.id("updated")).getAttribute("datetime")));
        assertThat(browser.driver.findElements(By.cssSelector("form, button")))
                .as("the operations page offers no write operation").isEmpty();
        browser.screenshot("web-ui-ops-error");
        assertNoScriptOrPolicyErrors();
    }

    @Test
    void fitsAPhoneSizedScreenWithoutSidewaysScrolling() {
        try (Browser phone = new Browser(375, 812)) {
            for (String page : List.of("/", "/#/admin", "/ops.html")) {
                phone.driver.get(url(page));
                phone.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
                assertThat(phone.script("return window.innerWidth")).isEqualTo(375L);
                Object overflow = phone.script("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).intValue()).as("sideways overflow on " + page).isLessThanOrEqualTo(0);
                phone.screenshot("web-ui-phone-" + (page.equals("/") ? "catalog" : page.replaceAll("[^a-z]+", "")));
            }
        }
    }

    private WebElement focused() {
        return browser.driver.switchTo().activeElement();
    }

    private void assertNoScriptOrPolicyErrors() {
        assertThat(browser.severeConsoleMessages())
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught")
                        || m.contains("SyntaxError") || m.contains("module script"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}

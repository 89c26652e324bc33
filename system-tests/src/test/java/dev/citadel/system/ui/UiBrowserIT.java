package dev.citadel.system.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.citadel.system.RunningCitadel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The issue's user journey in a real browser, through the edge of the topology {@code citadel up} started: catalog →
 * item → rate → comment (pending, then confirmed, then read back) → admin creates an item and finds it in the
 * catalog, and deletes the comment → the operations page shows both stamps in rotation → {@code citadel stamp out} turns one out of rotation
 * there (and {@code stamp in} brings it back, so the shared topology is left as found). Screenshots of every page go
 * to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIT {

    /** Writes through Kafka and the processor, replication between regions, edge probes: slow on a shared machine. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private RunningCitadel citadel;
    private Browser browser;
    private static final String IMAGE_HOST = "ui-images.citadel.test";
    private static final int IMAGE_PORT = 18782;
    private HttpServer images;
    private String itemName;
    private String itemId;
    private String commentText;

    @BeforeAll
    void start() throws Exception {
        citadel = RunningCitadel.get();
        browser = new Browser(1280, 1000, edgeSpki());
        images = imageServer();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (images != null) {
            images.stop(0);
        }
    }

    @Test
    @Order(1)
    void theCatalogListsTheItemsWithImageNameAndPrice() {
        open("/");
        WebElement card = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".grid .card")));
        assertThat(card.findElement(By.tagName("h2")).getText()).isNotBlank();
        assertThat(card.findElement(By.cssSelector(".price")).getText()).matches(".*\\d+\\.\\d{2}.*");
        waiting().until(d -> (Boolean) browser.script(
                "const i = document.querySelector('.grid img'); return i !== null && i.complete && i.naturalWidth > 0"));
        waiting().until(d -> d.findElement(By.id("server-location")).getText().startsWith("region"));
        browser.screenshot("1-catalog");
    }

    @Test
    @Order(2)
    void anItemCanBeOpenedAndRated() {
        open("/");
        WebElement first = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".grid .card a")));
        String name = first.findElement(By.tagName("h2")).getText();
        first.click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), name));
        itemId = browser.driver.getCurrentUrl().replaceAll(".*#/item/", "");
        assertThat(browser.driver.findElement(By.id("rating-summary")).getText()).matches("No ratings yet|.*out of 5.*");
        browser.screenshot("2-item");

        browser.driver.findElement(By.cssSelector("#rating-form input[value='5']")).click();
        browser.driver.findElement(By.cssSelector("#rating-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rating-form"), "accepted"));
        waiting(EVENTUALLY).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rating-form"), "is counted"));
        // The average is aggregated after the vote is stored: the page polls it until it counts the new vote.
        waiting(EVENTUALLY).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rating-summary"), "out of 5"));
    }

    @Test
    @Order(3)
    void aNewCommentShowsAtOnceAsPendingThenConfirmedAndIsReadBackAfterAReload() {
        openItem();
        String text = "Seen in a real browser " + UUID.randomUUID();
        commentText = text;
        browser.driver.findElement(By.id("comment-author")).sendKeys("Selenium");
        browser.driver.findElement(By.id("comment-text")).sendKeys(text);
        browser.driver.findElement(By.cssSelector("#comment-form button[type=submit]")).click();

        // Shown as soon as the API answered 202 (the POST itself may take seconds on a loaded machine).
        // Read in one script: the pending entry is replaced by a confirmed one at any moment (no stale element).
        waiting(EVENTUALLY).until(d -> Boolean.TRUE.equals(browser.script(
                "const li = document.querySelector('#comments li.comment:first-child');"
                        + "return li !== null && li.textContent.includes('Selenium') && li.textContent.includes(arguments[0])"
                        + " && ['pending', 'confirmed'].includes(li.dataset.state);", text)));
        waiting(EVENTUALLY).until(ExpectedConditions.attributeToBe(
                By.cssSelector("#comments li.comment:first-child"), "data-state", "confirmed"));
        browser.screenshot("3-item-comment-confirmed");

        // Newest first, from the database: wait for the stamp that answers to have it (replication is eventual).
        waiting(EVENTUALLY).until(d -> {
            openItem(); // the page renders the item and its comments together, after both reads answered
            return d.findElement(By.id("comments")).getText().contains(text);
        });
        assertThat(browser.driver.findElement(By.cssSelector("#comments li.comment:first-child")).getText())
                .contains(text);
    }

    @Test
    @Order(4)
    void anAdminCreatesAnItemAndFindsItInTheCatalog() {
        open("/#/admin");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(citadel.apiKey());
        browser.driver.findElement(By.cssSelector("#api-key-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("item-form")));
        itemName = "Browser-made " + UUID.randomUUID().toString().substring(0, 8);
        browser.driver.findElement(By.id("item-name")).sendKeys(itemName);
        browser.driver.findElement(By.id("item-description")).sendKeys("Created by UiBrowserIT through the edge.");
        browser.driver.findElement(By.id("item-image")).sendKeys(
                "http://" + IMAGE_HOST + ":" + IMAGE_PORT + "/ui-test.png");
        browser.driver.findElement(By.id("item-price")).sendKeys("12.34");
        browser.driver.findElement(By.cssSelector("#item-form button[type=submit]")).click();
        waiting(EVENTUALLY).until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-message"), "Created"));
        assertThat(browser.driver.findElement(By.id("admin-message")).getText()).contains(itemName);
        browser.screenshot("4-admin-created");

        waiting(EVENTUALLY).until(d -> {
            open("/");
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".grid .card, .error-state")));
            return d.findElement(By.id("main")).getText().contains(itemName);
        });
        browser.screenshot("5-catalog-with-new-item");
    }

    @Test
    @Order(5)
    void anAdminDeletesTheCommentFromTheItemPage() {
        openItem(); // the API key entered in the previous step is still in this tab's session
        WebElement entry = waiting(EVENTUALLY).until(d -> d.findElements(By.cssSelector("#comments li.comment")).stream()
                .filter(li -> li.getText().contains(commentText)).findFirst().orElse(null));
        entry.findElement(By.cssSelector("button.danger")).click();
        // The page polls the comment's URL until it is gone (the delete goes through Kafka), then removes it.
        waiting(EVENTUALLY).until(ExpectedConditions.not(
                ExpectedConditions.textToBePresentInElementLocated(By.id("comments"), commentText)));
        browser.screenshot("6-item-comment-deleted");
    }

    @Test
    @Order(6)
    void theOperationsPageShowsBothStampsAndOneTakenOutOfRotation() {
        open("/ops.html");
        for (String region : citadel.regions()) {
            waiting(EVENTUALLY).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "article.stamp[data-region='" + region + "'][data-rotation='in']")));
        }
        // The page asks each stamp for its model by X-Citadel-Stamp (the edge pins such /health/* reads), so every
        // stamp's card must carry its own model, not just whichever stamp the edge happened to pick.
        for (String region : citadel.regions()) {
            waiting(EVENTUALLY).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                    "article.stamp[data-region='" + region + "'][data-model='seen'] .tree")));
        }
        // An earlier test may have left a stamp's origins ejected; the edge readmits them after enough passing
        // probes, and the page, which refreshes itself, must then show every origin healthy.
        waiting(EVENTUALLY).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#origins-table tbody tr"));
            return rows.size() >= 6 && rows.stream().allMatch(row -> "true".equals(row.getAttribute("data-healthy")));
        });
        browser.screenshot("7-ops-both-stamps");

        String out = citadel.regions().get(0);
        assertThat(citadel.cli("stamp", "out", out).code()).isZero();
        try {
            // Read through the wait: the page re-renders its cards on a timer, so a held card can be replaced.
            waiting(EVENTUALLY).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                    "article.stamp[data-region='" + out + "'][data-rotation='out']"), "Out of rotation"));
            waiting().until(ExpectedConditions.attributeToBe(By.cssSelector(
                    "article.stamp[data-region='" + citadel.regions().get(1) + "']"), "data-rotation", "in"));
            browser.screenshot("8-ops-stamp-out");
        } finally {
            assertThat(citadel.cli("stamp", "in", out).code()).isZero();
        }
        waiting(EVENTUALLY).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "article.stamp[data-region='" + out + "'][data-rotation='in']")));
    }

    @Test
    @Order(7)
    void theShopFitsAPhoneScreen() {
        try (Browser phone = new Browser(375, 812, edgeSpki())) {
            phone.driver.get(citadel.edgeUri("/").toString());
            phone.waiting(EVENTUALLY, Duration.ofMillis(250)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".grid .card")));
            assertThat(((Number) phone.script("return document.documentElement.scrollWidth - window.innerWidth"))
                    .intValue()).isLessThanOrEqualTo(0);
            phone.screenshot("9-phone-catalog");
        }
    }

    private void openItem() {
        open("/#/item/" + itemId);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-form")));
    }

    private void open(String path) {
        browser.driver.get(citadel.edgeUri(path).toString());
        if (path.contains("#")) {
            browser.driver.navigate().refresh(); // a hash change alone would not reload the view's data
        }
    }

    private WebDriverWait waiting() {
        return browser.waiting();
    }

    private WebDriverWait waiting(Duration timeout) {
        return browser.waiting(timeout, Duration.ofMillis(250));
    }

    /**
     * The edge's public key as chromium's {@code --ignore-certificate-errors-spki-list} wants it, taken from a handshake
     * that verified the edge's certificate against the installation CA: the browser trusts exactly that key.
     */
    private String edgeSpki() {
        var uri = citadel.edgeUri("/");
        try (SSLSocket socket = (SSLSocket) citadel.sslContext().getSocketFactory()
                .createSocket(uri.getHost(), uri.getPort())) {
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A loopback image origin for the item the admin creates (catalog-api fetches and stores the image through its
     * stamp's egress firewall, whose rules in system-topology.yaml list exactly this name and port).
     */
    private static HttpServer imageServer() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(11, 87, 164));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        byte[] bytes = png.toByteArray();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), IMAGE_PORT), 0);
        server.createContext("/ui-test.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}

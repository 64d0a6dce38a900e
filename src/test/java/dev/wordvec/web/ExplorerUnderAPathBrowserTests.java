package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The explorer page and the API document when the service answers under a path
 * ({@code server.servlet.context-path}, as behind a proxy that routes {@code /wordvec/} to it):
 * the page asks the API under that path, and "Try it out" sends there too. Before, the page
 * asked {@code /models} at the host's root and showed the proxy's or Tomcat's 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.servlet.context-path=/wordvec",
})
class ExplorerUnderAPathBrowserTests extends BrowserTest {

    @Test
    void thePageAsksTheServiceUnderItsPath() {
        String page = "http://localhost:" + port + "/wordvec/";
        browser.get(page);
        waitFor(() -> !browser.findElements(By.cssSelector("#word-model option")).isEmpty());
        browser.findElement(By.id("search-word")).sendKeys("january", Keys.ENTER);
        waitFor(() -> browser.findElements(By.cssSelector("#map circle")).size() == 11);
        assertThat(browser.findElements(By.cssSelector("#neighbors li")).get(0).getText()).startsWith("february");
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();

        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(requested).contains(page + "models", page + "neighbors", page + "projection")
                .allMatch(url -> url.startsWith(page));
    }

    /** The API document's server, and what the routes work out from their own path, are beneath it too. */
    @Test
    void theApiDocumentAndTheRoutesKnowThePath() {
        var document = http.get("/wordvec/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("servers").get(0).get("url").asString()).isEqualTo("/wordvec");
        assertThat(http.get("/wordvec/vector/king").status()).isEqualTo(200);
        var tei = http.post("/wordvec/similarity",
                "{\"inputs\": {\"source_sentence\": \"the\", \"sentences\": [\"of\"]}}");
        assertThat(tei.status()).isEqualTo(400);
        assertThat(tei.get("detail").asString()).endsWith("is answered on POST /");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        waitFor(condition, () -> "the page showed: problem '" + text("problem") + "'");
    }
}

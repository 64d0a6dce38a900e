package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The explorer page on a service with a contextual model and no word vectors: the page says that
 * the word sections need a word model, and still compares sentences and contexts with the
 * contextual one (before, its word model list was empty and the word sections asked the
 * contextual model word questions).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.minilm.kind=contextual",
})
class ExplorerContextualOnlyBrowserTests extends BrowserTest {

    @Test
    void theWordSectionsSayTheyNeedAWordModelAndTheContextualOnesWork() {
        browser.get("http://localhost:" + port + "/");
        waitFor(() -> !browser.findElements(By.cssSelector("#contextual-model option")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#word-model option")).getText()).isEqualTo("none configured");
        assertThat(browser.findElement(By.cssSelector("#contextual-model option")).getText())
                .isEqualTo("minilm (384 dimensions)");

        browser.findElement(By.id("search-word")).sendKeys("king", Keys.ENTER);
        waitFor(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).startsWith("No word-vector model is configured: nearest words, analogies");

        browser.findElement(By.cssSelector("#sentences button")).click();
        waitFor(() -> !text("score-contextual").equals("–"));
        assertThat(Double.parseDouble(text("score-contextual"))).isBetween(0.0, 1.0);
        assertThat(text("score-mean")).isEqualTo("no word model");
        assertThat(text("wmd-distance")).isEqualTo("no word model");
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();

        browser.findElement(By.cssSelector("#context button")).click();
        waitFor(() -> !text("context-static").equals("–"));
        assertThat(Double.parseDouble(text("context-contextual"))).isLessThan(0.9);
        assertThat(text("context-static")).isEqualTo("no word model");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        waitFor(condition, () -> "the page showed: problem '" + text("problem") + "'");
    }
}

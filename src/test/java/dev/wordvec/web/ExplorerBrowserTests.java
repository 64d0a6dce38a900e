package dev.wordvec.web;

import static dev.wordvec.testing.Oracle.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.BrowserTest;
import dev.wordvec.testing.Http;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The explorer page in a real browser ({@link BrowserTest}). The service runs the
 * built-in word vectors and the built-in contextual model behind an API key, which the page asks
 * for. Under {@code CI=true} a missing browser fails the build instead of skipping.
 *
 * <p>{@code -Dexplorer.screenshot=update} also writes the screenshot the README shows, {@code docs/explorer.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.demo.path=classpath:models/demo-57k-100d.vec.gz",
    "wordvec.models.minilm.kind=contextual",
    "wordvec.default-model=demo",
    "wordvec.http.api-keys=page-key",
})
class ExplorerBrowserTests extends BrowserTest {

    private String base() {
        return "http://localhost:" + port;
    }

    /** Opens the page and gives it the key, as a person would. */
    @BeforeEach
    void openWithKey() {
        browser.get(base() + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        // Without the key the page says what the service said.
        waitFor(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).isEqualTo(problemDetail("/models"));
        WebElement key = browser.findElement(By.id("api-key"));
        key.sendKeys("page-key", Keys.ENTER);
        waitFor(() -> !browser.findElements(By.cssSelector("#word-model option")).isEmpty()
                && !browser.findElements(By.cssSelector("#contextual-model option")).isEmpty());
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
    }

    @Test
    void searchSuggestsWordsAndShowsNeighboursAndTheirMap() {
        WebElement word = browser.findElement(By.id("search-word"));
        word.sendKeys("januar");
        waitFor(() -> !browser.findElements(By.cssSelector("#suggestions option")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#suggestions option")).get(0).getDomAttribute("value"))
                .isEqualTo("january");
        word.sendKeys("y", Keys.ENTER);
        waitFor(() -> browser.findElements(By.cssSelector("#neighbors li")).size() == 10
                && browser.findElements(By.cssSelector("#map circle")).size() == 11);
        assertThat(browser.findElements(By.cssSelector("#neighbors li")).get(0).getText()).startsWith("february");
        // One point per word: the word itself and its ten neighbours, each named.
        List<String> points = browser.findElements(By.cssSelector("#map circle")).stream()
                .map(c -> c.getDomAttribute("data-word")).toList();
        List<String> listed = browser.findElements(By.cssSelector("#neighbors li")).stream()
                .map(li -> li.getText().replace(li.findElement(By.className("score")).getText(), "").trim()).toList();
        assertThat(points.get(0)).isEqualTo("january");
        assertThat(points.subList(1, 11)).containsExactlyElementsOf(listed);
        assertThat(browser.findElement(By.id("map-caption")).getText()).matches("january and its 10 nearest words on "
                + "their first two principal components \\(\\d{1,2}(\\.\\d+)?% of their variance\\)\\.");
        // Less than all of the variance is never shown as 100%.
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return [0.5, 0.994, 0.996, 0.9996, 1].map(percent)"))
                .isEqualTo(List.of("50", "99", "99.6", "99.96", "100"));
    }

    /**
     * At a phone's width (390 CSS pixels) the page needs no sideways scrolling, and the map, under
     * the list there, is as wide as its section, not squeezed beside the list.
     */
    @Test
    void aPhonesWidthNeedsNoSidewaysScrolling() {
        var window = browser.manage().window();
        var desktop = window.getSize();
        try {
            window.setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.findElement(By.id("search-word")).sendKeys("paris", Keys.ENTER);
            waitFor(() -> browser.findElements(By.cssSelector("#map circle")).size() == 11);
            JavascriptExecutor page = browser;
            long scrollWidth = (Long) page.executeScript("return document.documentElement.scrollWidth");
            long viewport = (Long) page.executeScript("return document.documentElement.clientWidth");
            assertThat(viewport).isLessThanOrEqualTo(390);
            assertThat(scrollWidth).as("the page's width in a %d-pixel window", viewport).isLessThanOrEqualTo(viewport);
            double map = ((Number) page.executeScript(
                    "return document.getElementById('map').getBoundingClientRect().width")).doubleValue();
            assertThat(map).isGreaterThan(viewport * 0.7);
        } finally {
            window.setSize(desktop);
        }
    }

    /** Tab from the top of the page to the word field, type, Enter, then Tab on to the analogy's button and press it. */
    @Test
    void theKeyboardAloneIsEnough() {
        browser.findElement(By.tagName("body")).click();
        var actions = new org.openqa.selenium.interactions.Actions(browser);
        for (int i = 0; i < 20 && !"search-word".equals(activeId()); i++) {
            actions.sendKeys(Keys.TAB).perform();
        }
        assertThat(activeId()).isEqualTo("search-word");
        actions.sendKeys("paris", Keys.ENTER).perform();
        waitFor(() -> browser.findElements(By.cssSelector("#neighbors li")).size() == 10);
        for (int i = 0; i < 20 && !"analogy-c".equals(activeId()); i++) {
            actions.sendKeys(Keys.TAB).perform();
        }
        actions.sendKeys(Keys.TAB, Keys.ENTER).perform();
        waitFor(() -> !browser.findElements(By.cssSelector("#analogy-results li")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#analogy-results li")).get(0).getText()).startsWith("queen");
    }

    private String activeId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
    }

    @Test
    void kingMinusManPlusWomanIsQueen() {
        browser.findElement(By.cssSelector("#analogy button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("#analogy-results li")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#analogy-results li")).get(0).getText()).startsWith("queen");
    }

    @Test
    void staticAndContextualSimilaritiesDiffer() {
        browser.findElement(By.cssSelector("#sentences button")).click();
        waitFor(() -> !text("score-contextual").equals("–"));
        double mean = Double.parseDouble(text("score-mean"));
        double sif = Double.parseDouble(text("score-sif"));
        double contextual = Double.parseDouble(text("score-contextual"));
        assertThat(mean).isNotEqualTo(contextual);
        assertThat(sif).isNotEqualTo(mean);
        waitFor(() -> !text("wmd-distance").equals("–"));
        assertThat(Double.parseDouble(text("wmd-distance"))).isPositive();
        assertThat(text("wmd-moves")).contains("→");

        browser.findElement(By.cssSelector("#context button")).click();
        waitFor(() -> !text("context-static").equals("–"));
        // "bank" by the river and "bank" for money: two vectors in context, one in the word model.
        assertThat(Double.parseDouble(text("context-contextual"))).isLessThan(0.9);
        assertThat(text("context-static")).isEqualTo("1.0000");

        // The whole page in use, for the README.
        browser.findElement(By.id("search-word")).sendKeys("coffee", Keys.ENTER);
        waitFor(() -> browser.findElements(By.cssSelector("#map circle[data-word='coffee']")).size() == 1
                && browser.findElements(By.cssSelector("#map circle")).size() == 11);
        // Its neighbours crowd together (coffeepot, coffers, coffer): no label prints over another
        // or leaves the map.
        Object crowding = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const boxes = [...document.querySelectorAll('#map text')].map((t) => t.getBBox());
                const out = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > 400 || b.y + b.height > 300);
                let overlaps = 0;
                boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
                  if (a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width
                      && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height) overlaps++;
                }));
                return boxes.length + ' labels, ' + overlaps + ' overlapping, ' + out.length + ' outside';""");
        assertThat(crowding).isEqualTo("11 labels, 0 overlapping, 0 outside");
        browser.findElement(By.cssSelector("#analogy button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("#analogy-results li")).isEmpty());
        screenshot();
    }

    /**
     * The service's offsets count code points and JavaScript's indices UTF-16 units: after emoji
     * the page must still take the word's own tokens, and find an accented word in another case.
     */
    @Test
    void aWordAfterAnEmojiGetsItsOwnTokensVectors() {
        String first = "😀😀 Non so perché, davvero.";
        String second = "PERCHÉ no? 😀";
        setField("context-word", "Perché");
        setField("context-1", first);
        setField("context-2", second);
        browser.findElement(By.cssSelector("#context button")).click();
        waitFor(() -> !text("context-static").equals("–") || browser.findElement(By.id("problem")).isDisplayed());
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).as(() -> text("problem")).isFalse();
        // The tokenizer reads the word as "perch" + "##e" in both; the page takes their mean.
        double expected = cosine(meanVector(first, "perch", "##e"), meanVector(second, "perch", "##e"));
        assertThat(expected).isLessThan(0.99);
        assertThat(text("context-contextual")).isEqualTo(String.format(Locale.ROOT, "%.4f", expected));
    }

    private void setField(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        // ChromeDriver's sendKeys cannot type characters outside the Basic Multilingual Plane.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", field, value);
    }

    /** The mean of the service's vectors for the tokens spelt {@code tokens}, each once in {@code text}. */
    private float[] meanVector(String text, String... tokens) {
        var answer = new Http(port).send(new Http(port).request("/token-vectors")
                .header("Authorization", "Bearer page-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"minilm\", \"text\": " + Http.quote(text) + "}")));
        List<float[]> matching = new ArrayList<>();
        answer.get("tokens").forEach(t -> {
            if (List.of(tokens).contains(t.get("token").asString())) {
                matching.add(Http.floats(t.get("vector")));
            }
        });
        assertThat(matching).hasSize(tokens.length);
        float[] mean = new float[matching.get(0).length];
        for (float[] vector : matching) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vector[i] / matching.size();
            }
        }
        return mean;
    }


    /**
     * The problem shows under the search, where the person is looking, and the answer to the word
     * searched before is gone: no neighbours or map of "king" beside a question about another word.
     */
    @Test
    void anUnknownWordShowsTheProblemsDetail() {
        WebElement word = browser.findElement(By.id("search-word"));
        word.sendKeys("king", Keys.ENTER);
        waitFor(() -> browser.findElements(By.cssSelector("#map circle")).size() == 11);
        word.clear();
        word.sendKeys("zzqxzzq", Keys.ENTER);
        waitFor(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).isEqualTo(problemDetail("/neighbors/zzqxzzq?k=10&model=demo"));
        assertThat(text("problem")).contains("zzqxzzq");
        assertThat(sectionOfProblem()).isEqualTo("search-title");
        assertThat(browser.findElements(By.cssSelector("#neighbors li"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#map circle"))).isEmpty();
        assertThat(text("map-caption")).isEqualTo("The word and its neighbours on their first two principal components.");
    }

    /**
     * A question asked before the page has a key says why it cannot be answered (the service's
     * detail), not that no model is configured: the list of models never loaded.
     */
    @Test
    void aQuestionAskedWithoutTheKeyShowsTheServicesDetail() {
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(() -> browser.findElement(By.id("problem")).isDisplayed());
        browser.findElement(By.id("search-word")).sendKeys("king", Keys.ENTER);
        waitFor(() -> "search-title".equals(sectionOfProblem()));
        assertThat(text("problem")).isEqualTo(problemDetail("/models"));
        browser.findElement(By.cssSelector("#context button")).click();
        waitFor(() -> "context-title".equals(sectionOfProblem()));
        assertThat(text("problem")).isEqualTo(problemDetail("/models"));
    }

    /** The heading of the section the problem box is in; null when it is in none (under the header). */
    private static String sectionOfProblem() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('problem').closest('section')?.getAttribute('aria-labelledby') ?? null");
    }

    /** A word the contextual model reads but the word model lacks: its problem, as the search shows it. */
    @Test
    void aWordTheWordModelLacksShowsTheProblemsDetailInContext() {
        setField("context-word", "zzqxzzq");
        setField("context-1", "They said zzqxzzq by the river.");
        setField("context-2", "The zzqxzzq was closed on Sunday.");
        browser.findElement(By.cssSelector("#context button")).click();
        waitFor(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).isEqualTo("'zzqxzzq' is not in the vocabulary of model 'demo'");
        // At the foot of a page longer than a screen: the problem shows under this form, not at the top.
        assertThat(sectionOfProblem()).isEqualTo("context-title");
        assertThat(text("context-contextual")).isEqualTo("–");
    }

    /** '.' and '..' reach the lookup: in a URL path the browser would resolve them (%2E too), as it does a path's. */
    @Test
    void aWordOfDotsIsLookedUp() {
        for (String dots : List.of(".", "..")) {
            WebElement word = browser.findElement(By.id("search-word"));
            word.clear();
            word.sendKeys(dots, Keys.ENTER);
            waitFor(() -> browser.findElement(By.id("problem")).isDisplayed()
                    && text("problem").contains("'" + dots + "'"));
            assertThat(text("problem")).isEqualTo("'" + dots + "' is not in the vocabulary of model 'demo'");
        }
    }

    @Test
    void noRequestLeavesForAnotherHost() {
        browser.findElement(By.id("search-word")).sendKeys("king", Keys.ENTER);
        waitFor(() -> browser.findElements(By.cssSelector("#map circle")).size() == 11);
        browser.findElement(By.cssSelector("#sentences button")).click();
        waitFor(() -> !text("score-contextual").equals("–"));
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(requested).isNotEmpty().allMatch(url -> url.startsWith(base() + "/"));
        assertThat(browser.findElement(By.cssSelector("meta[http-equiv='Content-Security-Policy']"))
                .getDomAttribute("content")).startsWith("default-src 'self'");
    }

    /** What the service answers a request without a key (or for an unknown word): the page must show the same words. */
    private String problemDetail(String path) {
        var request = new Http(port).request(path);
        if (!path.equals("/models")) {
            request.header("Authorization", "Bearer page-key");
        }
        return new Http(port).send(request).get("detail").asString();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        waitFor(condition, ExplorerBrowserTests::pageState);
    }

    private static String pageState() {
        return "the page showed: problem '" + browser.findElement(By.id("problem")).getText() + "', word field '"
                + browser.findElement(By.id("search-word")).getDomProperty("value") + "', "
                + browser.findElements(By.cssSelector("#neighbors li")).size() + " neighbours, "
                + browser.findElements(By.cssSelector("#map circle")).size() + " points on the map, "
                + browser.findElements(By.cssSelector("#analogy-results li")).size() + " analogy results";
    }

    private static void screenshot() {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "explorer.png"), StandardCopyOption.REPLACE_EXISTING);
            if ("update".equals(System.getProperty("explorer.screenshot"))) {
                Files.copy(shot, Path.of("docs", "explorer.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

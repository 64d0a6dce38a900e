package dev.wordvec.testing;

import java.io.File;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * For tests of the running service's pages in a real browser: Debian's chromium, headless, driven
 * through Debian's chromedriver (named explicitly, so that Selenium downloads nothing), one for
 * each test class. Without them a test skips, except under {@code CI=true}, where a missing
 * browser fails the build.
 */
public abstract class BrowserTest extends RunningService {

    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    protected static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        boolean present = BROWSER.canExecute() && DRIVER.canExecute();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + BROWSER + " or " + DRIVER + " is missing: .ci/run "
                    + "installs Debian's chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "no chromium/chromedriver: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1700",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** The text the page shows in the element {@code id}. */
    protected static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits up to 20 s; a timeout says what the page showed ({@code pageState}), for a failure in CI to be read. */
    protected static void waitFor(BooleanSupplier condition, Supplier<String> pageState) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(pageState)
                .until(driver -> condition.getAsBoolean());
    }
}

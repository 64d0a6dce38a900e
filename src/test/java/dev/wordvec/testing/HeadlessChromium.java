package dev.wordvec.testing;

import java.io.File;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (named explicitly, so that
 * Selenium downloads nothing). Without them a test skips, except under {@code CI=true}, where a
 * missing browser fails the build.
 */
public final class HeadlessChromium {

    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
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
        return new ChromeDriver(service, options);
    }
}

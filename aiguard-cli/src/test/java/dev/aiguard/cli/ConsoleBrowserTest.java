package dev.aiguard.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code .ci/run}), driven by Selenium with the browser and driver named explicitly, so Selenium Manager never
 * downloads anything. Skipped with a message when either binary is missing. Saves
 * {@code target/console-screenshot.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("aiguard.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("aiguard.chromedriver", "/usr/bin/chromedriver"));

    private DemoTraffic demo;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        demo = DemoTraffic.start(dir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,2000", "--user-data-dir=" + dir.resolve("chromium-profile"));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aSignedInOperatorSeesEventsTopSpendersAndTheGraph() throws Exception {
        browser.get(demo.console().resolve("/").toString());
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        signIn("wrong-token-wrong-token-wrong");
        // The refused sign-in answers with a new page: wait for it instead of racing the form submission.
        WebElement error = wait.until(d -> d.findElements(By.id("login-error")).stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("Wrong token");
        signIn(demo.token());

        wait.until(d -> d.findElements(By.cssSelector("#events tbody tr")).size() >= 5);
        List<String> rows = browser.findElements(By.cssSelector("#events tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("blocked", "console-bob", "sql"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("would_block", "console-alice", "staged"));

        List<WebElement> spenders = browser.findElements(By.cssSelector("#top-cost li"));
        assertThat(spenders).hasSize(2);
        assertThat(spenders.get(0).getText()).startsWith("console-bob").endsWith("tokens");
        assertThat(browser.findElement(By.cssSelector("#top-blocks li")).getText()).isEqualTo("console-bob 3 blocks");

        // The graph (ECharts, SVG renderer) labels its nodes with text elements.
        wait.until(d -> graphLabels().containsAll(List.of("console-alice", "console-bob", "aiguard-demo",
                "/v1/chat/completions")));
        wait.until(d -> !d.findElements(By.cssSelector("#chart-traffic svg path")).isEmpty());
        assertThat(browser.findElement(By.id("policy-version")).getText()).isNotBlank();

        screenshot();

        browser.findElement(By.id("filter-identity")).sendKeys("console-alice");
        new Select(browser.findElement(By.id("filter-verdict"))).selectByValue("would_block");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#events tbody tr")).getText()).contains("console-alice", "would_block");
    }

    private List<String> graphLabels() {
        return browser.findElements(By.cssSelector("#graph svg text")).stream().map(WebElement::getText).toList();
    }

    private void signIn(String token) {
        WebElement field = wait.until(d -> d.findElement(By.id("token")));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login")).click();
    }

    private void screenshot() throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "console-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}

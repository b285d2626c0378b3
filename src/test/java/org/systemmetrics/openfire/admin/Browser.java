package org.systemmetrics.openfire.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (also used by the real-server suite). Both paths are given explicitly, so
 * Selenium never starts Selenium Manager and nothing is downloaded. One profile per run, removed on close.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Path profile;
    private final Path downloads;
    private final WebDriver driver;

    public Browser() throws IOException {
        profile = Files.createTempDirectory("systemmetrics-chromium-profile");
        downloads = Files.createTempDirectory("systemmetrics-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    public WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks a submit button and waits until the next page has replaced this one. */
    public void submitWith(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        waitUntilReplaced(page);
    }

    /** Types into a field and presses Enter, as an administrator would, then waits for the next page. */
    void typeAndPressEnter(String css, String value) {
        WebElement page = driver.findElement(By.tagName("html"));
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value + Keys.ENTER);
        waitUntilReplaced(page);
    }

    /** Waits until {@code page} (the old document's root) is gone, i.e. the next page has loaded. */
    private void waitUntilReplaced(WebElement page) {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                // Chromium sometimes reports the old page's node as belonging to no document rather than stale.
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** The whole page, not just the window, through Chromium's own full-page capture. */
    public void screenshot(Path file) throws IOException {
        Map<String, Object> size = castMap(((JavascriptExecutor) driver).executeScript(
                "return {w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight};"));
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("w")).intValue(),
                "height", Math.min(8000, ((Number) size.get("h")).intValue()), "scale", 1);
        Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
            deleteTree(downloads);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.systemmetrics.collector.testing.Browser;
import org.systemmetrics.collector.testing.CollectorProcess;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.SigningClient;

/** The dashboard and the fleet page in real Chromium, served by the jar as a real process. */
class DashboardBrowserIT {
    private static final String TOKEN = "fleet-token-0123456789abcdef";

    @TempDir
    Path workDir;

    @Test
    void theDashboardDrawsItsChartsAndTheFleetPageAnswersTheOperatorsQuestion() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(workDir, Map.of("COLLECTOR_FLEET_TOKENS",
                "ops:" + TOKEN, "COLLECTOR_AGGREGATE_MAX_AGE_SECONDS", "0"));
             Browser browser = Browser.open()) {
            Reports plainText = null;
            for (int i = 0; i < 6; i++) {
                Reports report = Reports.any().version(i < 5 ? "5.1.1" : "4.8.3").plugin("restapi", "1.12.0")
                        .transport("c2s_tcp", i == 0 ? "optional" : "required").backend("user", "ldap");
                SigningClient plugin = collector.client(Clock.systemUTC()).withToken(TOKEN);
                assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
                assertThat(plugin.send(plugin.signedReport(report.json(), Clock.systemUTC().millis() + 1)).statusCode())
                        .isEqualTo(200);
                if (i == 0) {
                    plainText = report;
                }
            }

            browser.driver().get(collector.uri().toString());
            browser.waiting().until(d -> "drawn".equals(d.findElement(By.tagName("html")).getAttribute("data-charts")));
            assertThat(browser.driver().findElement(By.id("installations")).getText()).isEqualTo("5");
            Object charted = ((JavascriptExecutor) browser.driver()).executeScript(
                    "return ['openfire_versions', 'plugins', 'backends', 'transport_tls', 'openfire_versions_by_month']"
                            + ".map(function (n) { var c = Chart.getChart('chart-' + n); return c ? c.data.datasets.length : 0; });");
            assertThat((List<?>) charted).allSatisfy(n -> assertThat(((Number) n).intValue()).isPositive());
            assertThat(browser.driver().findElement(By.cssSelector("#openfire_versions table")).getText())
                    .contains("5.1.1").doesNotContain("4.8.3");
            assertThat(browser.driver().findElement(By.cssSelector("#plugins table")).getText()).contains("restapi");
            assertThat(browser.driver().manage().logs().get(LogType.BROWSER).getAll())
                    .noneMatch(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());

            browser.driver().get(collector.uri().resolve("/fleet").toString());
            browser.driver().findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver().findElement(By.id("show")).click();
            browser.waiting().until(d -> d.findElements(By.cssSelector("#servers tbody tr")).size() == 6);
            WebElement flagged = browser.driver().findElement(By.cssSelector("#servers tr[data-client-id='"
                    + plainText.clientId() + "'] td.plain"));
            assertThat(flagged.getText()).isEqualTo("yes");
            assertThat(browser.driver().findElements(By.cssSelector("#servers td.plain")).stream()
                    .filter(td -> td.getText().equals("yes")).count()).isEqualTo(1);

            browser.driver().findElement(By.id("token")).clear();
            browser.driver().findElement(By.id("token")).sendKeys("not-the-token-at-all-0000");
            browser.driver().findElement(By.id("show")).click();
            browser.waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("Refused"));
            assertThat(browser.driver().findElement(By.id("servers")).isDisplayed()).isFalse();
        }
    }
}

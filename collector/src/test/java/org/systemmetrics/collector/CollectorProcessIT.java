package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.CollectorProcess;
import org.systemmetrics.collector.testing.Poll;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.SigningClient;

/** The jar as operators run it: nothing but Java, an embedded database in its data folder, SIGTERM to stop. */
class CollectorProcessIT {
    @TempDir
    Path workDir;

    @Test
    void runsOnTheEmbeddedDatabaseKeepsWhatItTookAcrossARestartAndLogsJsonLines() throws Exception {
        Reports report = Reports.any();
        SigningClient plugin;
        try (CollectorProcess collector = CollectorProcess.start(workDir, Map.of())) {
            plugin = collector.client(Clock.systemUTC());
            assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
            collector.terminate();
            collector.awaitExit(Duration.ofSeconds(30));
            assertThat(collector.log()).contains("\"event\":\"started\"").contains("\"event\":\"stopped\"")
                    .doesNotContain("127.0.0.1\"},{\"client"); // addresses never reach the log with a report
            for (String line : collector.log().split("\n")) {
                assertThat(line).startsWith("{").endsWith("}");
            }
        }
        assertThat(workDir.resolve("collector-data").resolve("collector.mv.db")).exists();

        try (CollectorProcess again = CollectorProcess.start(workDir, Map.of())) {
            // The key pinned before the restart still decides: another key is refused, the installation's own erases.
            SigningClient impostor = again.client(Clock.systemUTC());
            assertThat(impostor.send(impostor.erase(report.clientId())).statusCode()).isEqualTo(403);
            SigningClient samePlugin = plugin.at(again.uri());
            HttpResponse<String> own = samePlugin.send(samePlugin.erase(report.clientId()));
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        }
    }

    @Test
    void noClientAddressReachesTheLogEvenAtDebugAndForBrokenRequests() throws Exception {
        // Clients come from 127.0.0.2, so that the collector's own bind address (127.0.0.1, in the start line)
        // cannot hide or fake a hit.
        try (CollectorProcess collector = CollectorProcess.start(workDir, Map.of("COLLECTOR_LOG_LEVEL", "DEBUG",
                "COLLECTOR_REQUIRE_SIGNATURE", "false", "COLLECTOR_RATE_ADDRESS_BURST", "4",
                "COLLECTOR_RATE_ADDRESS_PER_MINUTE", "1"))) {
            String report = Reports.any().json();
            String[] requests = {
                "POST /v1/reports HTTP/1.1\r\nHost: c\r\nContent-Type: application/json\r\nContent-Length: "
                        + report.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + report,
                "POST /v1/reports HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
                "POST /v1/reports HTTP/1.1\r\nHost: c\r\nContent-Length: 8\r\nConnection: close\r\n\r\n{\"x\": 1}",
                "DELETE /v1/reports/not-an-id HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n",
                "POST /v1/reports HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "POST /v1/reports HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "GARBAGE\r\n\r\n",
                "GET /nothing HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n",
            };
            StringBuilder answers = new StringBuilder();
            for (String request : requests) {
                try (Socket socket = new Socket("127.0.0.1", collector.port(), java.net.InetAddress.getByName("127.0.0.2"),
                        0)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    answers.append(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)).readLine()).append('\n');
                }
            }
            // One that hangs up halfway through its body.
            try (Socket socket = new Socket("127.0.0.1", collector.port(), java.net.InetAddress.getByName("127.0.0.2"), 0)) {
                socket.getOutputStream().write("POST /v1/reports HTTP/1.1\r\nHost: c\r\nContent-Length: 500\r\n\r\n{\"a\""
                        .getBytes(StandardCharsets.UTF_8));
            }
            assertThat(answers.toString()).contains("HTTP/1.1 200").contains("HTTP/1.1 400").contains("HTTP/1.1 429")
                    .contains("HTTP/1.1 404");
            collector.terminate();
            collector.awaitExit(Duration.ofSeconds(30));
            assertThat(collector.log()).contains("\"event\":\"report_stored\"").contains("\"event\":\"stopped\"")
                    .doesNotContain("127.0.0.2");
        }
    }

    @Test
    void onSigtermItStopsTakingConnectionsButFinishesTheReportInFlight() throws Exception {
        try (CollectorProcess collector = CollectorProcess.start(workDir, Map.of("COLLECTOR_REQUIRE_SIGNATURE", "false"))) {
            Reports report = Reports.any();
            byte[] body = report.json().getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", collector.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();

                collector.terminate();
                Poll.until("the collector to refuse new connections", Duration.ofSeconds(20), () -> {
                    try (Socket probe = new Socket("127.0.0.1", collector.port())) {
                        return false;
                    } catch (ConnectException refused) {
                        return true;
                    } catch (java.io.IOException other) {
                        return false;
                    }
                });

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            }
            collector.awaitExit(Duration.ofSeconds(30));
            assertThat(collector.log()).contains("\"event\":\"stopped\"");
        }
    }

    @Test
    void aBadSettingStopsItWithAMessageNamingTheKey() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CollectorProcess.jar().toAbsolutePath().toString()).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("COLLECTOR_RETENTION_DAYS", "forever");
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(process.waitFor()).isEqualTo(2);
            assertThat(output).contains("retention_days (COLLECTOR_RETENTION_DAYS) must be a whole number");
        } finally {
            process.destroyForcibly();
        }
    }
}

package org.systemmetrics.realserver;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An administrator logged in to a real Openfire's admin console over plain HTTP (no browser): enough to save the
 * plugin's settings form as a person would, with the page's own token and every field as the page shows it, and to
 * change a property on Openfire's own System Properties page.
 */
final class AdminConsoleSession {
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SETTINGS_FORM = Pattern.compile("<form[^>]*id=\"sm-settings-form\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern SELECT = Pattern.compile("<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected>");
    private static final Pattern CHECKED = Pattern.compile("\\schecked(\\s|=|$)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final String base;

    private AdminConsoleSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static AdminConsoleSession login(RealOpenfire server) throws IOException, InterruptedException {
        AdminConsoleSession session = new AdminConsoleSession(server.adminConsoleUrl());
        String loginPage = session.get("login.jsp").body();
        Matcher token = LOGIN_TOKEN.matcher(loginPage);
        if (!token.find()) {
            throw new AssertionError("no csrf field on " + server + "'s login page");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("url", "");
        form.put("login", "true");
        form.put("csrf", token.group(1));
        form.put("username", RealOpenfire.ADMIN_USER);
        form.put("password", RealOpenfire.ADMIN_PASSWORD);
        HttpResponse<String> answer = session.post("login.jsp", form);
        if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("login.jsp")) {
            throw new AssertionError("could not log in to " + server + ": HTTP " + answer.statusCode());
        }
        return session;
    }

    /** Loads the plugin's page, changes {@code changes} in its settings form, submits it; returns the answer. */
    HttpResponse<String> saveSettings(Map<String, String> changes) throws IOException, InterruptedException {
        return saveSettings(changes, Set.of());
    }

    /** As {@link #saveSettings(Map)}, and unticks the checkboxes named in {@code untick}. */
    HttpResponse<String> saveSettings(Map<String, String> changes, Set<String> untick)
            throws IOException, InterruptedException {
        String page = get("plugins/systemmetrics/system-metrics").body();
        Matcher formMatch = SETTINGS_FORM.matcher(page);
        if (!formMatch.find()) {
            throw new AssertionError("no settings form on the plugin's page:\n" + page);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(formMatch.group(1));
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            // A browser submits a checkbox only while it is ticked.
            String name = attributes.get("name");
            boolean unticked = "checkbox".equals(attributes.get("type"))
                    && (!CHECKED.matcher(input.group(1)).find() || name != null && untick.contains(name));
            if (name != null && !unticked) {
                fields.put(name, attributes.getOrDefault("value", "on"));
            }
        }
        Matcher select = SELECT.matcher(formMatch.group(1));
        while (select.find()) {
            Matcher selected = SELECTED.matcher(select.group(2));
            fields.put(select.group(1), selected.find() ? selected.group(1) : "");
        }
        fields.putAll(changes);
        fields.put("action", "save");
        return post("plugins/systemmetrics/system-metrics", fields);
    }

    /** The plugin's admin page as this node shows it. */
    String pluginPage() throws IOException, InterruptedException {
        return pluginPageResponse().body();
    }

    /** The whole answer for the plugin's page, headers included. */
    HttpResponse<String> pluginPageResponse() throws IOException, InterruptedException {
        return get("plugins/systemmetrics/system-metrics");
    }

    /** Presses a setting's "use the file's value" button. */
    void resetToFile(String key) throws IOException, InterruptedException {
        post("plugins/systemmetrics/system-metrics", Map.of("csrf", pageToken(), "reset", key));
    }

    /** Sets a property on Openfire's own System Properties page, as its edit form posts it. */
    void setSystemProperty(String name, String value) throws IOException, InterruptedException {
        systemProperties(Map.of("action", "save", "key", name, "value", value, "encrypt", "false"), "was ");
    }

    /** Deletes a property on Openfire's own System Properties page. */
    void deleteSystemProperty(String name) throws IOException, InterruptedException {
        systemProperties(Map.of("action", "delete", "key", name), "was deleted");
    }

    /** Openfire's servlet answers with a redirect and says what it did on the page it redirects to. */
    private void systemProperties(Map<String, String> form, String done) throws IOException, InterruptedException {
        Matcher token = LOGIN_TOKEN.matcher(get("server-properties.jsp").body());
        if (!token.find()) {
            throw new AssertionError("no csrf field on Openfire's System Properties page");
        }
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("csrf", token.group(1));
        HttpResponse<String> answer = post("server-properties.jsp", fields);
        String shown = get("server-properties.jsp").body();
        if (answer.statusCode() != 302 || !shown.contains("The property " + form.get("key") + " " + done)) {
            throw new AssertionError("Openfire's System Properties page did not take " + form + ": HTTP "
                    + answer.statusCode());
        }
    }

    private String pageToken() throws IOException, InterruptedException {
        Matcher token = LOGIN_TOKEN.matcher(pluginPage());
        if (!token.find()) {
            throw new AssertionError("no csrf field on the plugin's page");
        }
        return token.group(1);
    }

    /** Presses Send now on the plugin's page; returns the page that answers. */
    String sendNow() throws IOException, InterruptedException {
        return post("plugins/systemmetrics/system-metrics", Map.of("csrf", pageToken(), "action", "send")).body();
    }

    /** Presses Forget this server on the plugin's page (the browser's confirmation is the browser's); returns the page. */
    String forget() throws IOException, InterruptedException {
        return post("plugins/systemmetrics/system-metrics", Map.of("csrf", pageToken(), "action", "forget")).body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().replace("&amp;", "&"), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

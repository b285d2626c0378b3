package org.systemmetrics.core.delivery.ga4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.core.text.Texts;

/**
 * A report's GA4 request bodies: its events made acceptable ({@link Ga4EventSanitizer}) and cut, in order, to GA's
 * per-request limits, each denying use for advertising. Made once per report, however many properties receive it.
 */
public final class Ga4Encoding {
    static final int MAX_EVENTS_PER_REQUEST = 25;
    /** Google says "smaller than 130kB"; counting a kB as 1000 bytes keeps us under either reading. */
    private static final int MAX_BODY_BYTES = 130_000;
    private static final Logger LOG = LoggerFactory.getLogger(Ga4Encoding.class);
    private static final Texts TEXTS = Texts.of(Ga4Encoding.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String CONSENT = "\"consent\":{\"ad_user_data\":\"DENIED\",\"ad_personalization\":\"DENIED\"}";

    private final Ga4EventSanitizer sanitizer = new Ga4EventSanitizer();
    private final int maxEvents;
    private final int maxBodyBytes;
    private Report last;
    private List<String> lastRequests = List.of();

    public Ga4Encoding() {
        this(MAX_EVENTS_PER_REQUEST, MAX_BODY_BYTES);
    }

    // Visible for testing: small limits make the size split testable with small reports.
    Ga4Encoding(int maxEvents, int maxBodyBytes) {
        this.maxEvents = maxEvents;
        this.maxBodyBytes = maxBodyBytes;
    }

    synchronized List<String> requests(Report report) {
        if (report != last) {
            last = report;
            lastRequests = encode(report);
            if (lastRequests.isEmpty()) {
                LOG.info(TEXTS.get("encoding.nothing_acceptable"));
            }
        }
        return lastRequests;
    }

    /** The request bodies of a report, made afresh. */
    List<String> encode(Report report) {
        return split(report.clientId(), sanitizer.sanitize(report.events()));
    }

    List<String> split(String clientId, List<Event> events) {
        String head = "{\"client_id\":" + GSON.toJson(new JsonPrimitive(clientId)) + "," + CONSENT + ",\"events\":[";
        String tail = "]}";
        int frame = utf8Length(head) + utf8Length(tail);
        List<String> requests = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int partBytes = frame;
        for (Event event : events) {
            String json = GSON.toJson(ReportJson.toJson(event));
            int bytes = utf8Length(json);
            if (frame + bytes > maxBodyBytes) {
                // Cannot happen within GA's name, value and count limits; checked so a future change fails safe.
                LOG.warn(TEXTS.get("encoding.event_too_large", event.name(), maxBodyBytes));
                continue;
            }
            int separator = part.isEmpty() ? 0 : 1;
            if (part.size() == maxEvents || partBytes + separator + bytes > maxBodyBytes) {
                requests.add(head + String.join(",", part) + tail);
                part.clear();
                partBytes = frame;
                separator = 0;
            }
            part.add(json);
            partBytes += separator + bytes;
        }
        if (!part.isEmpty()) {
            requests.add(head + String.join(",", part) + tail);
        }
        return requests;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

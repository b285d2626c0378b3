package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.report.Event;

class Ga4EncodingTest {
    private static List<Event> events(int count, String value) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Event.named("e" + i).param("v", value).build());
        }
        return events;
    }

    private static int eventsIn(String body) {
        return JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("events").size();
    }

    @Test
    void exactlyTwentyFiveEventsFitOneRequestAndTwentySixNeedTwo() {
        Ga4Encoding splitter = new Ga4Encoding();

        assertThat(splitter.split("c", events(25, "x"))).hasSize(1);
        assertThat(splitter.split("c", events(26, "x"))).extracting(Ga4EncodingTest::eventsIn).containsExactly(25, 1);
        assertThat(splitter.split("c", List.of())).isEmpty();
    }

    @Test
    void aSizeLimitSplitsEarlierAndIsNeverExceeded() {
        Ga4Encoding splitter = new Ga4Encoding(25, 600);

        List<String> requests = splitter.split("client", events(10, "\u00e9".repeat(50)));

        assertThat(requests).hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(600));
        assertThat(requests.stream().mapToInt(Ga4EncodingTest::eventsIn).sum()).isEqualTo(10);
    }

    @Test
    void eachBodyIsTheDocumentedShape() {
        String request = new Ga4Encoding().split("id-\"1\"", events(2, "v")).get(0);

        assertThat(JsonParser.parseString(request)).hasToString(
                "{\"client_id\":\"id-\\\"1\\\"\",\"consent\":{\"ad_user_data\":\"DENIED\",\"ad_personalization\":"
                        + "\"DENIED\"},\"events\":[{\"name\":\"e0\",\"params\":{\"v\":\"v\"}},{\"name\":\"e1\",\"params\":"
                        + "{\"v\":\"v\"}}]}");
    }
}

package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ga4EventNameRulesTest {
    @Test
    void namesStartWithALetterAndHoldLettersDigitsAndUnderscores() {
        assertThat(Ga4EventSanitizer.eventNameProblem("cluster_size2")).isEmpty();
        assertThat(Ga4EventSanitizer.eventNameProblem("a".repeat(40))).isEmpty();
        assertThat(Ga4EventSanitizer.eventNameProblem("a".repeat(41))).get().asString().contains("1 to 40");
        assertThat(Ga4EventSanitizer.eventNameProblem("")).isPresent();
        assertThat(Ga4EventSanitizer.eventNameProblem("_hidden")).isPresent();
        assertThat(Ga4EventSanitizer.eventNameProblem("2fast")).isPresent();
        assertThat(Ga4EventSanitizer.eventNameProblem("with space")).isPresent();
        assertThat(Ga4EventSanitizer.eventNameProblem("caf\u00e9")).isPresent();
    }

    @Test
    void reservedEventNamesAndPrefixesAreRefused() {
        for (String reserved : new String[] {"ad_activeview", "app_store_subscription_convert", "error", "first_visit",
            "session_start", "session_start_with_rollout", "user_engagement", "page_view", "Error"}) {
            assertThat(Ga4EventSanitizer.eventNameProblem(reserved)).as(reserved).get().asString().contains("reserve");
        }
        assertThat(Ga4EventSanitizer.eventNameProblem("ga_thing")).get().asString().contains("ga_");
        assertThat(Ga4EventSanitizer.eventNameProblem("firebase_x")).get().asString().contains("firebase_");
        assertThat(Ga4EventSanitizer.eventNameProblem("google_y")).get().asString().contains("google_");
        assertThat(Ga4EventSanitizer.eventNameProblem("errors")).isEmpty();
    }

    @Test
    void parameterNamesFollowTheSameRulesButNotTheEventList() {
        assertThat(Ga4EventSanitizer.paramNameProblem("error")).isEmpty();
        assertThat(Ga4EventSanitizer.paramNameProblem("google_x")).isPresent();
        assertThat(Ga4EventSanitizer.paramNameProblem("firebase_conversion")).isPresent();
        assertThat(Ga4EventSanitizer.paramNameProblem("session_id")).get().asString().contains("reserves");
        assertThat(Ga4EventSanitizer.paramNameProblem("engagement_time_msec")).isPresent();
        assertThat(Ga4EventSanitizer.paramNameProblem("gclid")).isPresent();
        assertThat(Ga4EventSanitizer.paramNameProblem("x".repeat(41))).isPresent();
    }
}

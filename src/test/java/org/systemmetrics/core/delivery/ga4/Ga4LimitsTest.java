package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ga4LimitsTest {
    @Test
    void namesStartWithALetterAndHoldLettersDigitsAndUnderscores() {
        assertThat(Ga4Limits.eventNameProblem("cluster_size2")).isEmpty();
        assertThat(Ga4Limits.eventNameProblem("a".repeat(40))).isEmpty();
        assertThat(Ga4Limits.eventNameProblem("a".repeat(41))).get().asString().contains("1 to 40");
        assertThat(Ga4Limits.eventNameProblem("")).isPresent();
        assertThat(Ga4Limits.eventNameProblem("_hidden")).isPresent();
        assertThat(Ga4Limits.eventNameProblem("2fast")).isPresent();
        assertThat(Ga4Limits.eventNameProblem("with space")).isPresent();
        assertThat(Ga4Limits.eventNameProblem("caf\u00e9")).isPresent();
    }

    @Test
    void reservedEventNamesAndPrefixesAreRefused() {
        for (String reserved : new String[] {"ad_activeview", "app_store_subscription_convert", "error", "first_visit",
            "session_start", "session_start_with_rollout", "user_engagement", "page_view", "Error"}) {
            assertThat(Ga4Limits.eventNameProblem(reserved)).as(reserved).get().asString().contains("reserve");
        }
        assertThat(Ga4Limits.eventNameProblem("ga_thing")).get().asString().contains("ga_");
        assertThat(Ga4Limits.eventNameProblem("firebase_x")).get().asString().contains("firebase_");
        assertThat(Ga4Limits.eventNameProblem("google_y")).get().asString().contains("google_");
        assertThat(Ga4Limits.eventNameProblem("errors")).isEmpty();
    }

    @Test
    void parameterNamesFollowTheSameRulesButNotTheEventList() {
        assertThat(Ga4Limits.paramNameProblem("error")).isEmpty();
        assertThat(Ga4Limits.paramNameProblem("google_x")).isPresent();
        assertThat(Ga4Limits.paramNameProblem("firebase_conversion")).isPresent();
        assertThat(Ga4Limits.paramNameProblem("session_id")).get().asString().contains("reserves");
        assertThat(Ga4Limits.paramNameProblem("engagement_time_msec")).isPresent();
        assertThat(Ga4Limits.paramNameProblem("gclid")).isPresent();
        assertThat(Ga4Limits.paramNameProblem("x".repeat(41))).isPresent();
    }
}

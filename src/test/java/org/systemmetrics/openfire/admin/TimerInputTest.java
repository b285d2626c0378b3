package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.systemmetrics.core.config.Setting;

class TimerInputTest {

    @Test
    void wholeHoursAreShownInHoursAndTheRestInMinutes() {
        assertThat(TimerInput.display(10_800_000L)).hasToString("3 h");
        assertThat(TimerInput.display(300_000L)).hasToString("5 min");
        assertThat(TimerInput.display(90_000L)).hasToString("1.5 min");
        assertThat(TimerInput.display(0L)).hasToString("0 min");
    }

    @Test
    void typedValuesAreStoredInMilliseconds() {
        assertThat(TimerInput.submitted("10", TimerInput.Unit.MINUTES).millis()).isEqualTo(600_000L);
        assertThat(TimerInput.submitted("1.5", TimerInput.Unit.HOURS).millis()).isEqualTo(5_400_000L);
        assertThat(TimerInput.submitted("2,5", TimerInput.Unit.MINUTES).millis()).isEqualTo(150_000L);
        assertThat(TimerInput.submitted("0", TimerInput.Unit.MINUTES).refusal(Setting.INITIAL_REPORT)).isEmpty();
    }

    @Test
    void refusesWhatTheServiceWouldRefuse() {
        assertThat(error("abc", TimerInput.Unit.MINUTES, Setting.INITIAL_REPORT)).isEqualTo("settings.error.timer_not_a_number");
        assertThat(error("-1", TimerInput.Unit.MINUTES, Setting.INITIAL_REPORT)).isEqualTo("settings.error.timer_range_initial");
        assertThat(error("0", TimerInput.Unit.HOURS, Setting.PERIODIC_REPORT)).isEqualTo("settings.error.timer_range_periodic");
        assertThat(error("8761", TimerInput.Unit.HOURS, Setting.PERIODIC_REPORT)).isEqualTo("settings.error.timer_range_periodic");
        assertThat(error("0.00000001", TimerInput.Unit.MINUTES, Setting.INITIAL_REPORT)).isEqualTo("settings.error.timer_fraction");
        assertThat(error("8760", TimerInput.Unit.HOURS, Setting.PERIODIC_REPORT)).isNull();
    }

    private static String error(String amount, TimerInput.Unit unit, Setting<?> min) {
        return TimerInput.submitted(amount, unit).refusal(min).map(LocalizedText::key).orElse(null);
    }
}

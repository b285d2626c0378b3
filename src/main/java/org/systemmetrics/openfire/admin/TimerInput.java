package org.systemmetrics.openfire.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import org.systemmetrics.core.config.Refusal;
import org.systemmetrics.core.config.Setting;

/** A timer as the administrator types it (a number, minutes or hours) and as it is stored (whole ms). */
final class TimerInput {
    enum Unit {
        MINUTES("min", 60_000), HOURS("h", 3_600_000);

        private final String param;
        private final long millis;

        Unit(String param, long millis) {
            this.param = param;
            this.millis = millis;
        }

        String param() {
            return param;
        }

        static Optional<Unit> fromParam(String value) {
            return Arrays.stream(values()).filter(unit -> unit.param.equals(value)).findFirst();
        }
    }

    private final String amount;
    private final Unit unit;

    private TimerInput(String amount, Unit unit) {
        this.amount = amount;
        this.unit = unit;
    }

    /** How a stored value is shown: whole hours when it is, else minutes (with decimals when needed). */
    static TimerInput display(long millis) {
        if (millis > 0 && millis % Unit.HOURS.millis == 0) {
            return new TimerInput(Long.toString(millis / Unit.HOURS.millis), Unit.HOURS);
        }
        BigDecimal minutes = BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(Unit.MINUTES.millis), 6,
                RoundingMode.HALF_UP).stripTrailingZeros();
        return new TimerInput(minutes.toPlainString(), Unit.MINUTES);
    }

    static TimerInput submitted(String amount, Unit unit) {
        return new TimerInput(amount == null ? "" : amount.trim(), unit);
    }

    String amount() {
        return amount;
    }

    Unit unit() {
        return unit;
    }

    /** Not a number, out of the setting's bounds, or a fraction of a ms. */
    Optional<LocalizedText> refusal(Setting<?> setting) {
        BigDecimal millis;
        try {
            millis = exactMillis();
        } catch (NumberFormatException e) {
            return Optional.of(LocalizedText.of("settings.error.timer_not_a_number", amount));
        }
        Optional<Refusal> outOfBounds =
                setting.checkMillis(millis.setScale(0, RoundingMode.CEILING).toBigIntegerExact());
        if (outOfBounds.isPresent()) {
            return outOfBounds.map(SettingsForm::text);
        }
        return millis.stripTrailingZeros().scale() > 0 ? Optional.of(LocalizedText.of("settings.error.timer_fraction"))
                : Optional.empty();
    }

    /** Only for an input {@link #refusal} accepts. */
    long millis() {
        return exactMillis().longValueExact();
    }

    private BigDecimal exactMillis() {
        // A German administrator may well type a decimal comma.
        return new BigDecimal(amount.replace(',', '.')).multiply(BigDecimal.valueOf(unit.millis));
    }

    @Override
    public String toString() {
        return amount + " " + unit.param;
    }
}

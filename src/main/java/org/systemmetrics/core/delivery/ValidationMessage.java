package org.systemmetrics.core.delivery;

import java.util.Objects;
import org.systemmetrics.core.text.Texts;

/**
 * One complaint of a validation server (where, what, and its code, e.g. NAME_INVALID), and which of the report's
 * requests (1-based) drew it, since GA's event indexes count within one request.
 */
public final class ValidationMessage {
    private static final Texts TEXTS = Texts.of(ValidationMessage.class);
    private final int request;
    private final String fieldPath;
    private final String description;
    private final String validationCode;

    public ValidationMessage(int request, String fieldPath, String description, String validationCode) {
        this.request = request;
        this.fieldPath = Objects.requireNonNull(fieldPath, "fieldPath");
        this.description = Objects.requireNonNull(description, "description");
        this.validationCode = Objects.requireNonNull(validationCode, "validationCode");
    }

    public int request() {
        return request;
    }

    public String fieldPath() {
        return fieldPath;
    }

    public String description() {
        return description;
    }

    public String validationCode() {
        return validationCode;
    }

    /** Kept like every other text about a delivery: a validation server may quote the request, secret included. */
    ValidationMessage masked(SecretMasker masker) {
        return new ValidationMessage(request, masker.errorText(fieldPath), masker.errorText(description),
                masker.errorText(validationCode));
    }

    @Override
    public String toString() {
        return TEXTS.get("validation.message", validationCode, fieldPath, request, description);
    }
}

package org.systemmetrics.openfire.admin;

import java.util.Objects;

/** One message from Google Analytics' validation endpoint, as the admin page lists it. */
public final class ValidationMessage {
    private final String destination;
    private final String fieldPath;
    private final String description;
    private final String code;

    /**
     * @param destination the masked destination that answered (e.g. its measurement ID)
     * @param fieldPath the part of the request GA complains about, e.g. {@code events[0].params.x}; may be empty
     * @param description GA's explanation, shown as it came
     * @param code GA's validation code, e.g. {@code NAME_INVALID}; may be empty
     */
    public ValidationMessage(String destination, String fieldPath, String description, String code) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.fieldPath = fieldPath == null ? "" : fieldPath;
        this.description = Objects.requireNonNull(description, "description");
        this.code = code == null ? "" : code;
    }

    public String destination() {
        return destination;
    }

    public String fieldPath() {
        return fieldPath;
    }

    public String description() {
        return description;
    }

    public String code() {
        return code;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ValidationMessage)) {
            return false;
        }
        ValidationMessage other = (ValidationMessage) o;
        return destination.equals(other.destination) && fieldPath.equals(other.fieldPath)
                && description.equals(other.description) && code.equals(other.code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, fieldPath, description, code);
    }

    @Override
    public String toString() {
        return destination + ": " + (fieldPath.isEmpty() ? "" : fieldPath + ": ") + description
                + (code.isEmpty() ? "" : " (" + code + ")");
    }
}

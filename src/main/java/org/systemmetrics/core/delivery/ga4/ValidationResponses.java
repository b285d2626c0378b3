package org.systemmetrics.core.delivery.ga4;

import java.util.ArrayList;
import java.util.List;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.systemmetrics.core.delivery.SecretMasker;
import org.systemmetrics.core.delivery.ValidationMessage;

/** Reads the validation server's answer, {@code {"validationMessages": [{fieldPath, description, validationCode}]}}. */
final class ValidationResponses {
    private ValidationResponses() {
    }

    /**
     * @param request which of the report's requests this answer is for (1-based)
     * @throws IllegalArgumentException when the answer is not that shape, with a short reason
     */
    static List<ValidationMessage> parse(String body, int request, SecretMasker masker) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the answer is not JSON");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("validationMessages")
                || !root.getAsJsonObject().get("validationMessages").isJsonArray()) {
            throw new IllegalArgumentException("the answer has no validationMessages list");
        }
        JsonArray items = root.getAsJsonObject().getAsJsonArray("validationMessages");
        List<ValidationMessage> messages = new ArrayList<>();
        for (JsonElement item : items) {
            if (!item.isJsonObject()) {
                throw new IllegalArgumentException("a validation message is not an object");
            }
            JsonObject message = item.getAsJsonObject();
            messages.add(new ValidationMessage(request, text(message, "fieldPath", masker),
                    text(message, "description", masker), text(message, "validationCode", masker)));
        }
        return messages;
    }

    private static String text(JsonObject message, String key, SecretMasker masker) {
        JsonElement value = message.get(key);
        return value == null || value.isJsonNull() ? "" : masker.errorText(value.isJsonPrimitive() ? value.getAsString()
                : value.toString());
    }
}

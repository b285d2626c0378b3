package org.systemmetrics.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final SecretMasker masker = new SecretMasker(List.of("abc123SECRET", "abc"));

    @Test
    void theQueryParameterIsMaskedWhateverItsValue() {
        assertThat(masker.errorText("POST https://x/mp/collect?measurement_id=G-1&api_secret=unknownValue&y=1"))
                .isEqualTo("POST https://x/mp/collect?measurement_id=G-1&api_secret=***&y=1");
        assertThat(masker.errorText("api_secret%3Dzzz and API_SECRET=yyy"))
                .isEqualTo("api_secret%3D*** and API_SECRET=***");
    }

    @Test
    void aKnownSecretIsMaskedWhereverItAppearsLongestFirst() {
        assertThat(masker.errorText("key abc123SECRET was rejected")).isEqualTo("key *** was rejected");
    }

    @Test
    void errorTextsAreOneLineAndAtMostTwoHundredCharacters() {
        String text = masker.errorText("HTTP 500:\n<html>\r\n" + "word ".repeat(100));

        assertThat(text).hasSize(200).doesNotContain("\n", "\r").startsWith("HTTP 500: <html> word").endsWith("\u2026");
        assertThat(masker.errorText(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theSecretIsMaskedAlsoPercentEncodedAndJsonEscaped() {
        SecretMasker slashes = new SecretMasker(List.of("tok/en+value=1"));

        assertThat(slashes.errorText("a tok%2Fen%2Bvalue%3D1 b")).isEqualTo("a *** b");
        assertThat(slashes.errorText("{\"seen\": \"Bearer tok\\/en+value=1\"}"))
                .isEqualTo("{\"seen\": \"Bearer ***\"}");
        assertThat(slashes.errorText("tok/en+value=1")).isEqualTo("***");
    }
}

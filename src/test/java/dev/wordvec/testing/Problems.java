package dev.wordvec.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the RFC 9457 problems the service answers with. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    /** A 400 problem whose {@code detail} contains {@code detail}. */
    public static void assertBadRequest(Http.Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(CONTENT_TYPE);
        assertThat(response.get("detail").asString()).contains(detail);
    }
}

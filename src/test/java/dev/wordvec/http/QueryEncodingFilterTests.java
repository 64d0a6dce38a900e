package dev.wordvec.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which query strings decode as percent-encoded UTF-8 (the ones a client's URL class may not send). */
class QueryEncodingFilterTests {

    @Test
    void findsThePairThatDoesNotDecode() {
        assertThat(QueryEncodingFilter.firstMistake("k=3&model=%67love&w=caf%C3%A9+au+lait")).isNull();
        assertThat(QueryEncodingFilter.firstMistake("k=3&&flag&w=%F0%9F%98%80")).isNull();
        assertThat(QueryEncodingFilter.firstMistake("k=%G1")).isEqualTo("k=%G1");
        assertThat(QueryEncodingFilter.firstMistake("k=3&m=%")).isEqualTo("m=%");
        assertThat(QueryEncodingFilter.firstMistake("k=%4")).isEqualTo("k=%4");
        assertThat(QueryEncodingFilter.firstMistake("k=1&w=%C3")).as("a cut sequence").isEqualTo("w=%C3");
        assertThat(QueryEncodingFilter.firstMistake("w=%C0%AF")).as("an overlong '/'").isEqualTo("w=%C0%AF");
        assertThat(QueryEncodingFilter.firstMistake("w=%ED%A0%80")).as("a surrogate").isEqualTo("w=%ED%A0%80");
    }
}

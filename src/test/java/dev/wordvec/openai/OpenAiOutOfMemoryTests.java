package dev.wordvec.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.http.OpenAiError;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** An embeddings request that runs out of memory: OpenAI's error shape, a 503 saying what to do. */
class OpenAiOutOfMemoryTests {

    @Test
    void anOutOfMemoryErrorWrappedByMvcIsA503WithItsOwnCode() {
        ResponseEntity<OpenAiError> answer = new OpenAiErrorHandler().unexpected(
                new ServletException("Handler dispatch failed", new OutOfMemoryError("Java heap space")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().error().code()).isEqualTo("out_of_memory");
        assertThat(answer.getBody().error().type()).isEqualTo("server_error");
        assertThat(answer.getBody().error().message()).startsWith("answering this request ran out of memory: the JVM's "
                + "heap, at most ").contains("Send fewer or shorter inputs");
    }

    @Test
    void anyOtherFailureStaysA500() {
        ResponseEntity<OpenAiError> answer = new OpenAiErrorHandler().unexpected(new IllegalStateException("bug"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().error().code()).isNull();
    }
}

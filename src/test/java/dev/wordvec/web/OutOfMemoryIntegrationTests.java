package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.WordvecApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request that runs out of memory is a 503 problem naming the limit and what to do, not a 500
 * "failed to answer (ServletException)", and the service answers the next request. The failing
 * route exists only in this test (a real one needs a heap too small for the rest of the tests).
 */
class OutOfMemoryIntegrationTests {

    @RestController
    static class HungryController {
        @GetMapping("/test-hungry")
        String hungry() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HungryRoute {
        @Bean
        HungryController hungryController() {
            return new HungryController();
        }
    }

    @Test
    void aRequestOutOfMemoryIsA503NamingTheHeapsLimitAndTheServiceGoesOn() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(new Class<?>[] {WordvecApplication.class,
            HungryRoute.class}, new String[] {"--server.port=0",
                "--wordvec.models.tiny.path=src/test/resources/models/phrases.vec"})) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> hungry = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/test-hungry")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(hungry.statusCode()).isEqualTo(503);
            assertThat(hungry.headers().firstValue("Content-Type")).contains("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(hungry.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:wordvec:problem:out-of-memory");
            assertThat(problem.path("title").asString()).isEqualTo("Out of memory");
            assertThat(problem.path("detail").asString()).isEqualTo("answering this request ran out of memory: the "
                    + "JVM's heap, at most " + (Runtime.getRuntime().maxMemory() >> 20) + " MB here (-Xmx, by default "
                    + "a quarter of the machine's or the container's memory) cannot hold it beside the requests "
                    + "running with it. Send fewer or shorter inputs in a request, or give the service more memory");

            HttpResponse<String> next = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }
}

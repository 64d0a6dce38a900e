package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.WordvecApplication;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shutdown as SIGTERM starts it (the context closing): a request already in flight is answered,
 * and the port stops taking new connections. The slow route exists only in this test.
 */
class GracefulShutdownIntegrationTests {

    private static final CountDownLatch IN_FLIGHT = new CountDownLatch(1);

    @RestController
    static class SlowController {
        @GetMapping("/test-slow")
        String slow() throws InterruptedException {
            IN_FLIGHT.countDown();
            Thread.sleep(5000);
            return "finished";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowRoute {
        @Bean
        SlowController slowController() {
            return new SlowController();
        }
    }

    @Test
    void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(new Class<?>[] {WordvecApplication.class,
            SlowRoute.class}, new String[] {"--server.port=0",
                "--wordvec.models.tiny.path=src/test/resources/models/phrases.vec"});
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test-slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(IN_FLIGHT.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(context::close);
        closer.start();
        // While the slow request is still running, new ones soon stop being served (how soon
        // depends on how busy the machine is: the close runs its other steps first).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
        IOException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                        .timeout(java.time.Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                Thread.sleep(100);
            } catch (IOException e) {
                refused = e;
            }
        }
        assertThat(refused).as("a new request refused while the slow one runs").isNotNull();
        assertThat(slow).isNotDone();
        HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        closer.join(10_000);
        assertThat(context.isActive()).isFalse();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}

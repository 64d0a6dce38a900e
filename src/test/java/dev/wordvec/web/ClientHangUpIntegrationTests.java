package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.http.HungUpCallers;
import dev.wordvec.testing.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A caller that hangs up before its answer is written (its own time-out, under load) is routine
 * for a sidecar: the service goes on answering, and its log gets no warning for each one, only a
 * DEBUG line from {@link HungUpCallers}, on a route MVC answers and on one answered in front of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ClientHangUpIntegrationTests {

    private static final LoggingSystem LOGGING = LoggingSystem.get(ClientHangUpIntegrationTests.class.getClassLoader());

    @LocalServerPort
    int port;

    @AfterEach
    void quietAgain() {
        LOGGING.setLogLevel(HungUpCallers.class.getName(), null);
    }

    @Test
    void aCallerThatHangsUpMidAnswerIsNotAWarning(CapturedOutput output) throws Exception {
        LOGGING.setLogLevel(HungUpCallers.class.getName(), LogLevel.DEBUG);
        Http http = new Http(port);
        String words = http.get("/models/demo/words?limit=1000").get("words").toString();
        // Answers far larger than the sockets' buffers, so that they are still being written when the caller goes:
        // the vectors of 1,000 words (MVC's route), and 2,000 texts' embeddings (a direct route).
        hangUps(http, "/vectors", "{\"words\": " + words + "}");
        String texts = String.join(",", Collections.nCopies(2000, "\"the king\""));
        hangUps(http, "/v1/embeddings", "{\"model\": \"demo\", \"input\": [" + texts + "]}");

        assertThat(http.post("/similarity", "{\"word1\": \"king\", \"word2\": \"queen\"}").status()).isEqualTo(200);
        assertThat(output.getOut()).doesNotContain("Response already committed");
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .noneMatch(line -> line.contains("dev.wordvec."));
        assertThat(output.getOut().lines().filter(line -> line.contains(" DEBUG ")))
                .anyMatch(line -> line.contains("POST /vectors: the caller went before its answer was written"))
                .anyMatch(line -> line.contains("POST /v1/embeddings: the caller went before its answer was written"));
    }

    /** Five callers that hang up on {@code path}; returns once the service has finished with them. */
    private void hangUps(Http http, String path, String body) throws Exception {
        Http.Response whole = http.post(path, body);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body().length()).isGreaterThan(800_000);
        double[] before = requests(http, path);
        int callers = 5;
        for (int i = 0; i < callers; i++) {
            hangUpAfterFirstBytes(path, body);
        }
        // The metrics count a request once its handling (and any log line about it) is over.
        for (int i = 0; i < 200 && requests(http, path)[0] < before[0] + callers; i++) {
            Thread.sleep(25);
        }
        double[] after = requests(http, path);
        assertThat(after[0]).isEqualTo(before[0] + callers);
        assertThat(after[1]).as("answers on %s broken off by their callers", path).isGreaterThan(before[1]);
    }

    /** Sends the request, reads the first bytes of the answer and closes the connection. */
    private void hangUpAfterFirstBytes(String path, String body) throws IOException {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            assertThat(socket.getInputStream().readNBytes(100)).hasSize(100);
        }
    }

    /** The requests on {@code path} the metrics count: all of them, and those whose answer broke off. */
    private static double[] requests(Http http, String path) {
        Matcher count = Pattern.compile("http_server_requests_seconds_count\\{[^}]*exception=\"([^\"]*)\"[^}]*uri=\""
                + Pattern.quote(path) + "\"} ([0-9.]+)").matcher(http.get("/actuator/prometheus").body());
        double[] counts = new double[2];
        while (count.find()) {
            double n = Double.parseDouble(count.group(2));
            counts[0] += n;
            counts[1] += count.group(1).equals("IOException") ? n : 0;
        }
        return counts;
    }
}

package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code wordvec.http.access-log}: a line a request in the service's log, for the routes, the
 * problems (also one Tomcat refuses before Spring sees it) and not for a probe that succeeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.http.access-log=true",
})
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTests extends RunningService {

    @Test
    void eachRequestIsALineWithItsStatusBytesTimeAndClient(CapturedOutput output) throws Exception {
        var vector = http.get("/vector/king?model=demo");
        assertThat(vector.status()).isEqualTo(200);
        var unknown = http.post("/similarity", "{\"word1\": \"king\", \"word2\": \"zzqx\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(rawStatusLine("GET /vector/%zz HTTP/1.1")).startsWith("HTTP/1.1 400");

        List<String> lines = waitForLines(output, 3);
        assertThat(lines.get(0)).matches(Pattern.quote("GET /vector/king?model=demo: 200 (" + vector.body()
                .getBytes(StandardCharsets.UTF_8).length + " B in ") + "[0-9]+\\.[0-9]{2} ms\\) from 127\\.0\\.0\\.1");
        assertThat(lines.get(1)).matches(Pattern.quote("POST /similarity: 404 (" + unknown.body()
                .getBytes(StandardCharsets.UTF_8).length + " B in ") + ".*");
        // Refused by Tomcat before Spring: logged too, with the problem it answered.
        assertThat(lines.get(2)).startsWith("GET /vector/%zz: 400 (");
        assertThat(lines).noneMatch(line -> line.contains("/livez"));
    }

    /** The log's lines from the access logger, in order, once there are {@code count} of them. */
    private static List<String> waitForLines(CapturedOutput output, int count) throws InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.size() < count; i++) {
            // Tomcat logs a request after its answer is sent: the client may read it first.
            Thread.sleep(20);
            lines = output.getOut().lines().filter(line -> line.contains("dev.wordvec.access"))
                    .map(line -> line.substring(line.indexOf(" : ") + 3)).toList();
        }
        assertThat(lines).hasSize(count);
        return lines;
    }

    /** Sends a request line that an HTTP client would not send as it is; returns the answer's first line. */
    private String rawStatusLine(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }
}

package dev.wordvec.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** For tests against the service on its random port: {@link #http} is a client for it. */
public abstract class RunningService {

    @LocalServerPort
    protected int port;

    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }
}

package dev.wordvec.download;

import java.io.IOException;
import java.net.URI;

/**
 * A download that did not give a complete, verified file. The message is the URL and the reason;
 * {@link #reason()} is the reason alone, for a message that names the URL already.
 */
public final class DownloadException extends IOException {

    private final String reason;

    public DownloadException(URI url, String reason) {
        super(url + ": " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

package dev.wordvec.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A growable read buffer over a stream, shared by the text and binary parsers. Parsers work on
 * the bytes in place (no String per line) and ask for the offset when they need to report where
 * a problem is.
 */
final class ByteInput implements Closeable {

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private boolean eof;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** Makes at least {@code n} bytes available from the current position unless the stream ends first; returns how many are available. */
    int fill(int n) throws IOException {
        if (limit - pos >= n) {
            return limit - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (limit < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos;
    }

    /**
     * Index (relative to the position) of the next {@code target} byte, reading on as needed; -1
     * when the stream ends without one, -2 when none is found within {@code maxLength} bytes.
     */
    int indexOf(byte target, int maxLength) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == target) {
                    return i - pos;
                }
            }
            scanned = limit - pos;
            if (scanned > maxLength) {
                return -2;
            }
            if (eof || fill(scanned + (1 << 16)) == scanned) {
                return -1;
            }
        }
    }

    /** How many {@code target} bytes the buffer holds from the current position on (no reading). */
    int countBuffered(byte target) {
        int count = 0;
        for (int i = pos; i < limit; i++) {
            if (buf[i] == target) {
                count++;
            }
        }
        return count;
    }

    /** Bytes buffered from the position on. */
    int available() {
        return limit - pos;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    /** The byte at {@code i} past the position; it must be available. */
    byte peek(int i) {
        return buf[pos + i];
    }

    byte[] array() {
        return buf;
    }

    /** Array index of the current position, valid until the next fill. */
    int position() {
        return pos;
    }

    void skip(int n) {
        pos += n;
    }

    /** Offset of the current position in the stream. */
    long offset() {
        return base + pos;
    }

    /** The bytes from the position on, as a stream that consumes them (for a reader that wants one: gensim's pickle). */
    InputStream asStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (fill(1) < 1) {
                    return -1;
                }
                return buf[pos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (fill(1) < 1) {
                    return -1;
                }
                int n = Math.min(len, limit - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

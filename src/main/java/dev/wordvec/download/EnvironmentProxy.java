package dev.wordvec.download;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy a download goes through, from the variables curl, wget, pip and huggingface_hub read:
 * {@code https_proxy} / {@code HTTPS_PROXY} for https URLs, {@code http_proxy} (lower case only, as
 * curl reads it) for http ones, {@code all_proxy} / {@code ALL_PROXY} for either, and
 * {@code no_proxy} / {@code NO_PROXY} for the hosts reached directly. The JDK's HTTP client reads
 * none of them (only Java's own {@code https.proxyHost} properties), so a cluster that reaches the
 * internet through a proxy got "cannot connect". Java's properties, when set, still win.
 *
 * @param https the proxy for https URLs, or null
 * @param http the proxy for http URLs, or null
 * @param direct the {@code no_proxy} entries
 * @param httpsProblem why the variable naming the https proxy cannot be used, or null
 * @param httpProblem why the variable naming the http proxy cannot be used, or null
 */
record EnvironmentProxy(URI https, URI http, List<String> direct, String httpsProblem, String httpProblem) {

    private static final String TUNNELING_DISABLED = "jdk.http.auth.tunneling.disabledSchemes";

    /** The proxies the environment names, or null when it names none (or Java's properties are set). */
    static EnvironmentProxy from(Map<String, String> environment) {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null
                || Boolean.getBoolean("java.net.useSystemProxies")) {
            return null;
        }
        // Upper-case HTTP_PROXY is left alone, as curl leaves it: a CGI program finds a request's
        // Proxy header there (httpoxy).
        String[] problems = new String[2];
        URI httpsProxy = proxy(environment, problems, 0, "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");
        URI httpProxy = proxy(environment, problems, 1, "http_proxy", "all_proxy", "ALL_PROXY");
        if (httpsProxy == null && httpProxy == null && problems[0] == null && problems[1] == null) {
            return null;
        }
        List<String> direct = new ArrayList<>();
        String noProxy = environment.getOrDefault("no_proxy", environment.get("NO_PROXY"));
        for (String entry : noProxy == null ? new String[0] : noProxy.split(",")) {
            String host = entry.strip().toLowerCase(Locale.ROOT);
            if (!host.isEmpty()) {
                direct.add(host);
            }
        }
        return new EnvironmentProxy(httpsProxy, httpProxy, List.copyOf(direct), problems[0], problems[1]);
    }

    /**
     * The first of the {@code variables} set, as a proxy: {@code http://host:port} or
     * {@code host:port}. Null when none is set, or when the one set cannot be used: a proxy spoken
     * to over TLS or SOCKS, or no URL; {@code problems[slot]} then says why.
     */
    private static URI proxy(Map<String, String> environment, String[] problems, int slot, String... variables) {
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(value.contains("://") ? value.strip() : "http://" + value.strip());
            } catch (URISyntaxException e) {
                problems[slot] = variable + " is '" + value + "', not a URL: " + e.getReason();
                return null;
            }
            if (uri.getHost() == null) {
                problems[slot] = variable + " is '" + value + "', which names no host that Java's HTTP client "
                        + "takes (a host name of letters, digits, '-' and '.', or an address)";
            } else if (!uri.getScheme().equalsIgnoreCase("http")) {
                problems[slot] = variable + " is '" + value + "': wordvec's downloads go through an http:// proxy "
                        + "(host and port) only, not " + uri.getScheme() + ":// (Java's HTTP client has no TLS to a "
                        + "proxy and no SOCKS)";
            }
            return problems[slot] == null ? uri : null;
        }
        return null;
    }

    /** Why a request for {@code url} cannot go out: the proxy it would take cannot be used; else null. */
    String problem(URI url) {
        return isDirect(url.getHost()) ? null : isSecure(url) ? httpsProblem : httpProblem;
    }

    /** The proxy a request for {@code url} goes through: {@code host:port} and the variable; null: direct. */
    String through(URI url) {
        URI proxy = proxyFor(url);
        return proxy == null ? null : proxy.getHost() + ":" + port(proxy) + " (from "
                + (isSecure(url) ? "https_proxy" : "http_proxy") + " or all_proxy)";
    }

    /** The proxy a request for {@code url} goes through, or null: direct. */
    private URI proxyFor(URI url) {
        return isDirect(url.getHost()) ? null : isSecure(url) ? https : http;
    }

    private static boolean isSecure(URI url) {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    private static int port(URI proxy) {
        return proxy.getPort() < 0 ? 80 : proxy.getPort();
    }

    /** Sets a client's proxies: the selector, and the credentials when a variable names them. */
    void configure(HttpClient.Builder client) {
        client.proxy(selector());
        Authenticator authenticator = authenticator();
        if (authenticator != null) {
            // Java turns Basic off for an https URL's tunnel; credentials written into the variable
            // are sent there as curl and pip send them, unless the command line set the property.
            if (System.getProperty(TUNNELING_DISABLED) == null) {
                System.setProperty(TUNNELING_DISABLED, "");
            }
            client.authenticator(authenticator);
        }
    }

    /** The selector for a client: through the proxy, or direct for a host {@code no_proxy} names. */
    ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                URI proxy = proxyFor(uri);
                return List.of(proxy == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(proxy.getHost(), port(proxy))));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // The request fails and says so; there is no other proxy to try.
            }
        };
    }

    /**
     * Whether the host is reached directly: this machine, or a host {@code no_proxy} names with
     * {@code *}, the host itself, a domain it is in (with or without the leading dot, as curl takes
     * {@code example.com} and {@code .example.com} alike), or an IPv4 block ({@code 10.0.0.0/8})
     * holding the address it is written as.
     */
    boolean isDirect(String host) {
        if (host == null) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        // This machine itself never goes through a proxy (as Go's clients decide too).
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1")
                || inBlock(name, "127.0.0.0/8")) {
            return true;
        }
        for (String entry : direct) {
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            if (entry.equals("*") || name.equals(domain) || name.endsWith("." + domain)
                    || (domain.contains("/") && inBlock(name, domain))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(String host, String block) {
        long address = ipv4(host);
        int slash = block.indexOf('/');
        long network = ipv4(block.substring(0, slash));
        if (address < 0 || network < 0 || !block.substring(slash + 1).matches("\\d{1,2}")) {
            return false;
        }
        int bits = Integer.parseInt(block.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - Math.min(bits, 32))) & 0xFFFFFFFFL;
        return (address & mask) == (network & mask);
    }

    private static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            int octet = part.matches("\\d{1,3}") ? Integer.parseInt(part) : 256;
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /**
     * The proxies' user and password ({@code http://user:secret@proxy:3128}), answered when a proxy
     * asks (407), or null when neither names one.
     */
    Authenticator authenticator() {
        String https = this.https == null ? null : this.https.getUserInfo();
        String http = this.http == null ? null : this.http.getUserInfo();
        if (https == null && http == null) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                String userInfo = "https".equalsIgnoreCase(getRequestingURL().getProtocol()) && https != null ? https
                        : http != null ? http : https;
                int colon = userInfo.indexOf(':');
                return new PasswordAuthentication(colon < 0 ? userInfo : userInfo.substring(0, colon),
                        (colon < 0 ? "" : userInfo.substring(colon + 1)).toCharArray());
            }
        };
    }
}

package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy variables read as curl reads them. */
class EnvironmentProxyTests {

    private static String chosen(EnvironmentProxy proxy, String url) {
        Proxy chosen = proxy.selector().select(URI.create(url)).get(0);
        if (chosen.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress address = (InetSocketAddress) chosen.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Test
    void eachSchemeHasItsVariableAndAllProxyTheRest() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://secure.proxy:3128",
                "ALL_PROXY", "other.proxy:8080"));
        assertThat(chosen(proxy, "https://huggingface.co/api/models")).isEqualTo("secure.proxy:3128");
        assertThat(chosen(proxy, "http://mirror.example.com/x.vec")).isEqualTo("other.proxy:8080");
        // Upper-case HTTP_PROXY is not read (httpoxy), as curl does not read it; without a port, 80.
        EnvironmentProxy lower = EnvironmentProxy.from(Map.of("HTTP_PROXY", "http://ignored:1", "https_proxy",
                "http://p.example"));
        assertThat(chosen(lower, "http://mirror.example.com/x.vec")).isEqualTo("direct");
        assertThat(chosen(lower, "https://huggingface.co/")).isEqualTo("p.example:80");
        assertThat(EnvironmentProxy.from(Map.of("HTTP_PROXY", "http://ignored:1"))).isNull();
        assertThat(EnvironmentProxy.from(Map.of())).isNull();
    }

    @Test
    void noProxyNamesHostsDomainsAndBlocks() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("https_proxy", "http://p:3128", "NO_PROXY",
                "localhost,.svc, cluster.local ,10.0.0.0/8,Mirror.Example.COM"));
        for (String url : List.of("https://localhost/x", "https://models.ns.svc/x", "https://a.b.cluster.local/x",
                "https://10.1.2.3/x", "https://mirror.example.com/x", "https://sub.mirror.example.com/x")) {
            assertThat(chosen(proxy, url)).as(url).isEqualTo("direct");
        }
        for (String url : List.of("https://huggingface.co/x", "https://11.1.2.3/x", "https://notsvc/x",
                "https://example.com/x", "https://xcluster.local/x")) {
            assertThat(chosen(proxy, url)).as(url).isEqualTo("p:3128");
        }
        EnvironmentProxy none = EnvironmentProxy.from(Map.of("https_proxy", "http://p:3128", "no_proxy", "*"));
        assertThat(chosen(none, "https://huggingface.co/x")).isEqualTo("direct");
    }

    @Test
    void credentialsAreAnsweredAndAProxyOverTlsOrSocksIsRefusedWhereItWouldBeUsed() {
        assertThat(EnvironmentProxy.from(Map.of("https_proxy", "http://user:s%40cret@p:3128")).authenticator())
                .isNotNull();
        assertThat(EnvironmentProxy.from(Map.of("https_proxy", "http://p:3128")).authenticator()).isNull();
        EnvironmentProxy socks = EnvironmentProxy.from(Map.of("https_proxy", "socks5://p:1080", "no_proxy",
                "mirror.internal"));
        assertThat(socks.problem(URI.create("https://huggingface.co/x"))).startsWith("https_proxy is "
                + "'socks5://p:1080': wordvec's downloads go through an http:// proxy (host and port) only");
        assertThat(socks.problem(URI.create("https://mirror.internal/x"))).isNull();
        assertThat(socks.problem(URI.create("http://huggingface.co/x"))).as("no http proxy named").isNull();
        assertThat(EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://bad host:1")).problem(URI.create(
                "https://huggingface.co/"))).startsWith("HTTPS_PROXY is 'http://bad host:1', not a URL");
    }

    /** This machine is never reached through a proxy, whatever no_proxy says (tests, a local mirror). */
    @Test
    void thisMachineIsReachedDirectly() {
        EnvironmentProxy proxy = EnvironmentProxy.from(Map.of("https_proxy", "http://p:3128", "http_proxy",
                "http://p:3128"));
        for (String url : List.of("http://127.0.0.1:8080/x", "https://localhost/x", "http://[::1]:80/x",
                "http://127.1.2.3/x", "http://mirror.localhost/x")) {
            assertThat(chosen(proxy, url)).as(url).isEqualTo("direct");
        }
        assertThat(chosen(proxy, "http://128.0.0.1/x")).isEqualTo("p:3128");
    }
}

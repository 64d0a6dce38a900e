package dev.wordvec.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python's own pickles of one structure, in protocols 2 to 5 (written by
 * {@code src/test/python/gensim_native.py}), read back into the values Python put in.
 */
class PickleTests {

    private static Object read(byte[] bytes) throws Exception {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return Pickle.read(in);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void valuesComeBackAsPythonWroteThem(int protocol) throws Exception {
        Map<?, ?> values = (Map<?, ?>) read(Files.readAllBytes(Path.of("src/test/resources/gensim/native/values-p"
                + protocol + ".pkl")));
        assertThat(List.<Object>copyOf(values.keySet())).containsExactly("ints", "float", "str", "bytes", "bytearray", "tuple", "empty",
                "set", "frozenset", "none", "bools", "nested", "shared", "again");
        assertThat(values.get("ints")).isEqualTo(List.of(0L, 255L, 65535L, -1L, 2147483648L, -1099511627776L,
                BigInteger.TWO.pow(70)));
        assertThat(values.get("float")).isEqualTo(1.5);
        assertThat(values.get("str")).isEqualTo("naïve ü");
        if (protocol >= 3) {
            assertThat((byte[]) values.get("bytes")).containsExactly(0x00, 0xff);
        } else {
            // Protocol 2 has no bytes: Python pickles them as a call of _codecs.encode.
            assertThat(((Pickle.Instance) values.get("bytes")).type).isEqualTo(new Pickle.Global("_codecs", "encode"));
        }
        assertThat(values.get("tuple")).isEqualTo(List.of(1L, "a"));
        assertThat(values.get("empty")).isEqualTo(List.of());
        assertThat(values.containsKey("none")).isTrue();
        assertThat(values.get("none")).isNull();
        assertThat(values.get("bools")).isEqualTo(List.of(true, false));
        Map<?, ?> nested = (Map<?, ?>) ((List<?>) ((Map<?, ?>) values.get("nested")).get("k")).get(1);
        assertThat(nested.get("x")).isEqualTo(2.25);
        assertThat(values.get("shared")).isSameAs(values.get("again")).isEqualTo(List.of(1L, 2L));
        if (protocol >= 4) {
            assertThat(values.get("set")).isEqualTo(Set.of(3L));
            assertThat(values.get("frozenset")).isEqualTo(Set.of(4L));
        } else {
            // Before protocol 4 a set is pickled as a call of builtins.set on a list.
            assertThat(values.get("set")).isInstanceOf(Pickle.Instance.class);
        }
        if (protocol == 5) {
            assertThat((byte[]) values.get("bytearray")).containsExactly('a', 'b');
        }
    }

    @Test
    void aLargeDictIsHashedOnFirstUseAndKeepsItsOrder() {
        Pickle.Dict dict = new Pickle.Dict();
        for (long i = 0; i < 1000; i++) {
            dict.put("k" + i, i);
        }
        dict.put("k5", -5L);
        assertThat(dict.get("k999")).isEqualTo(999L);
        assertThat(dict.get("k5")).isEqualTo(-5L);
        assertThat(dict.containsKey("nope")).isFalse();
        assertThat(dict.keySet().iterator().next()).isEqualTo("k0");
        assertThat(dict).hasSize(1000);
    }

    @Test
    void malformedPicklesFailWithTheirOffset() {
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x80, 4, 'K', 1})).isInstanceOf(Pickle.PickleException.class)
                .hasMessageContaining("STOP");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x80, 4, 'h', 7, '.'}))
                .hasMessageContaining("memo entry 7");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x80, 4, 'Q', '.'}))
                .hasMessageContaining("persistent ids");
        assertThatThrownBy(() -> read(new byte[] {'(', 'I', '1', '\n', '.'}))
                .hasMessageContaining("protocol 0 or 1");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x80, 9}))
                .hasMessageContaining("protocol 9");
        Pickle.PickleException e = org.junit.jupiter.api.Assertions.assertThrows(Pickle.PickleException.class,
                () -> read(new byte[] {(byte) 0x80, 4, 'K', 1, 'K', 2, 'a', '.'}));
        assertThat(e.offset).isEqualTo(6);
        assertThat(e.getMessage()).contains("appending to a Long");
    }
}

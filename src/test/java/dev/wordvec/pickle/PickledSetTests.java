package dev.wordvec.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PickledSetTests {

    private static Pickle.Instance written(List<String> words) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PickledSet.write(words.size(), i -> words.get(i).getBytes(StandardCharsets.UTF_8), out);
        return (Pickle.Instance) Pickle.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<Object> items(Pickle.Instance set) {
        assertThat(set.type).isEqualTo(new Pickle.Global("__builtin__", "set"));
        assertThat(set.args).hasSize(1);
        return new ArrayList<>((Collection<?>) set.args.get(0));
    }

    @Test
    void wordsOfEveryScriptComeBackInOrderAcrossBatches() throws IOException {
        List<String> words = new ArrayList<>(IntStream.range(0, 2500).mapToObj(i -> "w" + i).toList());
        words.addAll(List.of("Straße", "раскольников", "例如", "𝔘𝔫𝔦", "", "a b"));
        assertThat(items(written(words))).isEqualTo(words);
    }

    @Test
    void anEmptyVocabularyIsAnEmptySet() throws IOException {
        assertThat(items(written(List.of()))).isEmpty();
    }

    /**
     * A set as Python's protocol 2 pickles one (Python 3's {@code pickletools.dis} of
     * {@code pickle.dumps(set(['a']), protocol=2)}: GLOBAL, EMPTY_LIST, the items, TUPLE1, REDUCE),
     * its items always in a MARK ... APPENDS batch and without the memo opcodes, which only help a
     * pickle refer back to a value; {@code pickle.loads} of these bytes gives {'a'}.
     */
    @Test
    void theBytesArePythonsProtocol2() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PickledSet.write(1, i -> new byte[] {'a'}, out);
        assertThat(out.toByteArray()).containsExactly(0x80, 2, 'c', '_', '_', 'b', 'u', 'i', 'l', 't', 'i', 'n',
                '_', '_', '\n', 's', 'e', 't', '\n', ']', '(', 'X', 1, 0, 0, 0, 'a', 'e', 0x85, 'R', '.');
    }
}

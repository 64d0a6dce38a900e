package dev.wordvec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutOfMemoryTests {

    @Test
    void theHeapsLimitIsNamedWithALargerOneToTry() {
        assertThat(OutOfMemory.advice("train", new OutOfMemoryError("Java heap space"), 300L << 20))
                .isEqualTo("train ran out of memory (Java heap space): the JVM's heap is at most 300 MB here (-Xmx; by "
                        + "default a quarter of the machine's memory). Give it more, as java -Xmx1g -jar wordvec.jar "
                        + "train ...");
        assertThat(OutOfMemory.advice("reduce", new OutOfMemoryError("Java heap space"), 6L << 30))
                .endsWith("java -Xmx12g -jar wordvec.jar reduce ...");
    }

    @Test
    void directBufferMemoryNamesItsOwnFlag() {
        assertThat(OutOfMemory.advice("convert", new OutOfMemoryError("Cannot reserve 4096 bytes of direct buffer "
                + "memory (allocated: 1, limit: 2)"), 2L << 30))
                .contains("the JVM's direct buffer memory is at most 2048 MB here (-XX:MaxDirectMemorySize, by default "
                        + "the heap's limit;").endsWith("java -XX:MaxDirectMemorySize=4g -jar wordvec.jar convert ...");
    }

    @Test
    void aTrainingThreadsErrorIsFoundBehindItsWrapper() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        assertThat(OutOfMemory.in(new IllegalStateException(new RuntimeException(error)))).isSameAs(error);
        assertThat(OutOfMemory.in(new IllegalStateException("other"))).isNull();
    }
}

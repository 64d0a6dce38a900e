package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ScratchBuffersTests {

    @Test
    void aBufferGivenBackIsLentAgainAndNoMoreThanTheMostAreMade() {
        ScratchBuffers buffers = new ScratchBuffers(4_096, 2);
        ByteBuffer first = buffers.take();
        ByteBuffer second = buffers.take();
        assertThat(first).isNotSameAs(second);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.capacity()).isEqualTo(4_096);
        assertThat(first.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(buffers.take()).as("a third while two are lent").isNull();
        buffers.give(second);
        assertThat(buffers.take()).isSameAs(second);
        buffers.give(first);
        buffers.give(second);
        assertThat(buffers.take()).isNotNull();
        assertThat(buffers.take()).isNotNull();
        assertThat(buffers.take()).isNull();
        assertThat(buffers.made()).isEqualTo(2);
    }

    @Test
    void noneAreKeptWhenTheMostIsZero() {
        assertThat(new ScratchBuffers(1_024, 0).take()).isNull();
    }
}

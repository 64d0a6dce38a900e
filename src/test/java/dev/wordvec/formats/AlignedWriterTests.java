package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Converted files are written in stretches that start and end on 2 MiB boundaries, so that the
 * page cache can hold them in 2 MiB folios (mapped with one page-table entry each): every write
 * but the first and the last covers exactly one such stretch, and the bytes are those given.
 */
class AlignedWriterTests {

    private record Write(long position, int length) {
    }

    @Test
    void everyWriteButTheEndsCoversOneAlignedStretch() throws Exception {
        Random random = new Random(20261204L);
        for (long start : new long[] {0, 4096, 3, AlignedWriter.CHUNK - 8, 5L * AlignedWriter.CHUNK + 100}) {
            List<Write> writes = new ArrayList<>();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            AlignedWriter out = new AlignedWriter((bytes, position) -> {
                assertThat(position).isEqualTo(start + file.size());
                writes.add(new Write(position, bytes.remaining()));
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                file.write(copy);
            }, start, null);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            // Bytes of any length, then floats, repeatedly (aligned to 4 as in converted files, or not).
            for (int part = 0; part < 12; part++) {
                byte[] bytes = new byte[random.nextInt(3) == 0 ? random.nextInt(3 * AlignedWriter.CHUNK) : random.nextInt(5000)];
                random.nextBytes(bytes);
                out.write(ByteBuffer.wrap(bytes));
                expected.write(bytes);
                int pad = part % 3 == 0 ? 0 : (int) ((4 - out.position() % 4) % 4);
                out.write(ByteBuffer.allocate(pad));
                expected.write(new byte[pad]);
                float[] values = new float[1 + random.nextInt(400_000)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextFloat();
                }
                int offset = random.nextInt(values.length);
                out.write(values, offset, values.length - offset);
                ByteBuffer little = ByteBuffer.allocate(4 * (values.length - offset)).order(ByteOrder.LITTLE_ENDIAN);
                little.asFloatBuffer().put(values, offset, values.length - offset);
                expected.write(little.array());
            }
            out.flush();
            assertThat(file.toByteArray()).as("from %d", start).isEqualTo(expected.toByteArray());
            assertThat(out.position()).isEqualTo(start + expected.size());
            assertThat(writes.size()).isGreaterThan(3);
            for (Write write : writes.subList(1, writes.size() - 1)) {
                assertThat(write.position() % AlignedWriter.CHUNK).as("%s from %d", write, start).isZero();
                assertThat(write.length()).as("%s from %d", write, start).isEqualTo(AlignedWriter.CHUNK);
            }
            assertThat(writes.get(0).position() + writes.get(0).length()).as("from %d", start)
                    .isEqualTo(Math.min((start / AlignedWriter.CHUNK + 1) * AlignedWriter.CHUNK, start + expected.size()));
        }
    }

    @Test
    void theChecksumCoversEveryByteWrittenInOrder() throws Exception {
        CRC32C checksum = new CRC32C();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        AlignedWriter out = new AlignedWriter((bytes, position) -> {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            file.write(copy);
        }, 4096, checksum);
        float[] row = new float[300];
        for (int r = 0; r < 20_000; r++) {
            row[r % 300] = r;
            out.write(row, 0, row.length);
        }
        out.flush();
        CRC32C expected = new CRC32C();
        expected.update(file.toByteArray());
        assertThat(file.size()).isEqualTo(20_000 * 300 * 4);
        assertThat(checksum.getValue()).isEqualTo(expected.getValue());
    }
}

package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of several parse batches (about 4 MB each), so that rows, line numbers, duplicates and
 * blank lines are checked across the batches the worker threads parse.
 */
class LargeTextFileTests {

    private static final int ROWS = 40_000;
    private static final int DIM = 25;

    @TempDir
    static Path tmp;

    static String[] lines;

    @BeforeAll
    static void generate() {
        Random random = new Random(7);
        lines = new String[ROWS];
        for (int r = 0; r < ROWS; r++) {
            StringBuilder line = new StringBuilder("w").append(r);
            for (int d = 0; d < DIM; d++) {
                line.append(' ').append(random.nextGaussian());
            }
            lines[r] = line.toString();
        }
    }

    private static Path write(String name, String header, String[] body) throws IOException {
        Path file = tmp.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (header != null) {
                out.write(header + "\n");
            }
            for (String line : body) {
                out.write(line + "\n");
            }
        }
        return file;
    }

    private static ParsedVectors read(Path file) throws ModelFileException {
        return ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, p -> { });
    }

    @Test
    void everyRowOfAManyBatchFileIsParsedAsGensimParsesIt() throws Exception {
        Path file = write("big.txt", null, lines);
        assertThat(Files.size(file)).isGreaterThan(3 * (4 << 20));
        ParsedVectors parsed = read(file);
        assertThat(parsed.format()).isEqualTo(ModelFormat.GLOVE);
        assertThat(parsed.vocabulary().size()).isEqualTo(ROWS);
        float[] row = new float[DIM];
        for (int r = 0; r < ROWS; r++) {
            String[] parts = lines[r].split(" ");
            assertThat(parsed.vocabulary().word(r)).isEqualTo(parts[0]);
            parsed.matrix().read(r, row, 0);
            for (int d = 0; d < DIM; d++) {
                assertThat(row[d]).isEqualTo((float) Double.parseDouble(parts[d + 1]));
            }
        }
    }

    @Test
    void anErrorLateInTheFileNamesItsLine() throws Exception {
        String[] body = lines.clone();
        body[35_000] = body[35_000].replaceFirst(" \\S+$", " 1.2.3");
        assertThatThrownBy(() -> read(write("late.txt", ROWS + " " + DIM, body)))
                .hasMessageEndingWith("line 35002: value 25 ('1.2.3') is not a number");
    }

    @Test
    void theFirstErrorInTheFileIsTheOneReported() throws Exception {
        String[] body = lines.clone();
        body[30_000] = "w30000 1 2";
        body[2_000] = "w2000 x";
        assertThatThrownBy(() -> read(write("two.txt", null, body))).hasMessageEndingWith("line 2001: expected 25 "
                + "values after the word, found 1");
    }

    @Test
    void aBlankLineInsideTheFileIsAnErrorAtThatLineAndBlankLinesAtTheEndAreNot() throws Exception {
        String[] body = lines.clone();
        body[25_000] = "";
        body[25_001] = "  ";
        assertThatThrownBy(() -> read(write("blank.txt", null, body))).hasMessageEndingWith("line 25001: empty line "
                + "inside the file");
        String[] trailing = java.util.Arrays.copyOf(lines, ROWS + 3);
        trailing[ROWS] = "";
        trailing[ROWS + 1] = "";
        trailing[ROWS + 2] = "";
        assertThat(read(write("trailing.txt", null, trailing)).vocabulary().size()).isEqualTo(ROWS);
    }

    @Test
    void aDuplicateInALaterBatchKeepsTheFirstRowAndTheHeaderCountsIt() throws Exception {
        String[] body = lines.clone();
        body[39_000] = body[39_000].replaceFirst("^w39000 ", "w5 ");
        ParsedVectors parsed = read(write("dup.txt", ROWS + " " + DIM, body));
        assertThat(parsed.vocabulary().size()).isEqualTo(ROWS - 1);
        assertThat(parsed.duplicates()).isEqualTo(1);
        float[] row = new float[DIM];
        parsed.matrix().read(parsed.vocabulary().rowOf("w5"), row, 0);
        assertThat(row[0]).isEqualTo((float) Double.parseDouble(lines[5].split(" ")[1]));
        assertThat(parsed.vocabulary().word(39_000)).isEqualTo("w39001");
    }

    @Test
    void theHeaderCountIsCheckedAcrossBatches() throws Exception {
        assertThatThrownBy(() -> read(write("more.txt", (ROWS - 10) + " " + DIM, lines)))
                .hasMessageEndingWith("line " + (ROWS - 10 + 2) + ": the header announces " + (ROWS - 10)
                        + " rows, but the file goes on after them");
        assertThatThrownBy(() -> read(write("fewer.txt", (ROWS + 1) + " " + DIM, lines)))
                .hasMessageContaining("unexpected end of file after " + ROWS + " of the " + (ROWS + 1) + " rows");
    }

    @Test
    void progressIsReportedWhileALongLoadIsUnderWay() throws Exception {
        Path pipe = tmp.resolve("slow.txt");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (Writer out = Files.newBufferedWriter(pipe, StandardCharsets.UTF_8)) {
                for (int r = 0; r < ROWS; r++) {
                    out.write(lines[r] + "\n");
                    if (r == ROWS / 2) {
                        // A pause mid-file, as a slow disk or network would make, longer than the report interval.
                        out.flush();
                        Thread.sleep(1500);
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        java.util.List<LoadProgress> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ParsedVectors parsed = ModelReader.read(ModelSource.of(pipe.toString()), ModelFormat.AUTO, reports::add);
        writer.join();
        assertThat(parsed.vocabulary().size()).isEqualTo(ROWS);
        assertThat(reports).anySatisfy(p -> assertThat(p.rows()).isBetween(1L, ROWS - 1L));
        assertThat(reports.get(reports.size() - 1).rows()).isEqualTo(ROWS);
        assertThat(reports.get(reports.size() - 1).megabytesPerSecond()).isPositive();
    }

    @Test
    void smallBlocksSplitTheMatrixAtRowBoundaries() throws Exception {
        ParsedVectors parsed = ModelReader.read(ModelSource.of(write("blocks.txt", null, lines).toString()),
                ModelFormat.AUTO, p -> { }, 1000L * DIM * Float.BYTES, 0);
        assertThat(parsed.matrix().blockCount()).isEqualTo(ROWS / 1000);
        float[] row = new float[DIM];
        parsed.matrix().read(ROWS - 1, row, 0);
        assertThat(row[DIM - 1]).isEqualTo((float) Double.parseDouble(lines[ROWS - 1].substring(
                lines[ROWS - 1].lastIndexOf(' ') + 1)));
    }

    /**
     * A file without a count is sized from its first batch: the rows go into one block of about
     * their number rather than one grown by doubling. Whether its later lines are longer (fewer
     * rows than the estimate: the block is trimmed) or shorter (more rows: a second block takes
     * them), every row is kept, in order.
     */
    @Test
    void aFileWhoseLinesChangeLengthAfterTheFirstBatchKeepsEveryRow() throws Exception {
        for (boolean longerLater : new boolean[] {true, false}) {
            String[] body = lines.clone();
            for (int r = ROWS / 4; r < ROWS; r++) {
                // Later lines longer (trailing zeros) or shorter (fewer digits), the values as written.
                body[r] = longerLater ? body[r].replaceAll("(\\.\\d+)", "$10000000") : body[r].replaceAll("(\\.\\d{6})\\d+", "$1");
            }
            ParsedVectors parsed = read(write("changing-" + longerLater + ".txt", null, body));
            assertThat(parsed.vocabulary().size()).isEqualTo(ROWS);
            int lastBlockRows = ROWS - parsed.matrix().rowsPerBlock() * (parsed.matrix().blockCount() - 1);
            assertThat(parsed.matrix().blockCount()).as("blocks when later lines are %s", longerLater ? "longer" : "shorter")
                    .isEqualTo(longerLater ? 1 : 2);
            assertThat(lastBlockRows).isPositive();
            float[] row = new float[DIM];
            for (int r = 0; r < ROWS; r += 97) {
                String[] parts = body[r].split(" ");
                parsed.matrix().read(r, row, 0);
                assertThat(parsed.vocabulary().word(r)).isEqualTo(parts[0]);
                for (int d = 0; d < DIM; d++) {
                    assertThat(row[d]).isEqualTo((float) Double.parseDouble(parts[d + 1]));
                }
            }
        }
    }
}

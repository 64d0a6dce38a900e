package dev.wordvec.training;

import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.formats.UnicodeErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code train --init MODEL}: a pretrained model's vectors as the starting point, so that training
 * adapts them to the corpus. Words of the corpus's vocabulary that the model has start from its
 * vector (read exactly, as the model spells them); the others start random.
 */
final class InitialVectors {

    private InitialVectors() {
    }

    /** One row per corpus word: the model's vector, or null where the model lacks the word. */
    static float[][] read(String model, UnicodeErrors unicodeErrors, Corpus corpus, int dim, PrintStream err)
            throws IOException {
        ParsedVectors parsed = ModelCache.shared()
                .load(ModelSource.of(model), ModelFormat.AUTO, 0, unicodeErrors, p -> err.printf(Locale.ROOT,
                        "  reading %s: %d rows, %.1f MB%n", model, p.rows(), p.bytesRead() / 1e6));
        parsed.notes().forEach(note -> err.println("  note: " + note));
        if (parsed.dimension() != dim) {
            throw new IllegalArgumentException("--init " + model + " has " + parsed.dimension()
                    + " dimensions; train with --dim " + parsed.dimension());
        }
        float[][] rows = new float[corpus.words().size()][];
        int found = 0;
        for (int w = 0; w < rows.length; w++) {
            int row = parsed.vocabulary().rowOf(corpus.words().get(w));
            if (row >= 0) {
                rows[w] = new float[dim];
                parsed.matrix().read(row, rows[w], 0);
                found++;
            }
        }
        err.printf(Locale.ROOT, "  %d of the %d words start from %s; %d start random%n", found, rows.length, model,
                rows.length - found);
        return rows;
    }
}

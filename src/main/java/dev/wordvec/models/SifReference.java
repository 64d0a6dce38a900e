package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.TextLines;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.vectors.PrincipalComponent;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference set on which SIF's common component is fitted: a text file with one sentence per
 * line, typical of the traffic the model will see. Fitting once at load time, rather than on each
 * request's texts, gives every text the same vector whatever it is sent with.
 */
final class SifReference {

    private static final Logger log = LoggerFactory.getLogger(SifReference.class);

    private SifReference() {
    }

    /** The first principal component of the SIF vectors of the file's sentences (blank lines and unknown words skipped). */
    static float[] fit(Path file, SentenceEncoder sentences, TokenWeights sif) throws ModelFileException {
        List<float[]> vectors = new ArrayList<>();
        long line;
        if (!Files.isRegularFile(file)) {
            throw ModelFileException.of(file.toString(), "the SIF reference file does not exist", null);
        }
        try (TextLines lines = TextLines.open(new ModelSource(file.toString(), file, null), TextLines.Ends.LINE_FEED)) {
            for (String text; (text = lines.next()) != null; ) {
                float[] vector = sentences.encode(text, sif, OovPolicy.SKIP).vector();
                if (vector != null) {
                    vectors.add(vector);
                }
            }
            line = lines.line();
        } catch (TextLines.BadLine e) {
            throw ModelFileException.atLine(file.toString(), e.line(), "the SIF reference file: " + e.reason());
        } catch (IOException e) {
            throw ModelFileException.of(file.toString(), "cannot read the SIF reference file: " + e.getMessage(), e);
        }
        if (vectors.size() < 2) {
            throw ModelFileException.of(file.toString(), "the SIF reference file needs at least 2 lines with words "
                    + "the model knows; it has " + vectors.size(), null);
        }
        log.info("Fitted the SIF common component on {} of the {} lines of {}", vectors.size(), line, file);
        return PrincipalComponent.first(vectors);
    }
}

package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.vectors.PrincipalComponent;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 0;
        // Lines are decoded one at a time, so a bad byte is reported at its own line.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); ; b = in.read()) {
                if (b != '\n' && b != -1) {
                    bytes.write(b);
                    continue;
                }
                if (b == -1 && bytes.size() == 0) {
                    break;
                }
                line++;
                String text = decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                bytes.reset();
                float[] vector = sentences.encode(text, sif, OovPolicy.SKIP).vector();
                if (vector != null) {
                    vectors.add(vector);
                }
                if (b == -1) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            throw ModelFileException.of(file.toString(), "the SIF reference file does not exist", e);
        } catch (CharacterCodingException e) {
            throw ModelFileException.atLine(file.toString(), line, "the SIF reference file is not UTF-8 text");
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

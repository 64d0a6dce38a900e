package dev.wordvec.formats;

import java.io.IOException;

/**
 * Reads the rows of one file format. A new format is a class implementing this plus one line in
 * {@link ModelReader}'s choice of reader (and in {@link FormatDetector}, if it can be detected).
 */
interface VectorsReader {

    /**
     * Reads rows from {@code file}'s input (positioned at the start of the data) into a matrix,
     * adding each word with {@link ReadState#addWord}, until the end or the state's limit.
     *
     * @throws ModelFileException naming the line or offset of whatever does not add up
     */
    MatrixBuilder read(ReadState file) throws IOException;
}

package dev.wordvec.evaluation;

/** An evaluation set that cannot be read as one: names the set, the line and the reason. */
public final class EvaluationSetException extends RuntimeException {

    public EvaluationSetException(String set, long line, String reason) {
        super(line > 0 ? set + ", line " + line + ": " + reason : set + ": " + reason);
    }
}

package dev.wordvec.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The corpus cut into runs of whole sentences of about {@link #WORDS} words, which the training
 * threads take in order, epoch after epoch, each the next one not yet taken: gensim's job queue.
 * So all threads move through the corpus together, and a part of the corpus is trained at the
 * learning rate its place in the corpus gives it, as in gensim (with fixed halves, the end of the
 * first half was trained last, beside the end of the corpus). One thread takes every run in turn,
 * so it meets the sentences in the corpus's order, epoch after epoch.
 */
final class Chunks {

    /** gensim's {@code batch_words}: the words of a job. */
    static final int WORDS = 10_000;

    private final int[] firstSentences;
    private final int perEpoch;
    private final long total;
    private final AtomicLong next = new AtomicLong();

    Chunks(int[] sentenceEnds, int epochs) {
        List<Integer> firsts = new ArrayList<>();
        int start = 0;
        for (int s = 0; s < sentenceEnds.length; s++) {
            if (s == 0 || sentenceEnds[s - 1] - start >= WORDS) {
                firsts.add(s);
                start = s == 0 ? 0 : sentenceEnds[s - 1];
            }
        }
        firsts.add(sentenceEnds.length);
        firstSentences = firsts.stream().mapToInt(Integer::intValue).toArray();
        perEpoch = firstSentences.length - 1;
        total = (long) perEpoch * epochs;
    }

    /** The next run not yet taken, or -1 when every epoch's runs are taken. */
    long take() {
        long chunk = next.getAndIncrement();
        return chunk < total ? chunk : -1;
    }

    int epoch(long chunk) {
        return (int) (chunk / perEpoch);
    }

    int firstSentence(long chunk) {
        return firstSentences[(int) (chunk % perEpoch)];
    }

    int endSentence(long chunk) {
        return firstSentences[(int) (chunk % perEpoch) + 1];
    }
}

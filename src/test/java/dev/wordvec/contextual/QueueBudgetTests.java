package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueueBudgetTests {

    @Test
    void requestsAreLetInUntilTheNextWouldPassTheLimitAndAnsweredOnesGiveTheirShareBack() {
        QueueBudget budget = new QueueBudget(1_000, "set to 1000B");
        QueueBudget.Reservation first = budget.reserve(600, 3, "minilm");
        QueueBudget.Reservation second = budget.reserve(400, 2, "minilm");
        assertThat(budget.held()).isEqualTo(1_000);
        assertThatThrownBy(() -> budget.reserve(1, 1, "e5")).isInstanceOf(QueueBudget.QueueFullException.class)
                .hasMessageContaining("5 text(s) already wait")
                .hasMessageContaining("wordvec.batching.queued-text-memory, set to 1000B")
                .hasMessageContaining("this request's 1 text(s) for model 'e5'");
        assertThat(budget.refused()).isEqualTo(1);
        assertThat(budget.heldTexts()).isEqualTo(5);
        first.close();
        first.close(); // closing twice gives back once
        assertThat(budget.heldTexts()).isEqualTo(2);
        assertThat(budget.held()).isEqualTo(400);
        try (QueueBudget.Reservation third = budget.reserve(600, 1, "minilm")) {
            assertThat(budget.held()).isEqualTo(1_000);
        }
        second.close();
        assertThat(budget.held()).isZero();
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsLetInAloneSoThatItIsStillAnswered() {
        QueueBudget budget = new QueueBudget(100, "set to 100B");
        try (QueueBudget.Reservation alone = budget.reserve(5_000, 2_048, "minilm")) {
            assertThatThrownBy(() -> budget.reserve(1, 1, "minilm"))
                    .isInstanceOf(QueueBudget.QueueFullException.class);
        }
        budget.reserve(5_000, 2_048, "minilm").close();
    }

    @Test
    void aTextIsCountedByItsLengthUpToTheNetworksMaximumTokens() {
        String word = "word";
        // 4 characters as body and string, 6 tokens at most (the word's 4 and two special ones), 384 floats.
        assertThat(QueueBudget.textBytes(word, 128, 384, 0)).isEqualTo(3 * 4 + 32 * 6 + 4 * 384 + 96);
        String page = "x".repeat(1_000);
        assertThat(QueueBudget.textBytes(page, 128, 384, 0)).isEqualTo(3 * 1_000 + 32 * 128 + 4 * 384 + 96);
        // Token vectors: 384 floats for each token; no maximum (0) counts every character.
        assertThat(QueueBudget.textBytes(page, 0, 0, 384)).isEqualTo(3 * 1_000 + (32 + 4 * 384) * 1_002L + 96);
        // A request of 2,048 texts of 150 words cut at 128 tokens: about 18 MB (15 measured, jmap).
        long bulk = 2_048 * QueueBudget.textBytes("w".repeat(950), 128, 384, 0);
        assertThat(bulk >> 20).isBetween(15L, 20L);
    }

    @Test
    void aBudgetOfNothingIsRefused() {
        assertThatThrownBy(() -> new QueueBudget(0, "set to 0B")).isInstanceOf(IllegalArgumentException.class);
    }
}

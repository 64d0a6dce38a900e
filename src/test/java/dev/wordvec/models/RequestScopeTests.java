package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a request is counted by the models it takes, on the thread that serves it. */
class RequestScopeTests {

    private final RequestScope scope = new RequestScope();
    private final RequestsInFlight taken = new RequestsInFlight();
    private final RequestsInFlight other = new RequestsInFlight();

    @Test
    void aRequestCountsOnceForEachModelItTakesUntilItEnds() {
        assertThat(scope.open()).isTrue();
        scope.taking(taken);
        scope.taking(taken); // a second look at the same model
        RequestsInFlight.Period beforeSwap = taken.swapped();
        RequestsInFlight.Period untouched = other.swapped();
        assertThat(beforeSwap.ended()).isFalse();
        assertThat(untouched.ended()).as("a model the request never took").isTrue();
        scope.close();
        assertThat(beforeSwap.ended()).as("counted once, ended once").isTrue();
    }

    @Test
    void aModelTakenOutsideARequestOrAfterItEndedCountsNothing() {
        scope.taking(taken);
        assertThat(scope.open()).isTrue();
        scope.close();
        scope.taking(taken);
        assertThat(taken.swapped().ended()).isTrue();
    }

    @Test
    void aNestedOpenLeavesTheRequestToItsOpener() {
        assertThat(scope.open()).isTrue();
        assertThat(scope.open()).as("a nested dispatch of the same request").isFalse();
        scope.taking(taken);
        RequestsInFlight.Period beforeSwap = taken.swapped();
        assertThat(beforeSwap.ended()).isFalse();
        scope.close();
        assertThat(beforeSwap.ended()).isTrue();
    }
}

package dev.wordvec.formats;

import java.util.List;

/** Names joined for a message, as a person lists them: "a, b or c". */
final class Choices {

    private Choices() {
    }

    static String of(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}

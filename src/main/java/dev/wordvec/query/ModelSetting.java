package dev.wordvec.query;

/**
 * A model's setting written as a user must write it to reach that model. A name with a dot in it
 * ({@code glove.6B}) goes in brackets, {@code wordvec.models[glove.6B].path}: written with dots,
 * Spring Boot reads {@code glove} as the name and {@code 6B.path} as a setting of it, so advice
 * that spelt it so would be refused when followed.
 */
public final class ModelSetting {

    private ModelSetting() {
    }

    /** {@code wordvec.models.NAME}, or {@code wordvec.models[NAME]} for a name with a dot. */
    public static String of(String model) {
        return model.indexOf('.') >= 0 ? "wordvec.models[" + model + "]" : "wordvec.models." + model;
    }

    /** {@code wordvec.models.NAME.KEY}, the name in brackets when it has a dot. */
    public static String of(String model, String key) {
        return of(model) + "." + key;
    }
}

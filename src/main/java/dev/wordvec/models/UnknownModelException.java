package dev.wordvec.models;

import java.util.Collection;
import java.util.List;

/** A request named a model that is not configured. */
public final class UnknownModelException extends RuntimeException {

    private final String model;
    private final List<String> known;

    public UnknownModelException(String model, Collection<String> known) {
        super("no model named '" + model + "'; the models are " + known);
        this.model = model;
        this.known = List.copyOf(known);
    }

    public String model() {
        return model;
    }

    public List<String> known() {
        return known;
    }
}

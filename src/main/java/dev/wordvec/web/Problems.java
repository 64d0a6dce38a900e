package dev.wordvec.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem statuses a route can answer with, so that its OpenAPI operation lists each one
 * (with the RFC 9457 body) without repeating the same response annotations on every method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Problems {

    /** HTTP statuses, such as 400, 404, 413; 503 (model not ready) is added for every route that reads a model. */
    int[] value();
}

package dev.wordvec.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service on a random port with the built-in MiniLM, float32 ({@code minilm}) and quantised
 * ({@code minilm-q}), beside a small word-vector model ({@code glove}, the default). Every test
 * class so annotated shares one running context: the networks load once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.minilm.kind=contextual",
    "wordvec.models.minilm-q.kind=contextual",
    "wordvec.models.minilm-q.quantized=true",
    "wordvec.default-model=glove",
    "wordvec.batching.max-wait-micros=2000",
})
public @interface ContextualModels {
}

package dev.wordvec;

import dev.wordvec.vectors.PyTorchEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the wordvec HTTP service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WordvecApplication {

    public static void main(String[] args) {
        // Must precede any DJL class initialisation; application properties are read too late.
        PyTorchEngine.configureOffline();
        SpringApplication.run(WordvecApplication.class, args);
    }
}

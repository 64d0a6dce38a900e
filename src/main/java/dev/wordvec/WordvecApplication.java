package dev.wordvec;

import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.vectors.PyTorchEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the wordvec HTTP service, or runs {@code convert} (see {@link ConvertCommand}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WordvecApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("convert")) {
            System.exit(ConvertCommand.run(args, System.out, System.err));
        }
        // Must precede any DJL class initialisation; application properties are read too late.
        PyTorchEngine.configureOffline();
        SpringApplication.run(WordvecApplication.class, args);
    }
}

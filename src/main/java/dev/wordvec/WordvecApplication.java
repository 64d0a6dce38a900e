package dev.wordvec;

import dev.wordvec.download.DownloadCommand;
import dev.wordvec.evaluation.EvaluateCommand;
import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.probe.ProbeCommand;
import dev.wordvec.reduction.ReduceCommand;
import dev.wordvec.training.TrainCommand;
import dev.wordvec.vectors.PyTorchEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the wordvec HTTP service, or runs a command: {@code convert} (see {@link ConvertCommand}),
 * {@code download} ({@link DownloadCommand}), {@code evaluate} ({@link EvaluateCommand}),
 * {@code reduce} ({@link ReduceCommand}), {@code train} ({@link TrainCommand}), {@code probe} ({@link ProbeCommand}) or
 * {@code engine} ({@link PyTorchEngine#describe}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WordvecApplication {

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("convert", "download", "evaluate", "reduce", "train", "probe",
            "engine");

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            CommandLogging.toStandardError();
        }
        if (args.length > 0 && args[0].equals("convert")) {
            System.exit(ConvertCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("download")) {
            System.exit(DownloadCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("evaluate")) {
            System.exit(EvaluateCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("train")) {
            System.exit(TrainCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("reduce")) {
            System.exit(ReduceCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("probe")) {
            System.exit(ProbeCommand.run(args, System.getenv("WORDVEC_API_KEY"), System.out, System.err));
        }
        if (args.length == 1 && args[0].equals("engine")) {
            System.exit(PyTorchEngine.describe(System.out, System.err));
        }
        // Must precede any DJL class initialisation; application properties are read too late.
        PyTorchEngine.configureOffline();
        SpringApplication application = new SpringApplication(WordvecApplication.class);
        application.addListeners(new EarlyEngineStart());
        application.run(args);
    }
}

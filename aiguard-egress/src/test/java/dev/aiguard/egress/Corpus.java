package dev.aiguard.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads the shared SSRF corpora ({@code ../shared/corpus}); tests skip when the directory is absent. */
final class Corpus {

    /** One corpus line. */
    record Entry(String text, String category) {
    }

    private Corpus() {
    }

    static List<Entry> load(String file) {
        String shared = System.getProperty("aiguard.shared.dir", "../shared");
        Path path = Path.of(shared, "corpus", file);
        assumeTrue(Files.isReadable(path), "SSRF corpus not found at " + path + " (set -Daiguard.shared.dir)");
        ObjectMapper json = new ObjectMapper();
        try {
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).map(l -> {
                try {
                    JsonNode n = json.readTree(l);
                    return new Entry(n.get("text").asText(), n.get("category").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

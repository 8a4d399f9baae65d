package dev.aiguard.api.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes policy files the way deployment tools do: a temporary file renamed over the old one. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static void replace(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".part");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

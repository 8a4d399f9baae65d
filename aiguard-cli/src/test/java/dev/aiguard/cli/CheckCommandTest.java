package dev.aiguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void validPolicyExitsZero() throws IOException {
        Path policy = write("ok.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: keyword
                    word: attack
                """);
        CliRun run = CliRun.of("check", policy.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ok.yaml: ok");
    }

    @Test
    void invalidPolicyExitsOneAndListsEveryError() throws IOException {
        Path policy = write("bad.yaml", """
                apiVersion: aiguard.dev/v1
                mode: enforcee
                stages:
                  - type: keyword
                    wrod: attack
                """);
        CliRun run = CliRun.of("check", policy.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("bad.yaml:2:7: mode:")
                .contains("bad.yaml:5:5: stages[0].wrod: unknown key 'wrod' (did you mean 'word'?)")
                .contains("bad.yaml: ");
    }

    @Test
    void oneBadPolicyAmongSeveralFailsTheRun() throws IOException {
        Path good = write("good.yaml", "apiVersion: aiguard.dev/v1\n");
        Path bad = write("bad.yaml", "apiVersion: aiguard.dev/v2\n");
        CliRun run = CliRun.of("check", good.toString(), bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("good.yaml: ok");
        assertThat(run.err()).contains("bad.yaml:1:");
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = CliRun.of("check");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

package dev.aiguard.api.internal.events;

import dev.aiguard.api.ConfigProblems;
import dev.aiguard.api.EventSink;
import dev.aiguard.api.EventSinkFactory;

import java.io.IOException;
import java.nio.file.Path;

/** {@code type: file}: events as OCSF JSON Lines appended to a file by a background writer. */
public final class FileEventSinkFactory implements EventSinkFactory<FileSinkConfig> {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Class<FileSinkConfig> configType() {
        return FileSinkConfig.class;
    }

    @Override
    public void validate(FileSinkConfig config, ConfigProblems problems) {
        problems.require(config.path() != null && !config.path().isBlank(), "path", "must not be empty");
        problems.require(config.queueSize() > 0, "queueSize", "must be > 0");
    }

    @Override
    public EventSink create(FileSinkConfig config, Path baseDirectory) throws IOException {
        Path path = Path.of(config.path());
        if (!path.isAbsolute() && baseDirectory != null) {
            path = baseDirectory.resolve(path).normalize();
        }
        return new FileEventSink(path, config.queueSize(), new OcsfEventMapper());
    }
}
